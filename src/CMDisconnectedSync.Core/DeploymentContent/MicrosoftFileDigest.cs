using System.Security.Cryptography;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.DeploymentContent;

/// <summary>The hash algorithm of a Microsoft update file digest.</summary>
public enum MicrosoftDigestAlgorithm
{
    /// <summary>SHA-1 (20 bytes): WSUS metadata's <c>Digest</c> with <c>DigestAlgorithm="SHA1"</c>, WsusContent file names, ConfigMgr's <c>SHA1:</c> content hashes.</summary>
    Sha1,

    /// <summary>SHA-256 (32 bytes): WSUS metadata's <c>AdditionalDigest Algorithm="SHA256"</c>.</summary>
    Sha256,
}

/// <summary>
/// Microsoft's own digest of an update file: what <c>SMS_CIContentFiles.FileHash</c> and WSUS metadata promise, checked
/// against the bytes we download or carry. Our bundle signature proves who exported a file; this digest proves Microsoft
/// published it.
/// </summary>
/// <remarks>
/// <para>Forms accepted by <see cref="Parse"/>, each from a public source:</para>
/// <list type="bullet">
/// <item><c>SHA1:83D5BB38D8C50D924F3DCD024B20FE33AFBD9D14</c>: the SMS Provider's own form. Microsoft's support article
/// "Track the software update deployment process in Configuration Manager" (learn.microsoft.com/troubleshoot/mem/configmgr/
/// update-management/track-software-update-deployment-process; MicrosoftDocs/SupportArticles-docs@e18717ea
/// support/mem/configmgr/update-management/track-software-update-deployment-process.md) shows SMSProv.log during
/// <c>AddUpdateContent</c>: <c>ContentFileHash = SHA1:83D5BB38D8C50D924F3DCD024B20FE33AFBD9D14</c> for the content whose
/// SourceURL ends <c>_83d5bb38d8c50d924f3dcd024b20fe33afbd9d14.cab</c>. That <c>SMS_CIContentFiles.FileHash</c> (documented
/// only as "The file hash", learn.microsoft.com/mem/configmgr/develop/reference/sum/sms_cicontentfiles-server-wmi-class)
/// returns exactly this string is unconfirmed: doctor row <c>configmgr.sum.contentFileHash</c>.</item>
/// <item>A prefix <c>SHA256:</c>, and bare hex of 40 or 64 digits (the algorithm read from the length): the same
/// notation for the other algorithm ConfigMgr clients see (the same article's client log shows
/// <c>&lt;FileContent … Hash="8E8E…CD63" HashAlgorithm="SHA1"/&gt;</c>, bare hex with the algorithm beside it).</item>
/// <item>Base64 of 20 or 32 bytes, with or without the prefix: WSUS metadata's form (<c>File Digest="…"
/// DigestAlgorithm="SHA1"</c>, <c>AdditionalDigest Algorithm="SHA256"</c>; MS-WSUSSS ServerSyncUrlData.FileDigest is
/// <c>xsd:base64Binary</c> of 20 bytes; Microsoft's microsoft/update-server-server-sync@e63f20dd
/// src/microsoft-update-partition/Storage/FileSystem/ContentHash.cs compares <c>Convert.FromBase64String(Digest)</c>).</item>
/// </list>
/// <para>Anything else (another prefix, a length that fits neither algorithm, a prefix that disagrees with the length,
/// stray characters) is refused with <see cref="MicrosoftFileDigestFormatException"/>: guessing would turn a digest we do
/// not understand into a check that cannot fail.</para>
/// </remarks>
public sealed class MicrosoftFileDigest : IEquatable<MicrosoftFileDigest>
{
    public const int Sha1Length = 20;
    public const int Sha256Length = 32;

    private readonly byte[] _value;

    public MicrosoftFileDigest(MicrosoftDigestAlgorithm algorithm, byte[] value)
    {
        _ = value ?? throw new ArgumentNullException(nameof(value));
        if (value.Length != LengthOf(algorithm))
        {
            throw new ArgumentException($"A {Name(algorithm)} digest has {LengthOf(algorithm)} bytes, not {value.Length}.", nameof(value));
        }

        Algorithm = algorithm;
        _value = (byte[])value.Clone();
    }

    public MicrosoftDigestAlgorithm Algorithm { get; }

    /// <summary>The digest bytes (a copy).</summary>
    public byte[] Value => (byte[])_value.Clone();

    /// <summary>Upper-case hex, as ConfigMgr logs it and WsusContent names files.</summary>
    public string Hex => Sha256Hex.Format(_value).ToUpperInvariant();

    /// <summary>Base64, as WSUS metadata carries it.</summary>
    public string Base64 => Convert.ToBase64String(_value);

    /// <summary>Parses a digest in one of the documented forms (see the type remarks); throws on anything else.</summary>
    /// <param name="text">The digest text, e.g. <c>SMS_CIContentFiles.FileHash</c>.</param>
    /// <param name="context">What the digest belongs to, for the error (e.g. "content 16777459 windows10.0-kb5031356-x64.cab").</param>
    public static MicrosoftFileDigest Parse(string? text, string? context = null)
    {
        var problem = TryParseCore(text, out var digest);
        return problem is null
            ? digest!
            : throw new MicrosoftFileDigestFormatException(text, context, problem);
    }

    public static bool TryParse(string? text, out MicrosoftFileDigest? digest) => TryParseCore(text, out digest) is null;

    /// <summary>Digest of a stream read to its end with <paramref name="algorithm"/>.</summary>
    public static async Task<MicrosoftFileDigest> ComputeAsync(Stream stream, MicrosoftDigestAlgorithm algorithm, CancellationToken cancellationToken)
    {
        _ = stream ?? throw new ArgumentNullException(nameof(stream));
        using var hash = CreateHash(algorithm);
        var buffer = FileStreams.RentBuffer();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            FileStreams.ReturnBuffer(buffer);
        }

        return new MicrosoftFileDigest(algorithm, hash.GetHashAndReset());
    }

    /// <summary>Digest of a file with <paramref name="algorithm"/>.</summary>
    public static async Task<MicrosoftFileDigest> ComputeFileAsync(string path, MicrosoftDigestAlgorithm algorithm, CancellationToken cancellationToken)
    {
        using var stream = FileStreams.OpenSequentialRead(path);
        return await ComputeAsync(stream, algorithm, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A hash of <see cref="Algorithm"/> to feed bytes into while they stream past (download, copy).</summary>
    public IncrementalHash CreateHash() => CreateHash(Algorithm);

    public static IncrementalHash CreateHash(MicrosoftDigestAlgorithm algorithm) => algorithm switch
    {
#pragma warning disable CA5350 // SHA-1 is what Microsoft publishes for update files; we compare, we do not sign with it.
        MicrosoftDigestAlgorithm.Sha1 => IncrementalHash.CreateHash(HashAlgorithmName.SHA1),
#pragma warning restore CA5350
        MicrosoftDigestAlgorithm.Sha256 => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown digest algorithm."),
    };

    /// <summary>True when <paramref name="actual"/> (computed bytes) equals this digest, in constant time.</summary>
    public bool Matches(byte[] actual)
    {
        if (actual is null || actual.Length != _value.Length)
        {
            return false;
        }

        var difference = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            difference |= actual[i] ^ _value[i];
        }

        return difference == 0;
    }

    public static string Name(MicrosoftDigestAlgorithm algorithm) => algorithm == MicrosoftDigestAlgorithm.Sha1 ? "SHA1" : "SHA256";

    public static int LengthOf(MicrosoftDigestAlgorithm algorithm) => algorithm switch
    {
        MicrosoftDigestAlgorithm.Sha1 => Sha1Length,
        MicrosoftDigestAlgorithm.Sha256 => Sha256Length,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown digest algorithm."),
    };

    /// <summary>The SMS Provider's notation: <c>SHA1:</c> + upper-case hex.</summary>
    public override string ToString() => Name(Algorithm) + ":" + Hex;

    public bool Equals(MicrosoftFileDigest? other) =>
        other is not null && other.Algorithm == Algorithm && other._value.AsSpan().SequenceEqual(_value);

    public override bool Equals(object? obj) => Equals(obj as MicrosoftFileDigest);

    public override int GetHashCode() => BitConverter.ToInt32(_value, 0) ^ (int)Algorithm;

    private static string? TryParseCore(string? text, out MicrosoftFileDigest? digest)
    {
        digest = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "it is empty";
        }

        var body = text!.Trim();
        MicrosoftDigestAlgorithm? declared = null;
        var colon = body.IndexOf(':');
        if (colon >= 0)
        {
            var prefix = body.Substring(0, colon);
            declared = prefix.ToUpperInvariant() switch
            {
                "SHA1" or "SHA-1" => MicrosoftDigestAlgorithm.Sha1,
                "SHA256" or "SHA-256" => MicrosoftDigestAlgorithm.Sha256,
                _ => null,
            };
            if (declared is null)
            {
                return $"the prefix '{prefix}:' names no algorithm we know (SHA1: or SHA256:)";
            }

            body = body.Substring(colon + 1);
        }

        byte[]? bytes = TryHex(body);
        if (bytes is null && body.Length is 28 or 44)
        {
            bytes = TryBase64(body);
        }

        if (bytes is null)
        {
            return $"'{Shorten(body)}' is neither 40 or 64 hex digits nor the base64 of a 20- or 32-byte digest";
        }

        MicrosoftDigestAlgorithm algorithm;
        switch (bytes.Length)
        {
            case Sha1Length:
                algorithm = MicrosoftDigestAlgorithm.Sha1;
                break;
            case Sha256Length:
                algorithm = MicrosoftDigestAlgorithm.Sha256;
                break;
            default:
                return $"it holds {bytes.Length} bytes, which is neither a SHA-1 (20) nor a SHA-256 (32) digest";
        }

        if (declared is { } d && d != algorithm)
        {
            return $"the prefix says {Name(d)} but the value has {bytes.Length} bytes ({Name(algorithm)})";
        }

        digest = new MicrosoftFileDigest(algorithm, bytes);
        return null;
    }

    private static byte[]? TryHex(string text)
    {
        if (text.Length is not (40 or 64))
        {
            return null;
        }

        var bytes = new byte[text.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            var high = HexValue(text[2 * i]);
            var low = HexValue(text[(2 * i) + 1]);
            if (high < 0 || low < 0)
            {
                return null;
            }

            bytes[i] = (byte)((high << 4) | low);
        }

        return bytes;
    }

    private static byte[]? TryBase64(string text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' or '='))
            {
                return null;
            }
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string Shorten(string text) => text.Length <= 80 ? text : $"{text.Substring(0, 77)}...";
}

/// <summary>A Microsoft file digest (SMS_CIContentFiles.FileHash, WSUS metadata) is not in a form we know.</summary>
public sealed class MicrosoftFileDigestFormatException : FormatException
{
    public MicrosoftFileDigestFormatException(string? text, string? context, string problem)
        : base($"{(string.IsNullOrEmpty(context) ? "A file" : context)}: Microsoft's file digest '{text}' cannot be read: {problem}. "
               + "Expected 'SHA1:' or 'SHA256:' followed by hex (the SMS Provider's form), bare hex, or base64 (WSUS metadata). "
               + "Run 'cmdsync doctor' on the site server and send us the configmgr.sum.contentFileHash row.")
    {
        Text = text;
        Problem = problem;
    }

    public MicrosoftFileDigestFormatException()
    {
    }

    public MicrosoftFileDigestFormatException(string message)
        : base(message)
    {
    }

    public MicrosoftFileDigestFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? Text { get; }

    public string? Problem { get; }
}
