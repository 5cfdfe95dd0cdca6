using System.Buffers.Binary;

namespace CMDisconnectedSync.IO;

/// <summary>
/// A SHA-256 digest held as 32 bytes inline (four 64-bit words) instead of a 64-character hex string: a
/// million manifest entries keep 32 MB of digests rather than ~150 MB of strings, and comparing two digests is four
/// integer compares. Converts losslessly to and from the lowercase hex that manifests carry (<see cref="Sha256Hex"/>).
/// </summary>
internal readonly struct Sha256Digest : IEquatable<Sha256Digest>
{
    public const int ByteLength = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    private Sha256Digest(ulong a, ulong b, ulong c, ulong d)
    {
        _a = a;
        _b = b;
        _c = c;
        _d = d;
    }

    /// <summary>The digest of 32 raw bytes (big-endian words, so byte order is kept exactly).</summary>
    public static Sha256Digest FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteLength)
        {
            throw new ArgumentException($"A SHA-256 digest is {ByteLength} bytes, not {bytes.Length}.", nameof(bytes));
        }

        return new Sha256Digest(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes.Slice(8)),
            BinaryPrimitives.ReadUInt64BigEndian(bytes.Slice(16)),
            BinaryPrimitives.ReadUInt64BigEndian(bytes.Slice(24)));
    }

    /// <summary>
    /// Parses exactly 64 lowercase hex digits (the only form <see cref="Sha256Hex.IsWellFormed"/> accepts); anything
    /// else returns false, so callers keep the original text and report it as malformed.
    /// </summary>
    public static bool TryParse(string? hex, out Sha256Digest digest)
    {
        digest = default;
        if (hex is null || hex.Length != Sha256Hex.HexLength)
        {
            return false;
        }

        Span<ulong> words = stackalloc ulong[4];
        for (var w = 0; w < 4; w++)
        {
            ulong word = 0;
            for (var i = w * 16; i < (w * 16) + 16; i++)
            {
                var c = hex[i];
                int nibble;
                if (c is >= '0' and <= '9')
                {
                    nibble = c - '0';
                }
                else if (c is >= 'a' and <= 'f')
                {
                    nibble = c - 'a' + 10;
                }
                else
                {
                    return false;
                }

                word = (word << 4) | (uint)nibble;
            }

            words[w] = word;
        }

        digest = new Sha256Digest(words[0], words[1], words[2], words[3]);
        return true;
    }

    public static bool operator ==(Sha256Digest left, Sha256Digest right) => left.Equals(right);

    public static bool operator !=(Sha256Digest left, Sha256Digest right) => !left.Equals(right);

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(8), _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(16), _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(24), _d);
    }

    public bool Equals(Sha256Digest other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is Sha256Digest other && Equals(other);

    public override int GetHashCode() => _a.GetHashCode();

    /// <summary>Lowercase hex, as written in manifests.</summary>
    public override string ToString()
    {
        var bytes = new byte[ByteLength];
        CopyTo(bytes);
        return Sha256Hex.Format(bytes);
    }
}
