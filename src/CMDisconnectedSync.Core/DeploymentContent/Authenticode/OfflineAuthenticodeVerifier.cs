using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace CMDisconnectedSync.DeploymentContent.Authenticode;

/// <summary>
/// Reads the Authenticode signature embedded in a PE file (.exe, .dll) or a cabinet (.cab, .msu), verifies its CMS
/// signature (<see cref="SignedCms.CheckSignature(bool)"/> with verifySignatureOnly: the signer's key signed these
/// attributes, whose messageDigest covers the SpcIndirectDataContent) and compares the SpcIndirectDataContent digest with
/// the file's own Authenticode digest, recomputed here. Any byte changed in the signed parts fails the second step.
/// It does not decide whom to trust (no chain, no revocation): on Windows WinVerifyTrust does that.
/// </summary>
/// <remarks>
/// Formats:
/// <list type="bullet">
/// <item>PE: Microsoft, "PE Format", section "The Attribute Certificate Table (Image Only)" (learn.microsoft.com/windows/win32/debug/pe-format):
/// data directory 4 holds the file offset and size of WIN_CERTIFICATE entries (dwLength, wRevision 0x0200,
/// wCertificateType 0x0002 = WIN_CERT_TYPE_PKCS_SIGNED_DATA, bCertificate); the Authenticode digest covers the file except
/// the optional header's CheckSum, the certificate table's directory entry and the table itself (Microsoft, "Windows
/// Authenticode Portable Executable Signature Format", "Calculating the PE Image Hash"). Same ranges as osslsigncode
/// (github.com/mtrojnar/osslsigncode@edad27d5 pe.c pe_digest_calc_bio), which signs our own exes (eng/authenticode-sign.sh).</item>
/// <item>Cabinet: MS-CAB 2.1 CFHEADER (learn.microsoft.com/openspecs/exchange_server_protocols/ms-cab): with
/// cfhdrRESERVE_PRESENT, cbCFHeader = 20 bytes of abReserve after offset 36; a signed cabinet's reserve holds
/// 0x00100000, then the signature's file offset (bytes 44-47) and size (48-51), the PKCS#7 sitting at the end of the
/// file. Microsoft documents no cabinet Authenticode digest; the ranges (bytes 0-3, 8-33, then 56 up to the signature)
/// are osslsigncode's (cab.c cab_digest_calc), which Windows accepts for the cabs it signs (our console extension cab).
/// .msu packages are cabinets (same header, same signature place).</item>
/// <item>.msi: the signature is the <c>\x05DigitalSignature</c> stream of the compound file, over a digest of all streams
/// and storages (osslsigncode msi.c); not read here: <see cref="AuthenticodeStatus.NotChecked"/>.</item>
/// </list>
/// </remarks>
public sealed class OfflineAuthenticodeVerifier : IAuthenticodeVerifier
{
    /// <summary>SpcIndirectDataContent (Authenticode): the content type of every Authenticode SignedData.</summary>
    public const string SpcIndirectDataOid = "1.3.6.1.4.1.311.2.1.4";

    private const ushort WinCertRevision2 = 0x0200;
    private const ushort WinCertTypePkcsSignedData = 0x0002;

    public AuthenticodeCheck Verify(string path)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            return new AuthenticodeCheck(path, AuthenticodeStatus.Invalid, "the file cannot be read: " + ex.Message);
        }

        if (data.Length >= 2 && data[0] == (byte)'M' && data[1] == (byte)'Z')
        {
            return VerifyPe(path, data);
        }

        if (data.Length >= 4 && data[0] == (byte)'M' && data[1] == (byte)'S' && data[2] == (byte)'C' && data[3] == (byte)'F')
        {
            return VerifyCab(path, data);
        }

        if (data.Length >= 8 && data[0] == 0xD0 && data[1] == 0xCF && data[2] == 0x11 && data[3] == 0xE0)
        {
            return new AuthenticodeCheck(path, AuthenticodeStatus.NotChecked,
                "a Windows Installer package: its signature (\\x05DigitalSignature stream) is checked by WinVerifyTrust on Windows, not offline");
        }

        return new AuthenticodeCheck(path, AuthenticodeStatus.NotChecked, "neither a PE file nor a cabinet");
    }

    /// <summary>True for the extensions Microsoft signs and this check reads: PE and cabinet files.</summary>
    public static bool IsSignableExtension(string path) =>
        System.IO.Path.GetExtension(path).ToUpperInvariant() is ".EXE" or ".DLL" or ".CAB" or ".MSU" or ".MSI";

    private static AuthenticodeCheck VerifyPe(string path, byte[] data)
    {
        if (data.Length < 0x40)
        {
            return Invalid(path, "the PE header is truncated");
        }

        var peOffset = ReadInt32(data, 0x3C);
        if (peOffset < 0 || peOffset + 24 + 2 > data.Length || data[peOffset] != 'P' || data[peOffset + 1] != 'E' || data[peOffset + 2] != 0 || data[peOffset + 3] != 0)
        {
            return Invalid(path, "no PE signature at e_lfanew");
        }

        var optional = peOffset + 24;
        var magic = ReadUInt16(data, optional);
        var pe32Plus = magic switch
        {
            0x10B => false,
            0x20B => true,
            _ => (bool?)null,
        };
        if (pe32Plus is null)
        {
            return Invalid(path, $"unknown optional header magic 0x{magic:X4}");
        }

        var checksumOffset = optional + 64;
        var rvaCountOffset = optional + (pe32Plus.Value ? 108 : 92);
        var certificateEntry = optional + (pe32Plus.Value ? 144 : 128);
        if (certificateEntry + 8 > data.Length)
        {
            return Invalid(path, "the optional header is truncated");
        }

        if (ReadInt32(data, rvaCountOffset) < 5)
        {
            return Unsigned(path, "the PE file has no certificate table directory");
        }

        var tableOffset = ReadInt32(data, certificateEntry);
        var tableSize = ReadInt32(data, certificateEntry + 4);
        if (tableOffset == 0 || tableSize == 0)
        {
            return Unsigned(path, "the PE certificate table is empty");
        }

        if (tableOffset < certificateEntry + 8 || tableSize < 8 || (long)tableOffset + tableSize > data.Length)
        {
            return Invalid(path, "the certificate table lies outside the file");
        }

        var length = ReadInt32(data, tableOffset);
        var revision = ReadUInt16(data, tableOffset + 4);
        var type = ReadUInt16(data, tableOffset + 6);
        if (length < 8 || length > tableSize || revision != WinCertRevision2 || type != WinCertTypePkcsSignedData)
        {
            return Invalid(path, $"the first WIN_CERTIFICATE is not a PKCS#7 SignedData (revision 0x{revision:X4}, type 0x{type:X4})");
        }

        var signature = new byte[length - 8];
        Buffer.BlockCopy(data, tableOffset + 8, signature, 0, signature.Length);
        (int Start, int End)[] ranges =
        [
            (0, checksumOffset),
            (checksumOffset + 4, certificateEntry),
            (certificateEntry + 8, tableOffset),
        ];
        return VerifySignature(path, signature, data, ranges);
    }

    private static AuthenticodeCheck VerifyCab(string path, byte[] data)
    {
        const ushort ReservePresent = 0x0004;
        if (data.Length < 36)
        {
            return Invalid(path, "the cabinet header is truncated");
        }

        var flags = ReadUInt16(data, 30);
        if ((flags & ReservePresent) == 0 || data.Length < 60 || ReadUInt16(data, 36) != 20 || ReadInt32(data, 40) != 0x00100000)
        {
            return Unsigned(path, "the cabinet header has no signature reserve");
        }

        var signatureOffset = ReadInt32(data, 44);
        var signatureLength = ReadInt32(data, 48);
        if (signatureOffset == 0 && signatureLength == 0)
        {
            return Unsigned(path, "the cabinet's signature reserve is empty");
        }

        if (signatureOffset < 60 || signatureLength <= 0 || (long)signatureOffset + signatureLength != data.Length)
        {
            return Invalid(path, "the cabinet's signature does not end the file");
        }

        var signature = new byte[signatureLength];
        Buffer.BlockCopy(data, signatureOffset, signature, 0, signatureLength);
        (int Start, int End)[] ranges = [(0, 4), (8, 34), (56, signatureOffset)];
        return VerifySignature(path, signature, data, ranges);
    }

    private static AuthenticodeCheck VerifySignature(string path, byte[] pkcs7, byte[] file, (int Start, int End)[] ranges)
    {
        var cms = new SignedCms();
        try
        {
            cms.Decode(pkcs7);
        }
        catch (CryptographicException ex)
        {
            return Invalid(path, "the embedded signature is not a readable PKCS#7 SignedData: " + ex.Message);
        }

        if (cms.ContentInfo.ContentType.Value != SpcIndirectDataOid || cms.SignerInfos.Count != 1)
        {
            return Invalid(path, $"the signature's content is {cms.ContentInfo.ContentType.Value}, not an Authenticode SpcIndirectDataContent with one signer");
        }

        var signer = cms.SignerInfos[0];
        var certificate = signer.Certificate;
        try
        {
            cms.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException ex)
        {
            return new AuthenticodeCheck(path, AuthenticodeStatus.Invalid, "the CMS signature does not verify: " + ex.Message, certificate?.Subject, certificate?.Thumbprint);
        }

        (string AlgorithmOid, byte[] Digest) signed;
        try
        {
            signed = ReadIndirectDataDigest(cms.ContentInfo.Content);
        }
        catch (AsnContentException ex)
        {
            return Invalid(path, "the SpcIndirectDataContent cannot be read: " + ex.Message);
        }

        var algorithm = signed.AlgorithmOid switch
        {
            "1.3.14.3.2.26" => HashAlgorithmName.SHA1,
            "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
            "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
            "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
            _ => default,
        };
        if (algorithm.Name is null)
        {
            return Invalid(path, $"the signature uses digest algorithm {signed.AlgorithmOid}, which this check does not know");
        }

        using var hash = IncrementalHash.CreateHash(algorithm);
        foreach (var (start, end) in ranges)
        {
            if (end < start || end > file.Length)
            {
                return Invalid(path, "the signed ranges lie outside the file");
            }

            hash.AppendData(file, start, end - start);
        }

        var actual = hash.GetHashAndReset();
        var expected = signed.Digest;
        return actual.AsSpan().SequenceEqual(expected)
            ? new AuthenticodeCheck(path, AuthenticodeStatus.Valid, $"{algorithm.Name} Authenticode digest matches the signature", certificate?.Subject, certificate?.Thumbprint, algorithm.Name)
            : new AuthenticodeCheck(path, AuthenticodeStatus.Invalid,
                $"the file's {algorithm.Name} Authenticode digest is {Hex(actual)} but the signature signs {Hex(expected)}",
                certificate?.Subject, certificate?.Thumbprint, algorithm.Name);
    }

    /// <summary>
    /// SpcIndirectDataContent ::= SEQUENCE { data SpcAttributeTypeAndOptionalValue, messageDigest DigestInfo }, DigestInfo ::=
    /// SEQUENCE { digestAlgorithm AlgorithmIdentifier, digest OCTETSTRING } (Authenticode PE format document, "Authenticode-Specific
    /// Structures"). SignedCms hands back the content as it was encoded; accept it with or without the outer SEQUENCE header.
    /// </summary>
    private static (string AlgorithmOid, byte[] Digest) ReadIndirectDataDigest(byte[] content)
    {
        var reader = new AsnReader(content, AsnEncodingRules.BER);
        var indirect = reader.ReadSequence();
        indirect.ReadEncodedValue(); // SpcAttributeTypeAndOptionalValue
        var digestInfo = indirect.ReadSequence();
        var algorithm = digestInfo.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        var digest = digestInfo.ReadOctetString();
        return (oid, digest);
    }

    private static AuthenticodeCheck Invalid(string path, string detail) => new(path, AuthenticodeStatus.Invalid, detail);

    private static AuthenticodeCheck Unsigned(string path, string detail) => new(path, AuthenticodeStatus.NotSigned, detail);

    private static int ReadInt32(byte[] data, int offset) =>
        offset < 0 || offset + 4 > data.Length ? -1 : data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24);

    private static ushort ReadUInt16(byte[] data, int offset) =>
        offset < 0 || offset + 2 > data.Length ? (ushort)0 : (ushort)(data[offset] | (data[offset + 1] << 8));

    private static string Hex(byte[] value) => CMDisconnectedSync.IO.Sha256Hex.Format(value).ToUpperInvariant();
}
