using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Workflows;

namespace CMDisconnectedSync.App.Backend.Composition;

/// <summary>
/// What <see cref="Operations.CoreOperations"/> runs on: the export side and the import side as the workflows see
/// them (on a real server both are this machine; in the lab, the lab export and disconnected servers), where their
/// state lives, how ConfigMgr sites are reached, and the run log the wizard links to.
/// </summary>
/// <param name="ExportSide">Services for export (WSUS, elevation, volumes, clock, logger; no site).</param>
/// <param name="ImportSide">Services for import; the site is added per call from <paramref name="Sites"/>.</param>
/// <param name="Sites">Connects to the site the wizard was started for.</param>
/// <param name="ExportStateFolder">The export chain and export journals.</param>
/// <param name="ImportStateFolder">Trusted signers, accepted state, category snapshots, import journals.</param>
/// <param name="SourceServerName">This export server's name, recorded in manifests.</param>
/// <param name="LogPath">The CMTrace log the workflows write to.</param>
public sealed record BackendSetup(
    WorkflowServices ExportSide,
    WorkflowServices ImportSide,
    IConfigMgrSiteConnector Sites,
    string ExportStateFolder,
    string ImportStateFolder,
    string SourceServerName,
    string LogPath)
{
    /// <summary>Import options beyond the bundle and state folder (sync timeout and poll interval, margin).</summary>
    public ImportRequest? ImportTemplate { get; init; }

    /// <summary>Free space to keep on the bundle volume beyond what an export writes.</summary>
    public long? ExportMarginBytes { get; init; }

    /// <summary>
    /// Where the content request dialog proposes to write a request (the admin may choose another place): Documents\CMDisconnectedSync
    /// unless set (the lab: its media folder).
    /// </summary>
    public string ContentRequestFolder { get; init; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.MyDocuments), "CMDisconnectedSync");
}
