using System.Globalization;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.ConsoleExtension.Model;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Doctor;

/// <summary>
/// Every assumption <c>cmdsync doctor</c> checks, with the expected value and the public source it came from. This is
/// the one place to correct when the field shows otherwise: change the line here (or the part's own constant it
/// refers to: <see cref="WsusSetupRegistry"/>, <see cref="ConsoleNodeIds"/>, <see cref="SyncStateMessages"/>,
/// <see cref="ContentVolumeCheck.RequiredFileSystem"/>; the SDK identity comes from the adapter's own references).
/// Facts without a primary source say <c>unconfirmed</c> in their source.
/// </summary>
public static class FieldFacts
{
    public const string WsusArea = "WSUS";
    public const string ConsoleArea = "Console";
    public const string ConfigMgrArea = "ConfigMgr";
    public const string StateArea = "State folder";

    private const string VerifyingWsusServerSettings =
        "Microsoft, 'Verifying WSUS Server Settings' (learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/cc708545(v=ws.10)): "
        + @"registry values under HKLM\Software\Microsoft\Update Services\Server\Setup";

    private const string PlanWsusDeployment =
        "Microsoft, 'Plan your WSUS deployment' (learn.microsoft.com/windows-server/administration/windows-server-update-services/plan/plan-your-wsus-deployment)";

    private const string DisconnectedSup =
        "Microsoft ConfigMgr docs on software update points that do not synchronize with an upstream server (metadata comes by WSUSutil export/import; "
        + "console: Software Update Point Component > Sync Settings > 'Do not synchronize from Microsoft Update or upstream data source')";

    private const string DisconnectedNetwork =
        "Microsoft, 'Set Up a Disconnected Network (Import and Export Updates)' (learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/cc720512(v=ws.10))";

    private const string ManagingWsusFromCommandLine = "Microsoft, 'Managing WSUS from the Command Line' (WSUSutil.exe reference)";

    private const string CheckUserPermissions =
        "Microsoft, 'How to Check if a User Has Permissions for an Object' (learn.microsoft.com/previous-versions/system-center/developer/jj155439(v=cmsdk.12)): SMS_RbacSecuredObject.UserHasPermissions";

    // ---- WSUS -------------------------------------------------------------------------------------------------------

    public static readonly FieldFact WsusSetupKey = new("wsus.registry.setupKey", WsusArea, "WSUS setup registry key",
        $@"HKLM\{WsusSetupRegistry.SetupKeyPath} exists", VerifyingWsusServerSettings);

    public static readonly FieldFact WsusContentDir = new("wsus.registry.contentDir", WsusArea, $"Registry value {WsusSetupRegistry.ContentDirValue}",
        $@"a folder whose {WsusSetupRegistry.ContentFolderName} subfolder exists (update files and license terms live in ContentDir\{WsusSetupRegistry.ContentFolderName})",
        VerifyingWsusServerSettings);

    public static readonly FieldFact WsusTargetDir = new("wsus.registry.targetDir", WsusArea, $"Registry value {WsusSetupRegistry.TargetDirValue}",
        @"the WSUS install folder, e.g. C:\Program Files\Update Services", VerifyingWsusServerSettings);

    public static readonly FieldFact WsusSqlServerName = new("wsus.registry.sqlServerName", WsusArea, $"Registry value {WsusSetupRegistry.SqlServerNameValue}",
        "the WSUS database server, e.g. MICROSOFT##WID (Windows Internal Database) or a SQL Server instance", VerifyingWsusServerSettings);

    public static readonly FieldFact WsusUtilLocation = new("wsus.wsusutil.location", WsusArea, "WsusUtil.exe location",
        @"TargetDir\Tools\WsusUtil.exe exists",
        ManagingWsusFromCommandLine + @": WSUSutil.exe is in %drive%\Program Files\Update Services\Tools");

    public static readonly FieldFact WsusUtilVersion = new("wsus.wsusutil.fileVersion", WsusArea, "WsusUtil.exe file version",
        "a Windows file version (recorded in every bundle manifest; the two servers' versions are compared at import)",
        "design.md §3 (manifest records the WSUS version); the version itself has no documented minimum for export/import");

    public static readonly FieldFact WsusLanguages = new("wsus.settings.languages", WsusArea, "WSUS update languages",
        "readable through the WSUS admin API; must equal the other server's languages (compared at import with the bundle manifest)",
        DisconnectedNetwork + ": languages of the export and import servers must match");

    public static readonly FieldFact WsusExpressFiles = new("wsus.settings.expressFiles", WsusArea, "WSUS express installation files",
        "readable through the WSUS admin API; must equal the other server's setting (compared at import with the bundle manifest)",
        DisconnectedNetwork + ": express installation file settings of the export and import servers must match");

    public static readonly FieldFact WsusReplica = new("wsus.settings.replica", WsusArea, "WSUS replica mode",
        "import side: not a replica (IsReplicaServer = false)",
        DisconnectedNetwork + " (import goes to an autonomous server, not a centrally managed one); design.md §4");

    public static readonly FieldFact WsusContentFileSystem = new("wsus.content.fileSystem", WsusArea, "WsusContent volume file system",
        $"{ContentVolumeCheck.RequiredFileSystem} (and writable on the import side)",
        "Microsoft, 'Prepare Disks and Partitions' (WSUS deployment guide, technet Cc720454): the partition on which you install WSUS must be NTFS");

    /// <summary>Free space the content volume should have; 40 GB is Microsoft's recommended minimum for WSUS content.</summary>
    public const long MinimumContentFreeBytes = 40L * 1000 * 1000 * 1000;

    public static readonly FieldFact WsusContentFreeSpace = new("wsus.content.freeSpace", WsusArea, "WsusContent volume free space",
        string.Format(CultureInfo.InvariantCulture, "at least 40 GB free ({0:N0} bytes = {1})", MinimumContentFreeBytes, FreeSpaceCheck.FormatBytes(MinimumContentFreeBytes)),
        PlanWsusDeployment + ": available disk space 40 GB or greater recommended");

    /// <summary>What a first export (no earlier package to go by) stages in %TEMP%: <see cref="WsusUtilTempSpace"/>'s estimate.</summary>
    public static readonly long MinimumWsusUtilTempFreeBytes = WsusUtilTempSpace.Estimate(WsusUtilOperation.Export, "export" + WsusMetadataFileNames.PackageExtension, null).Bytes;

    public static readonly FieldFact WsusUtilTempFolder = new("wsus.wsusutil.tempFolder", WsusArea, "wsusutil temp folder (TEMP of the account running cmdsync)",
        $"writable, at least {FreeSpaceCheck.FormatBytes(MinimumWsusUtilTempFreeBytes)} free (each run's preflight checks its own need: the log, about the package's size; a UNC or .cab package is staged there too)",
        "Microsoft.UpdateServices.BaseApi.dll 10.0.10011.16384 decompiled (ImportExportHandler, ImportLogCallback; public copy github.com/Yevrag35/UpdateManagement@1dcde147): "
        + "the log, and a UNC or .cab package, go through Path.GetTempFileName(); the sizes are unconfirmed (WsusUtilTempSpace): compare a real run's log and package sizes");

    public static readonly FieldFact WsusContentFileNames = new("wsus.content.fileNames", WsusArea, "WsusContent file names carry their SHA-1",
        @"update files are named <XX>\<SHA-1 hex>.<ext>, XX the SHA-1's last byte, and their bytes have that SHA-1 (import uses it as Microsoft's digest)",
        "PatchDownloader.log content sources http://<wsus>:8530/Content/F5/316611FD…61F5.cab and SUSDB tbFile.FileDigest matched to the name "
        + "(Patch My PC KB, PatchMyPCTeam/kbs.patchmypc.com@26969497 configmgr/common-issues-and-error-codes/missing-cab-update.md); "
        + "Alsid 'WSUSpendu' (Black Hat USA 2017) §3.3: <WSUS ROOT>\\WsusContent\\<XX>\\<SHA1>.exe, XX the last byte of the SHA-1");

    // ---- cmdsync's own state folder -----------------------------------------------------------------------------------

    public static readonly FieldFact StateFolderProtected = new("state.folder.acl", StateArea, "State folder protected from non-administrators",
        @"%ProgramData%\CMDisconnectedSync\State and its trusted-signers.txt, state.json, inventory.json, export chain and journals: owner "
        + "SYSTEM, Administrators or TrustedInstaller; no allow entry lets anyone else write, delete, change permissions or take ownership "
        + "(cmdsync creates it with a protected DACL: SYSTEM and Administrators full control, Users read)",
        "Microsoft, 'Security Descriptor String Format' and 'ACE Strings' (learn.microsoft.com/windows/win32/secauthz/…), read through "
        + "ObjectSecurity.GetSecurityDescriptorSddlForm; ProgramData's default ACL lets BUILTIN\\Users add files to new subfolders "
        + "((A;CIID;DCLCRPCR;;;BU) as inherited by a ProgramData subfolder, aws/amazon-cloudwatch-agent integration/msi/tools/permission.ps1), "
        + "hence the protected DACL. unconfirmed: that nothing on a real server (GPO file system policy, restore from backup) changes it later; this row confirms it");

    // ---- ConfigMgr console ------------------------------------------------------------------------------------------

    public static readonly FieldFact ConsolePath = new("console.path", ConsoleArea, "ConfigMgr console (AdminConsole folder)",
        @"an AdminConsole folder with XmlStorage (from --console-path, SMS_ADMIN_UI_PATH = AdminConsole\bin\i386, or HKLM\SOFTWARE\Microsoft\ConfigMgr10\Setup 'UI Installation Directory')",
        "Microsoft, 'How to Create a Configuration Manager Action' (XmlStorage\\Extensions\\Actions under the console install folder); "
        + "registry value unconfirmed by Microsoft, read by community installers (Right Click Tools install.ps1)");

    /// <summary>The SDK assembly a console must hold; the expected identity is the one our adapter references (read at run time).</summary>
    public static FieldFact SdkAssembly(string fileName) => new(
        "console.sdk." + Path.GetFileNameWithoutExtension(fileName), ConsoleArea, $@"SDK assembly bin\{fileName}",
        "the identity CMDisconnectedSync.ConfigMgr.dll references",
        "our adapter's assembly references (eng/ConfigMgrSdkReference or the real SDK at build time); Microsoft ConfigMgr SDK reference: "
        + "Microsoft.ConfigurationManagement.ManagementProvider and AdminUI.WqlQueryEngine in the console's AdminConsole\\bin");

    public static readonly FieldFact SdkMembers = new("console.sdk.members", ConsoleArea, "SDK members cmdsync calls",
        @"every ConfigMgr SDK type and member CMDisconnectedSync.ConfigMgr.dll references exists in bin\ with the same name, static-ness, "
        + "parameter and return types (else MissingMethodException / TypeLoadException mid-run)",
        "the adapter's own TypeRef/MemberRef metadata (ECMA-335 II.22.38, II.22.25) resolved against the console's DLLs without loading them; "
        + "established 2026-11-25 by resolving the built adapter against two public copies of the real SDK DLLs (consoles 1706 and 1802, "
        + "from MikePohatu/Visualizer4CM@a1dd215 and RobUK101/PatchMaster@6ee8bf6): 27 of 27 present in both");

    /// <summary>Microsoft's own console XML that names the Software Library nodes (a public copy; the tests hold an excerpt).</summary>
    private const string SoftwareLibraryNodeXml =
        "Microsoft's console XML XmlStorage\\ConsoleRoot\\SoftwareLibraryNode.xml, consoles 5.1906 to 5.2603.1030.1000 "
        + "(public copy github.com/sekorotkov/RCT@848485f, Xml-SuExtension/<version>/XmlStorage/ConsoleRoot)";

    /// <summary>The console GUIDs our actions and node hang under (XmlStorage\Extensions\Actions\&lt;GUID&gt;), each with its source.</summary>
    public static IReadOnlyList<FieldFact> ParentNodes { get; } =
    [
        ParentNode("softwareUpdatesFolder", "Software Library > Software Updates (folder)", ConsoleNodeIds.SoftwareUpdatesFolder,
            "Microsoft, 'How to Create a Configuration Manager Action' (the GUID identifies the software updates folder)"),
        ParentNode("allSoftwareUpdatesNode", "Software Updates > All Software Updates", ConsoleNodeIds.AllSoftwareUpdatesNode,
            SoftwareLibraryNodeXml + " (RootNodeDescription Id AllUpdatesNode)"),
        ParentNode("softwareUpdateGroupsNode", "Software Updates > Software Update Groups", ConsoleNodeIds.SoftwareUpdateGroupsNode,
            SoftwareLibraryNodeXml + " (RootNodeDescription Id UpdateGroupsNode)"),
    ];

    /// <summary>The WQL class the Servers and Site System Roles pane lists: candidates for the real role-pane GUID.</summary>
    public const string RolePaneWmiClass = "SMS_SCI_SysResUse";

    /// <summary>
    /// No GUID ships for the role pane (see the note in <see cref="ConsoleNodeIds"/>): this row finds the candidates on a
    /// real console so the admin can pass the right one to <c>--role-pane-guid</c>.
    /// </summary>
    public static readonly FieldFact RolePane = new("console.root.siteSystemRolesPane", ConsoleArea, "Site System Roles pane GUID in ConsoleRoot",
        $"the QueryDescription over {RolePaneWmiClass} that fills Servers and Site System Roles (lower pane); none ships, pass it with --role-pane-guid",
        $"unconfirmed: no public source names the pane's GUID; the real pane lists {RolePaneWmiClass} rows (Microsoft, 'How to Create Node XML for a "
        + "Configuration Manager Console Grid View' queries that class)");

    /// <summary>Where a console that installed our cab keeps the wizard the cab's actions start (ConsoleExtensionLayout.CabLaunch).</summary>
    public static readonly FieldFact ExtensionPayload = new("console.extension.payload", ConsoleArea, "Cab payload installed with the console extension",
        $@"AdminConsole\Extensions\{ConsoleNodeIds.ExtensionId}\<version>\bin\{ConsoleExtensionOptions.ExecutableFileName} (what the cab's actions start)",
        @"Microsoft's signed recoveryKeyExtension.cab (microsoft/configmgr-hub objects/ConsoleExtensionCab) runs its payload from .\..\Extensions\<ExtensionID>\<Version>\bin\; "
        + "unconfirmed: that a payload listed once, in the first of several action deployments, is installed (ExtensionManifestWriter.PayloadDeploymentIndex)");

    public static readonly FieldFact ApprovedExtensionsOnly = new("console.hierarchy.approvedExtensionsOnly", ConsoleArea,
        "Hierarchy allows unapproved (legacy XML) console extensions",
        "legacy XmlStorage actions load only while 'Only allow console extensions that are approved for the hierarchy' is off; otherwise import and approve our signed cab",
        "Microsoft, 'Manage Configuration Manager console extensions' (learn.microsoft.com/mem/configmgr/core/servers/manage/admin-console-extensions): "
        + "on by default for sites installed from 2103 on");

    // ---- ConfigMgr site (SMS Provider) --------------------------------------------------------------------------------

    public static readonly FieldFact ProviderReachable = new("configmgr.provider.reachable", ConfigMgrArea, "SMS Provider reachable",
        "WqlConnectionManager.Connect succeeds and reports the connected site code",
        "Microsoft, 'How to Connect to an SMS Provider in Configuration Manager by Using Managed Code'");

    public static readonly FieldFact ReadSoftwareUpdatePoints = new("configmgr.rbac.readSup", ConfigMgrArea, "Read software update point rows",
        "SMS_SCI_SysResUse rows with RoleName 'SMS Software Update Point' are readable and at least one exists",
        "Microsoft ConfigMgr SDK, 'SMS_SCI_SysResUse Server WMI Class'; design.md §5");

    public static readonly FieldFact ReadUpdateCategories = new("configmgr.rbac.readCategories", ConfigMgrArea, "Read SMS_UpdateCategoryInstance",
        "products and classifications are readable",
        "Microsoft ConfigMgr SDK, 'SMS_UpdateCategoryInstance Server WMI Class'; design.md §5");

    /// <summary>The secured object and right asked for "may subscribe products and classifications".</summary>
    public const string WriteCategoriesSecuredObject = "SMS_UpdateCategoryInstance";
    public const RbacPermissions WriteCategoriesPermissions = RbacPermissions.Modify;

    public static readonly FieldFact WriteUpdateCategories = new("configmgr.rbac.writeCategories", ConfigMgrArea, "Write SMS_UpdateCategoryInstance (subscribe)",
        $"UserHasPermissions('{WriteCategoriesSecuredObject}', {WriteCategoriesPermissions}) = true",
        CheckUserPermissions + "; which secured object and right guard IsSubscribed + Put() is unconfirmed (field practice: a role with Modify on the site)");

    /// <summary>The secured object and right asked for "may trigger SyncNow".</summary>
    public const string SyncNowSecuredObject = "SMS_SoftwareUpdate";
    public const RbacPermissions SyncNowPermissions = RbacPermissions.Modify;

    public static readonly FieldFact SyncNowPermission = new("configmgr.rbac.syncNow", ConfigMgrArea, "Run SMS_SoftwareUpdate.SyncNow",
        $"UserHasPermissions('{SyncNowSecuredObject}', {SyncNowPermissions}) = true",
        CheckUserPermissions + "; which right guards SyncNow is unconfirmed (field practice: the Software Update Manager role)");

    public static FieldFact SyncSource(DoctorSide side) => new("configmgr.sup.syncSource", ConfigMgrArea, "Software update point sync source",
        side == DoctorSide.Import
            ? $"{ConfigMgr.SyncSource.DoNotSynchronize} (DefaultUseParentWSUS = {(int)ConfigMgr.SyncSource.DoNotSynchronize})"
            : $"{ConfigMgr.SyncSource.MicrosoftUpdate} or {ConfigMgr.SyncSource.UpstreamServer} (DefaultUseParentWSUS = 0 or 1)",
        DisconnectedSup + "; SMS_SCI_Component SMS_WSUS_CONFIGURATION_MANAGER property DefaultUseParentWSUS (design.md §5)");

    public static readonly FieldFact LastSyncStatus = new("configmgr.sup.lastSync", ConfigMgrArea, "Last SMS_SUPSyncStatus",
        $"LastSyncState {SyncStateMessages.Done} (synchronization done) on every software update point",
        "Microsoft ConfigMgr SDK, 'SMS_SUPSyncStatus Server WMI Class' (state message ids 6701-6708); design.md §5");

    // ---- Deployment content (issue 18) -------------------------------------------------------------------------------

    private const string SumReference = "Microsoft ConfigMgr SDK reference (learn.microsoft.com/mem/configmgr/develop/reference/sum/";

    public static readonly FieldFact ReadUpdateGroups = new("configmgr.content.readGroups", ConfigMgrArea, "Read software update groups (SMS_AuthorizationList)",
        "groups are readable and each lists its member CI_IDs in the lazy Updates array after Get()",
        SumReference + "sms_authorizationlist-server-wmi-class); Microsoft, 'How to Create a Software Update Group' (Updates as IntegerArrayValue)");

    public static readonly FieldFact ReadContentFiles = new("configmgr.content.readFiles", ConfigMgrArea, "Read update content files (SMS_CIToContent, SMS_CIContentFiles)",
        "an update's contents (SMS_CIToContent CI_ID -> ContentID) list files with FileName, FileSize, an http(s) SourceURL and a FileHash (the form shown is what the request carries)",
        SumReference + "sms_citocontent-server-wmi-class and sms_cicontentfiles-server-wmi-class)");

    public static readonly FieldFact ReadPackagedContent = new("configmgr.content.readPackaged", ConfigMgrArea, "Read content already in packages (SMS_PackageToContent)",
        "SMS_PackageToContent rows (ContentID, PackageID) are readable",
        "Microsoft ConfigMgr SDK, 'SMS_PackageToContent Server WMI Class' (learn.microsoft.com/previous-versions/system-center/developer/hh442785(v=cmsdk.12))");

    /// <summary>The secured object and right asked for "may add content to a deployment package".</summary>
    public const string AddUpdateContentSecuredObject = "SMS_SoftwareUpdatesPackage";
    public const RbacPermissions AddUpdateContentPermissions = RbacPermissions.Modify;

    public static readonly FieldFact AddUpdateContentPermission = new("configmgr.rbac.addUpdateContent", ConfigMgrArea, "Run SMS_SoftwareUpdatesPackage.AddUpdateContent",
        $"UserHasPermissions('{AddUpdateContentSecuredObject}', {AddUpdateContentPermissions}) = true",
        CheckUserPermissions + "; " + SumReference + "addupdatecontent-method-in-class-sms_softwareupdatespackage); "
        + "which right guards AddUpdateContent is unconfirmed (field practice: the Software Update Manager role)");
    public static readonly FieldFact ContentFileHashForm = new("configmgr.sum.contentFileHash", ConfigMgrArea, "SMS_CIContentFiles.FileHash form",
        "'SHA1:' followed by the file's SHA-1 in 40 hex digits, e.g. SHA1:83D5BB38D8C50D924F3DCD024B20FE33AFBD9D14 (MicrosoftFileDigest also reads SHA256:, bare hex and base64)",
        "Microsoft, 'Track the software update deployment process in Configuration Manager' (learn.microsoft.com/troubleshoot/mem/configmgr/update-management/"
        + "track-software-update-deployment-process): SMSProv.log during AddUpdateContent shows ContentFileHash = SHA1:83D5…9D14; the SDK page "
        + "'SMS_CIContentFiles Server WMI Class' documents FileHash only as 'The file hash'. unconfirmed: that the WMI property returns that same string");

    /// <summary>Every fixed fact, for the report's reference and the tests (the per-file SDK facts are added by the check).</summary>
    public static IReadOnlyList<FieldFact> All { get; } =
    [
        WsusSetupKey, WsusContentDir, WsusTargetDir, WsusSqlServerName, WsusUtilLocation, WsusUtilVersion,
        WsusLanguages, WsusExpressFiles, WsusReplica, WsusContentFileSystem, WsusContentFreeSpace, WsusContentFileNames, WsusUtilTempFolder, StateFolderProtected,
        ConsolePath, SdkMembers, .. ParentNodes, RolePane, ExtensionPayload, ApprovedExtensionsOnly,
        ProviderReachable, ReadSoftwareUpdatePoints, ReadUpdateCategories, WriteUpdateCategories, SyncNowPermission,
        SyncSource(DoctorSide.Import), LastSyncStatus,
        ReadUpdateGroups, ReadContentFiles, ReadPackagedContent, AddUpdateContentPermission, ContentFileHashForm,
    ];

    private static FieldFact ParentNode(string key, string location, string guid, string source) =>
        new("console.root." + key, ConsoleArea, $"{location} GUID in ConsoleRoot", guid, source);
}
