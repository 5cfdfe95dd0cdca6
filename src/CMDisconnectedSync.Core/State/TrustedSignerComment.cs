using System.Globalization;
using CMDisconnectedSync.Signing;

namespace CMDisconnectedSync.State;

/// <summary>
/// The comment after a thumbprint in <c>trusted-signers.txt</c>: the subject, then <c>[expires 2027-12-07T10:00:00Z]</c>
/// when the certificate's NotAfter is known. Files written before expiry was recorded (subject only) read as before;
/// a subject that merely contains brackets stays the subject.
/// </summary>
public static class TrustedSignerComment
{
    private const string Prefix = "[expires ";
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string Format(SignerIdentity signer)
    {
        _ = signer ?? throw new ArgumentNullException(nameof(signer));
        return signer.NotAfterUtc is { } notAfter
            ? signer.Subject + " " + Prefix + notAfter.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) + "]"
            : signer.Subject;
    }

    public static (string Subject, DateTimeOffset? NotAfterUtc) Parse(string comment)
    {
        _ = comment ?? throw new ArgumentNullException(nameof(comment));
        var start = comment.LastIndexOf(Prefix, StringComparison.Ordinal);
        if (start < 0 || comment[comment.Length - 1] != ']')
        {
            return (comment, null);
        }

        var value = comment.Substring(start + Prefix.Length, comment.Length - start - Prefix.Length - 1);
        return DateTime.TryParseExact(value, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? (comment.Substring(0, start).TrimEnd(), new DateTimeOffset(parsed, TimeSpan.Zero))
            : (comment, null);
    }
}
