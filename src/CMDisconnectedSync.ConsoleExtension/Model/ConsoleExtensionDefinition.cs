using System.Globalization;

namespace CMDisconnectedSync.ConsoleExtension.Model;

/// <summary>
/// The single source of truth for everything we add to the ConfigMgr console: which actions appear where, what they
/// launch, and the "Disconnected Sync" node. The legacy XmlStorage tree, the 2103+ cab and its manifest, the installer
/// and the tests are all generated from or checked against this.
/// </summary>
public sealed class ConsoleExtensionDefinition
{
    /// <summary>The role whose row carries the Export/Import actions (<c>SMS_SCI_SysResUse.RoleName</c>, design.md §5).</summary>
    public const string SoftwareUpdatePointRoleName = "SMS Software Update Point";

    private ConsoleExtensionDefinition(ConsoleExtensionOptions options, IReadOnlyList<ActionFolder> folders, ConsoleNodeDefinition node)
    {
        Options = options;
        ActionFolders = folders;
        Node = node;
        Identity = new ExtensionIdentity(
            ConsoleNodeIds.ExtensionId,
            "CMDisconnectedSync",
            "Export and import software updates for a disconnected (air-gapped) software update point: signed, verified, resumable transfer bundles.",
            options.Version,
            "CMDisconnectedSync contributors");
    }

    public ConsoleExtensionOptions Options { get; }

    public ExtensionIdentity Identity { get; }

    public IReadOnlyList<ActionFolder> ActionFolders { get; }

    public ConsoleNodeDefinition Node { get; }

    public static ConsoleExtensionDefinition Create(ConsoleExtensionOptions options)
    {
        _ = options ?? throw new ArgumentNullException(nameof(options));
        if (options.RolePaneGuid is not null && !Guid.TryParse(options.RolePaneGuid, out _))
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "The role pane GUID '{0}' is not a GUID; copy it from 'cmdsync console discover'.", options.RolePaneGuid),
                nameof(options));
        }

        var node = DisconnectedSyncNode();
        ShowOnPlace[] rowPlaces = [ShowOnPlace.ContextMenu, ShowOnPlace.DefaultContextualTab];
        ShowOnPlace[] nodePlaces = [ShowOnPlace.DefaultHomeTab, ShowOnPlace.ContextMenu];
        var nodeActions = NodeLevelActions();

        var folders = new List<ActionFolder>();
        if (options.RolePaneGuid is { } rolePane)
        {
            folders.Add(new(
                "SupRole",
                rolePane.ToLowerInvariant(),
                "Administration > Site Configuration > Servers and Site System Roles > (server) > role pane: Software update point row",
                rowPlaces,
                new RowBinding(
                    "SMS_SCI_SysResUse",
                    [new("--site-code", "##SUB:SiteCode##"), new("--sup", "##SUB:NetworkOSPath##")],
                    MatchPattern: "^" + SoftwareUpdatePointRoleName + "$",
                    MatchValueToTest: "##SUB:RoleName##"),
                [
                    new("10_ExportForDisconnectedSup", "Export updates for disconnected SUP…", "Export for disconnected SUP",
                        "Export this software update point's updates and the content the disconnected side lacks into a signed transfer bundle.", AppVerb.Export),
                    new("20_ImportUpdatesBundle", "Import updates bundle…", "Import updates bundle",
                        "Verify a signed transfer bundle and import it into this software update point, then synchronize Configuration Manager.", AppVerb.Import),
                ]));
        }

        folders.AddRange(
        [
            new("SoftwareUpdates", ConsoleNodeIds.SoftwareUpdatesFolder, "Software Library > Software Updates (folder)", nodePlaces, null, nodeActions),
            new("AllSoftwareUpdates", ConsoleNodeIds.AllSoftwareUpdatesNode, "Software Library > Software Updates > All Software Updates", nodePlaces, null, nodeActions),
            new("SoftwareUpdateGroups", ConsoleNodeIds.SoftwareUpdateGroupsNode, "Software Library > Software Updates > Software Update Groups", nodePlaces, null, nodeActions),
            new(
                "SoftwareUpdateGroupRows",
                ConsoleNodeIds.SoftwareUpdateGroupRows,
                "Software Library > Software Updates > Software Update Groups: a software update group row",
                rowPlaces,
                // SMS_AuthorizationList (learn.microsoft.com/mem/configmgr/develop/reference/sum/sms_authorizationlist-server-wmi-class):
                // CI_ID (UInt32) identifies the group on its site; LocalizedDisplayName is its name in the console's
                // language, so the group is passed by CI_ID. The site comes from --site-server/--namespace, which every
                // row action passes.
                new RowBinding("SMS_AuthorizationList", [new("--group-id", "##SUB:CI_ID##")]),
                [
                    new("50_RequestContentForGroup", "Request content for this group…", "Request content for this group",
                        "Write a request for the update files this group's updates need (leaving out content already in a deployment package), to carry to the internet side.",
                        AppVerb.RequestContent),
                ]),
            new(
                "DisconnectedSyncRows",
                node.QueryGuid,
                "Software Library > Software Updates > Disconnected Sync: a software update point row",
                rowPlaces,
                new RowBinding(
                    node.WmiClass,
                    [new("--site-code", "##SUB:SiteCode##"), new("--sup", @"\\##SUB:WSUSServerName##")]),
                [
                    new("10_ExportForDisconnectedSup", "Export updates for disconnected SUP…", "Export for disconnected SUP",
                        "Export this software update point's updates into a signed transfer bundle.", AppVerb.Export),
                    new("20_ImportUpdatesBundle", "Import updates bundle…", "Import updates bundle",
                        "Verify a signed transfer bundle and import it into this software update point.", AppVerb.Import),
                    new("40_DisconnectedSyncStatus", "Disconnected sync status", "Disconnected sync status",
                        "Show the last export/import, the last synchronization and what to do next for this software update point.", AppVerb.Status, StockIcons.ShowMessages),
                ]),
        ]);

        return new ConsoleExtensionDefinition(options, folders, node);
    }

    private static ConsoleAction[] NodeLevelActions() =>
    [
        new("10_ExportForDisconnectedSup", "Export updates for disconnected SUP…", "Export for disconnected SUP",
            "Export updates and new content into a signed transfer bundle for a disconnected software update point.", AppVerb.Export),
        new("20_ImportUpdatesBundle", "Import updates bundle…", "Import updates bundle",
            "Verify a signed transfer bundle, import it into WSUS and synchronize Configuration Manager.", AppVerb.Import),
        new("30_ReviewNewProductsAndClassifications", "Review new products and classifications…", "Review new products and classifications",
            "List the products and classifications that arrived with the last import and subscribe to the ones you need.", AppVerb.NextSteps),
        new("40_DisconnectedSyncStatus", "Disconnected sync status", "Disconnected sync status",
            "Show the last export/import, the last synchronization and what to do next.", AppVerb.Status, StockIcons.ShowMessages),
    ];

    // SMS_SUPSyncStatus keys and properties: design.md §5 (SiteCode, WSUSServerName, LastSyncState, LastSyncStateTime,
    // LastSuccessfulSyncTime, LastSyncErrorCode).
    private static ConsoleNodeDefinition DisconnectedSyncNode() => new(
        FileStem: "DisconnectedSyncNode",
        ParentGuid: ConsoleNodeIds.SoftwareUpdatesFolder,
        Id: "CMDisconnectedSyncNode",
        DisplayName: "Disconnected Sync",
        Description: "Synchronization state of each software update point, with export and import actions for disconnected sites.",
        WmiClass: "SMS_SUPSyncStatus",
        Columns: ["WSUSServerName", "SiteCode", "LastSyncState", "LastSyncStateTime", "LastSuccessfulSyncTime", "LastSyncErrorCode"],
        Wql: "SELECT * FROM SMS_SUPSyncStatus",
        QueryGuid: ConsoleNodeIds.DisconnectedSyncNodeQuery);
}
