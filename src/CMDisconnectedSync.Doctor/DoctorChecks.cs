using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.ConsoleExtension.Installation;
using CMDisconnectedSync.Doctor.Checks;
using CMDisconnectedSync.Host;
using CMDisconnectedSync.State.Protection;
using CMDisconnectedSync.Wsus;
using CMDisconnectedSync.Wsus.Registry;
using SdkBindingReport = CMDisconnectedSync.ConfigMgr.ConsoleInstallation.SdkBindingReport;

namespace CMDisconnectedSync.Doctor;

/// <summary>What the doctor is asked to check: which side, which site server, which console.</summary>
/// <param name="Side">Export (internet-facing) or import (disconnected) server.</param>
/// <param name="SiteServer">The SMS Provider server; null uses the console's last connection.</param>
/// <param name="ConsolePath">The AdminConsole folder; null finds it from SMS_ADMIN_UI_PATH or the registry.</param>
public sealed record DoctorOptions(DoctorSide Side, string? SiteServer, string? ConsolePath);

/// <summary>The seams the checks read the machine through (the real adapters in cmdsync, fakes in tests).</summary>
/// <param name="WsusRegistry">HKLM reader for the WSUS setup key.</param>
/// <param name="Wsus">The local WSUS server port.</param>
/// <param name="Volumes">Reads the content volume.</param>
/// <param name="ConsoleLocator">Finds the AdminConsole folder.</param>
/// <param name="SiteConnector">Connects to the SMS Provider.</param>
/// <param name="SdkCompiledAgainst">The SDK identities our adapter references.</param>
/// <param name="ReadAssemblyIdentity">Reads the identity a DLL declares, without loading it.</param>
/// <param name="AdapterAssemblyPath">Our SDK adapter, CMDisconnectedSync.ConfigMgr.dll, whose SDK references are checked.</param>
/// <param name="ResolveSdkReferences">Resolves the adapter's (first argument) SDK type and member references against the SDK DLLs in a console bin folder (second argument), without loading them.</param>
public sealed record DoctorSeams(
    IRegistryReader WsusRegistry,
    IWsusServer Wsus,
    IVolumeInspector Volumes,
    AdminConsoleLocator ConsoleLocator,
    IConfigMgrSiteConnector SiteConnector,
    IReadOnlyList<SdkAssemblyIdentity> SdkCompiledAgainst,
    Func<string, SdkAssemblyIdentity> ReadAssemblyIdentity,
    string AdapterAssemblyPath,
    Func<string, string, SdkBindingReport> ResolveSdkReferences)
{
    /// <summary>Reads who may change the state folder (NTFS on a server).</summary>
    public required IStateFolderProtection StateFolders { get; init; }

    /// <summary>
    /// Reads up to a few <c>SMS_CIContentFiles.FileHash</c> values (server or null for the console's last connection) for the
    /// <c>configmgr.sum.contentFileHash</c> row; null: read through <see cref="SiteConnector"/> (<see cref="Checks.SiteContentFileHashes"/>).
    /// </summary>
    public Func<string?, CancellationToken, Task<IReadOnlyList<string>>>? ReadContentFileHashes { get; init; }

    /// <summary>The state folder the workflows use on this machine (<c>%ProgramData%\CMDisconnectedSync\State</c> unless the lab's).</summary>
    public required string StateFolder { get; init; }
}

/// <summary>The doctor's check list, in report order: WSUS, the state folder, console, site.</summary>
public static class DoctorChecks
{
    public static IReadOnlyList<IDoctorCheck> Standard(DoctorSeams seams, DoctorOptions options)
    {
        _ = seams ?? throw new ArgumentNullException(nameof(seams));
        _ = options ?? throw new ArgumentNullException(nameof(options));
        var console = new ConsoleFolderLookup(seams.ConsoleLocator, options.ConsolePath);
        return
        [
            new WsusRegistryCheck(seams.WsusRegistry, seams.Wsus),
            new WsusSettingsCheck(seams.Wsus, options.Side),
            new WsusContentVolumeCheck(seams.Wsus, seams.Volumes, options.Side),
            new WsusContentNamesCheck(seams.Wsus),
            new WsusUtilTempFolderCheck(seams.Wsus, seams.Volumes),
            new StateFolderProtectionCheck(seams.StateFolders, seams.StateFolder),
            new ConsolePathCheck(console),
            new SdkIdentityCheck(console, seams.SdkCompiledAgainst, seams.ReadAssemblyIdentity),
            new SdkMembersCheck(console, seams.AdapterAssemblyPath, seams.ResolveSdkReferences),
            new ConsoleRootGuidCheck(console),
            new ConsoleExtensionPayloadCheck(console),
            new ApprovedExtensionsCheck(),
            new SmsProviderCheck(seams.SiteConnector, options.SiteServer, options.Side),
            new DeploymentContentCheck(seams.SiteConnector, options.SiteServer),
            new ContentFileHashFormCheck(seams.ReadContentFileHashes ?? SiteContentFileHashes.From(seams.SiteConnector), options.SiteServer),
        ];
    }
}
