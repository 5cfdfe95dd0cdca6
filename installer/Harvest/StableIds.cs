using System.Security.Cryptography;
using System.Text;

namespace CMDisconnectedSync.Installer.Harvest;

/// <summary>
/// Deterministic MSI identifiers and GUIDs derived from the install location, so the same file at the same place gets
/// the same File/Component id and component GUID in every build (component rules: the GUID follows the path; a file
/// that moves gets a new component).
/// </summary>
internal static class StableIds
{
    /// <summary>
    /// <paramref name="prefix"/> + "_" + 32 hex digits of SHA-256(key): 36 characters, well inside the 72 an MSI
    /// identifier allows, starting with a letter and using only [A-Za-z0-9_].
    /// </summary>
    public static string Identifier(string prefix, string key) => prefix + "_" + HexOf(key)[..32];

    /// <summary>
    /// A name-based GUID (RFC 9562 version 8, i.e. custom: the first 16 bytes of SHA-256 of <paramref name="key"/>
    /// with the version and variant bits set), upper case as MSI writes GUIDs. SHA-256 rather than the SHA-1 of
    /// version 5 keeps weak-hash analyzers quiet; MSI only needs a unique, stable GUID.
    /// </summary>
    public static Guid NameBasedGuid(string key)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(key.ToUpperInvariant()))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public static string Format(Guid guid) => guid.ToString("D").ToUpperInvariant();

    private static string HexOf(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToUpperInvariant())));
}
