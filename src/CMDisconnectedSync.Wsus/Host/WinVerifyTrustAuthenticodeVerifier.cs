using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using CMDisconnectedSync.DeploymentContent.Authenticode;

namespace CMDisconnectedSync.Wsus.Host;

/// <summary>
/// The Windows Authenticode check: WinVerifyTrust with WINTRUST_ACTION_GENERIC_VERIFY_V2 over the file's embedded
/// signature, which also checks the chain to a trusted root (what the offline check cannot). Revocation is not
/// fetched (WTD_REVOKE_NONE + WTD_CACHE_ONLY_URL_RETRIEVAL): the disconnected side has no internet.
/// Sources: WinVerifyTrust (learn.microsoft.com/windows/win32/api/wintrust/nf-wintrust-winverifytrust), WINTRUST_DATA
/// (…/api/wintrust/ns-wintrust-wintrust_data), WINTRUST_FILE_INFO (…/ns-wintrust-wintrust_file_info) and "Example C
/// Program: Verifying the Signature of a PE File" (learn.microsoft.com/windows/win32/seccrypto/example-c-program--verifying-the-signature-of-a-pe-file),
/// whose TRUST_E_NOSIGNATURE / TRUST_E_SUBJECT_NOT_TRUSTED / CRYPT_E_SECURITY_SETTINGS handling this follows.
/// Not run by the Linux tests (no wintrust.dll there); the offline verifier's tests cover the verdict model.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class WinVerifyTrustAuthenticodeVerifier : IAuthenticodeVerifier
{
    private static readonly Guid GenericVerifyV2 = new("00AAC56B-CD44-11d0-8CC2-00C04FC295EE");

    private const uint WtdUiNone = 2;
    private const uint WtdRevokeNone = 0;
    private const uint WtdChoiceFile = 1;
    private const uint WtdStateActionVerify = 1;
    private const uint WtdStateActionClose = 2;
    private const uint WtdCacheOnlyUrlRetrieval = 0x00001000;

    private const uint TrustENoSignature = 0x800B0100;
    private const uint TrustESubjectFormUnknown = 0x800B0003;
    private const uint TrustEProviderUnknown = 0x800B0001;

    public AuthenticodeCheck Verify(string path)
    {
        var fileInfo = new WintrustFileInfo
        {
            StructSize = (uint)Marshal.SizeOf<WintrustFileInfo>(),
            FilePath = path,
        };
        var filePointer = Marshal.AllocHGlobal(Marshal.SizeOf<WintrustFileInfo>());
        try
        {
            Marshal.StructureToPtr(fileInfo, filePointer, fDeleteOld: false);
            var data = new WintrustData
            {
                StructSize = (uint)Marshal.SizeOf<WintrustData>(),
                UiChoice = WtdUiNone,
                RevocationChecks = WtdRevokeNone,
                UnionChoice = WtdChoiceFile,
                FileInfo = filePointer,
                StateAction = WtdStateActionVerify,
                ProviderFlags = WtdCacheOnlyUrlRetrieval,
            };
            var action = GenericVerifyV2;
            var result = unchecked((uint)WinVerifyTrust(IntPtr.Zero, ref action, ref data));
            data.StateAction = WtdStateActionClose;
            _ = WinVerifyTrust(IntPtr.Zero, ref action, ref data);
            return result switch
            {
                0 => new AuthenticodeCheck(path, AuthenticodeStatus.Valid, "WinVerifyTrust: the signature verifies and chains to a trusted root"),
                TrustENoSignature => new AuthenticodeCheck(path, AuthenticodeStatus.NotSigned, "WinVerifyTrust: TRUST_E_NOSIGNATURE (no embedded signature)"),
                TrustESubjectFormUnknown or TrustEProviderUnknown => new AuthenticodeCheck(path, AuthenticodeStatus.NotChecked, $"WinVerifyTrust cannot check this file type (0x{result:X8})"),
                _ => new AuthenticodeCheck(path, AuthenticodeStatus.Invalid, $"WinVerifyTrust: 0x{result:X8} ({new System.ComponentModel.Win32Exception(unchecked((int)result)).Message})"),
            };
        }
        finally
        {
            Marshal.FreeHGlobal(filePointer);
        }
    }

    [DllImport("wintrust.dll", ExactSpelling = true, SetLastError = false, CharSet = CharSet.Unicode)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static extern int WinVerifyTrust(IntPtr hwnd, ref Guid actionId, ref WintrustData data);

    [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
    private struct WintrustFileInfo
    {
        public uint StructSize;
        [MarshalAs(UnmanagedType.LPWStr)]
        public string FilePath;
        public IntPtr FileHandle;
        public IntPtr KnownSubject;
    }

    [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
    private struct WintrustData
    {
        public uint StructSize;
        public IntPtr PolicyCallbackData;
        public IntPtr SipClientData;
        public uint UiChoice;
        public uint RevocationChecks;
        public uint UnionChoice;
        public IntPtr FileInfo;
        public uint StateAction;
        public IntPtr StateData;
        public IntPtr UrlReference;
        public uint ProviderFlags;
        public uint UiContext;
        public IntPtr SignatureSettings;
    }
}
