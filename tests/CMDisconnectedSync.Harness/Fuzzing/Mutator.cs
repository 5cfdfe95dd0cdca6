using System.Text;
using System.Text.RegularExpressions;

namespace CMDisconnectedSync.Harness.Fuzzing;

/// <summary>
/// Turns a valid document into a nearly valid one: byte-level damage (flips, cuts, inserts, splices) and JSON-aware
/// edits (a value replaced by one of another type or at a boundary: null, -1, 2^63, 1e400, "", [], a far date...),
/// which reach the checks behind the JSON parser that random bytes never reach.
/// </summary>
internal static partial class Mutator
{
    private static readonly string[] InterestingValues =
    [
        "null", "true", "false", "0", "-1", "1", "1.5", "1e400", "-1e400", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "4611686018427387904", "2147483648", "\"\"", "\" \"", "\"x\"", "\"1.0\"", "\"2.0\"", "\"01.0\"", "\"1\"", "[]", "{}", "[null]",
        "{\"a\":null}", "[[]]", "\"2026-11-25T12:00:00.0000000Z\"", "\"9999-12-31T23:59:59.9999999Z\"", "\"0001-01-01T00:00:00.0000000Z\"",
        "\"9999-12-31T23:59:59-01:00\"", "\"0001-01-01T00:00:00+14:00\"", "\"\\u0000\"", "\"../x\"", "\"C:/x\"", "\"a\\\\b\"", "\"\\ud800\"",
        "\"" + new string('a', 64) + "\"", "\"" + new string('A', 64) + "\"", "\"Started\"", "\"Completed\"", "\"Failed\"", "\"New\"", "\"Changed\"",
        "\"Bogus\"", "[{\"index\":1,\"volume\":1,\"size\":1,\"sha256\":null}]", "[null,null]", "\"" + new string('x', 5000) + "\"",
    ];

    public static byte[] Mutate(byte[] seed, IReadOnlyList<byte[]> others, Random random, int mutations)
    {
        var bytes = seed;
        for (var m = 0; m < mutations; m++)
        {
            bytes = random.Next(10) switch
            {
                < 4 => ReplaceJsonValue(bytes, random),
                4 => FlipByte(bytes, random),
                5 => DeleteRange(bytes, random),
                6 => InsertBytes(bytes, random),
                7 => DuplicateRange(bytes, random),
                8 => Splice(bytes, others[random.Next(others.Count)], random),
                _ => bytes.Length == 0 ? bytes : bytes[..random.Next(bytes.Length)],
            };
        }

        return bytes;
    }

    private static byte[] ReplaceJsonValue(byte[] bytes, Random random)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var matches = JsonValue().Matches(text);
        if (matches.Count == 0)
        {
            return FlipByte(bytes, random);
        }

        var match = matches[random.Next(matches.Count)];
        var replacement = random.Next(4) == 0 ? match.Value + "," + match.Value : InterestingValues[random.Next(InterestingValues.Length)];
        return Encoding.UTF8.GetBytes(text[..match.Index] + replacement + text[(match.Index + match.Length)..]);
    }

    private static byte[] FlipByte(byte[] bytes, Random random)
    {
        if (bytes.Length == 0)
        {
            return [(byte)random.Next(256)];
        }

        var copy = (byte[])bytes.Clone();
        copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private static byte[] DeleteRange(byte[] bytes, Random random)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var start = random.Next(bytes.Length);
        var length = Math.Min(bytes.Length - start, 1 + random.Next(16));
        return [.. bytes[..start], .. bytes[(start + length)..]];
    }

    private static byte[] InsertBytes(byte[] bytes, Random random)
    {
        var insert = new byte[1 + random.Next(8)];
        const string JsonChars = "{}[]\":,0123456789-.eEtrufalsn \\/u\n";
        for (var i = 0; i < insert.Length; i++)
        {
            insert[i] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)JsonChars[random.Next(JsonChars.Length)];
        }

        var at = random.Next(bytes.Length + 1);
        return [.. bytes[..at], .. insert, .. bytes[at..]];
    }

    private static byte[] DuplicateRange(byte[] bytes, Random random)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var start = random.Next(bytes.Length);
        var length = Math.Min(bytes.Length - start, 1 + random.Next(64));
        return [.. bytes[..(start + length)], .. bytes[start..]];
    }

    private static byte[] Splice(byte[] bytes, byte[] other, Random random) =>
        [.. bytes[..random.Next(bytes.Length + 1)], .. other[random.Next(other.Length + 1)..]];

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|true|false|null|\\[\\]|\\{\\}", RegexOptions.CultureInvariant)]
    private static partial Regex JsonValue();
}
