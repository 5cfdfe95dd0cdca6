namespace CMDisconnectedSync.ConsoleExtension.Model;

/// <summary>
/// The console GUIDs our files hang under. A GUID names the folder <c>XmlStorage\Extensions\Actions\&lt;GUID&gt;</c>
/// (or <c>…\Nodes\&lt;GUID&gt;</c>) and the <c>ParentNode</c> of a 2103+ manifest deployment. Every value carries its
/// source; the role pane's GUID, which no public source names, is not here (see the note below).
/// <c>cmdsync console discover</c> lists the GUIDs a real console has, to confirm them.
/// </summary>
public static class ConsoleNodeIds
{
    /// <summary>
    /// Software Library &gt; Software Updates (the folder). Source: Microsoft, "How to Create a Configuration Manager
    /// Action" (learn.microsoft.com/mem/configmgr/develop/core/servers/console/how-to-create-a-configuration-manager-action):
    /// "Extensions\Actions\f5445252-da1d-450f-a772-7c3d3cb929fb. The GUID identifies the software updates folder."
    /// </summary>
    public const string SoftwareUpdatesFolder = "f5445252-da1d-450f-a772-7c3d3cb929fb";

    /// <summary>
    /// Software Updates &gt; All Software Updates (node-level actions). Source: not in Microsoft docs; the community
    /// Right Click Tools installer (Now Micro/Recast <c>install.ps1</c>, "Software Updates Node") installs under it, and
    /// design.md §6 records it as checked in consoles 1906–2603. The console's own
    /// <c>XmlStorage\ConsoleRoot\SoftwareLibraryNode.xml</c> (5.2603.1030.1000, public copy sekorotkov/RCT@848485f) has
    /// <c>RootNodeDescription NamespaceGuid="84703961-…" Id="AllUpdatesNode"</c> (test fixture Generation/Fixtures/ConsoleRoot).
    /// </summary>
    public const string AllSoftwareUpdatesNode = "84703961-b1a7-4185-bc9c-d1a428050a46";

    /// <summary>
    /// Software Updates &gt; Software Update Groups (node-level actions). Source: not in Microsoft docs; community installers
    /// (e.g. <c>Clean-CMSoftwareUpdateGroups</c> installer: "Copying … to Software Update Groups node action folder
    /// …\Extensions\Actions\23e7a3fe-…") and design.md §6; in the console's own SoftwareLibraryNode.xml 5.2603 it is
    /// <c>RootNodeDescription NamespaceGuid="23e7a3fe-…" Id="UpdateGroupsNode"</c> (same fixture).
    /// </summary>
    public const string SoftwareUpdateGroupsNode = "23e7a3fe-b0f0-4b24-813a-dc425239f9a2";

    /// <summary>
    /// Software Update Groups: the rows (one per <c>SMS_AuthorizationList</c>), for row actions such as "Request content
    /// for this group…". Source: not in Microsoft docs; the console's own <c>XmlStorage\ConsoleRoot\SoftwareLibraryNode.xml</c>
    /// 5.2603.1030.1000 (public copy sekorotkov/RCT@848485f) has, inside <c>RootNodeDescription Id="UpdateGroupsNode"</c>,
    /// <c>QueryDescription NamespaceGuid="2853886b-…"</c> with <c>SELECT * FROM SMS_AuthorizationList ORDER BY
    /// LocalizedDisplayName</c> (test fixture Generation/Fixtures/ConsoleRoot), and design.md §6 records it as checked in
    /// consoles 1906–2603.
    /// </summary>
    public const string SoftwareUpdateGroupRows = "2853886b-cce5-4ed4-af43-df69efb2e7d8";

    /// <summary>
    /// Administration &gt; Site Configuration. Source: Microsoft, "How to Create Node XML for a Configuration Manager
    /// Console Grid View" uses it as <c>NamespaceGuid</c> and as <c>Extensions\Nodes\c192799c-…</c>. Note: Microsoft's
    /// "Console Node XML" article names <c>d61498cb-7b3f-4748-ae3e-026674fb0cbd</c> as Site Configuration instead;
    /// we do not place files under either, it is kept for <c>discover</c> and for the record.
    /// </summary>
    public const string SiteConfiguration = "c192799c-82cd-43cc-bc11-12996bca800f";

    // No constant for Administration > Site Configuration > Servers and Site System Roles (the lower pane listing the
    // roles of the selected server, rows SMS_SCI_SysResUse): no public source names its GUID (searched Microsoft docs,
    // public repositories and pages on 2026-11-25 and 2026-12-07; the public copies of real ConsoleRoot files hold
    // SoftwareLibraryNode.xml and AssetManagementNode.xml, not the Administration tree). A guessed GUID would ship actions
    // that can never appear, in a signed cab too, so none ships: the role-row actions exist only when an admin passes the
    // pane's GUID from their own console (ConsoleExtensionOptions.RolePaneGuid, 'cmdsync console install --legacy
    // --role-pane-guid' or 'cmdsync console generate --role-pane-guid' for a site's own cab). The GUID a row action needs
    // is the QueryDescription NamespaceGuid of the query that fills that list; 'cmdsync console discover --filter
    // SMS_SCI_SysResUse' lists the candidates and 'cmdsync doctor' names them. Microsoft's "Grid View" sample GUID
    // 81957874-9c03-4261-84eb-3cf6c31bf251 also queries that class but is the sample's own node, not the console's.

    /// <summary>
    /// Our own "Disconnected Sync" node's query (<c>QueryDescription NamespaceGuid</c>): fixed here, never regenerated,
    /// because row actions live under <c>Extensions\Actions\&lt;this GUID&gt;</c>.
    /// </summary>
    public const string DisconnectedSyncNodeQuery = "ec34d4bf-fb75-4b23-af18-57ae7346fec5";

    /// <summary>The 2103+ extension's identity (<c>CustomExtensionManifest ExtensionID</c>): fixed forever.</summary>
    public const string ExtensionId = "5697a094-7e06-41f9-b6d6-86d98832c8ab";
}
