using System.Globalization;
using System.Security;
using CMDisconnectedSync.Wsus;
using CMDisconnectedSync.Wsus.Registry;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// The WSUS setup registry values (<see cref="WsusSetupRegistry"/>) and what they point to: the WsusContent folder, the
/// install folder, the database name, and WsusUtil.exe with its file version as the WSUS port locates it (the very
/// program the export and import workflows will run). Reads only.
/// </summary>
public sealed class WsusRegistryCheck(IRegistryReader registry, IWsusServer wsus) : IDoctorCheck
{
    public string Name => "WSUS setup registry and WsusUtil.exe";

    public FieldFact PrimaryFact => FieldFacts.WsusSetupKey;

    private static readonly FieldFact[] DependentFacts =
        [FieldFacts.WsusContentDir, FieldFacts.WsusTargetDir, FieldFacts.WsusSqlServerName, FieldFacts.WsusUtilLocation, FieldFacts.WsusUtilVersion];

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, object>? values;
        try
        {
            values = registry.ReadLocalMachineKey(WsusSetupRegistry.SetupKeyPath);
        }
        catch (Exception ex) when (ex is SecurityException or UnauthorizedAccessException)
        {
            return Done([FieldFacts.WsusSetupKey.AccessDenied(
                $@"Reading HKLM\{WsusSetupRegistry.SetupKeyPath} was refused ({ex.Message}). Run cmdsync doctor elevated as a local Administrator."),
                .. DependentFacts.Select(f => f.NotApplicable("Depends on the WSUS setup registry key, which could not be read."))]);
        }

        if (values is null)
        {
            return Done([FieldFacts.WsusSetupKey.Missing("(key absent)",
                "WSUS is not installed on this machine. Run cmdsync doctor on the WSUS server of the software update point "
                + "(export: the internet-facing one; import: the disconnected one)."),
                .. DependentFacts.Select(f => f.NotApplicable("WSUS is not installed here (see wsus.registry.setupKey)."))]);
        }

        var findings = new List<DoctorFinding> { FieldFacts.WsusSetupKey.Confirmed($@"HKLM\{WsusSetupRegistry.SetupKeyPath}") };
        var contentDir = Text(values, WsusSetupRegistry.ContentDirValue);
        var targetDir = Text(values, WsusSetupRegistry.TargetDirValue);
        findings.Add(FolderFinding(FieldFacts.WsusContentDir, contentDir, Path.Combine(contentDir, WsusSetupRegistry.ContentFolderName),
            $"WSUS content is expected in {Path.Combine(contentDir, WsusSetupRegistry.ContentFolderName)}. Move content with 'wsusutil movecontent' or repair the post-installation, then rerun."));
        findings.Add(FolderFinding(FieldFacts.WsusTargetDir, targetDir, targetDir,
            "Repair the WSUS role (Server Manager) so its install folder matches the registry, then rerun."));

        var sqlServer = Text(values, WsusSetupRegistry.SqlServerNameValue);
        findings.Add(sqlServer.Length == 0
            ? FieldFacts.WsusSqlServerName.Missing("(not set)", "WSUS post-installation did not finish: run 'wsusutil postinstall' as in Microsoft's WSUS setup guide.")
            : FieldFacts.WsusSqlServerName.Confirmed(sqlServer));

        findings.AddRange(WsusUtilFindings(wsus.LocateInstallation()));
        return Done(findings);
    }

    private static IEnumerable<DoctorFinding> WsusUtilFindings(WsusInstallationLookup lookup)
    {
        if (lookup.Installation is not { } installation)
        {
            yield return FieldFacts.WsusUtilLocation.NotApplicable($"The registry does not say where WSUS is installed: {lookup.Problem}");
            yield return FieldFacts.WsusUtilVersion.NotApplicable("WsusUtil.exe cannot be located (see wsus.wsusutil.location).");
            yield break;
        }

        if (!installation.WsusUtilExists)
        {
            yield return FieldFacts.WsusUtilLocation.Missing(installation.WsusUtilPath,
                "WsusUtil.exe is not where TargetDir says. Repair the WSUS role (the Tools folder is part of it), then rerun.");
            yield return FieldFacts.WsusUtilVersion.NotApplicable("WsusUtil.exe is missing (see wsus.wsusutil.location).");
            yield break;
        }

        yield return FieldFacts.WsusUtilLocation.Confirmed(installation.WsusUtilPath);
        yield return installation.Version == "unknown"
            ? FieldFacts.WsusUtilVersion.Differs("(no file version)",
                $"{installation.WsusUtilPath} carries no version resource: it may not be Microsoft's WsusUtil.exe. Repair the WSUS role.")
            : FieldFacts.WsusUtilVersion.Confirmed(installation.Version);
    }

    private static DoctorFinding FolderFinding(FieldFact fact, string value, string folderThatMustExist, string fix)
    {
        if (value.Length == 0)
        {
            return fact.Missing("(not set)", "WSUS setup is incomplete: finish the post-installation (Server Manager or 'wsusutil postinstall'), then rerun.");
        }

        return Directory.Exists(folderThatMustExist)
            ? fact.Confirmed(value)
            : fact.Differs(value, string.Format(CultureInfo.InvariantCulture, "{0} does not exist. {1}", folderThatMustExist, fix));
    }

    private static string Text(IReadOnlyDictionary<string, object> values, string name) =>
        values.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? string.Empty : string.Empty;

    private static Task<IReadOnlyList<DoctorFinding>> Done(IReadOnlyList<DoctorFinding> findings) => Task.FromResult(findings);
}
