using System.Security.Cryptography;

namespace CMDisconnectedSync.IO;

/// <summary>SHA-256 as the lowercase hex string used in manifests, receipts and logs.</summary>
public static class Sha256Hex
{
    public const int HexLength = 64;

    /// <summary>Streams the file (constant memory whatever its size) and returns its SHA-256.</summary>
    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = FileStreams.OpenSequentialRead(path);
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

        return Format(hash.GetHashAndReset());
    }

    public static string OfBytes(byte[] data)
    {
        _ = data ?? throw new ArgumentNullException(nameof(data));
        using var sha = SHA256.Create();
        return Format(sha.ComputeHash(data));
    }

    public static string Format(byte[] digest)
    {
        _ = digest ?? throw new ArgumentNullException(nameof(digest));
        const string Digits = "0123456789abcdef";
        var chars = new char[digest.Length * 2];
        for (var i = 0; i < digest.Length; i++)
        {
            chars[2 * i] = Digits[digest[i] >> 4];
            chars[(2 * i) + 1] = Digits[digest[i] & 0xF];
        }

        return new string(chars);
    }

    /// <summary>True for exactly 64 lowercase hex digits (what <see cref="Format"/> writes).</summary>
    public static bool IsWellFormed(string? value)
    {
        if (value is null || value.Length != HexLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is not (>= '0' and <= '9') and not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
