namespace CMDisconnectedSync.ConfigMgr.SmsProvider;

/// <summary>
/// The WQL and method names the adapter sends to the SMS Provider, in one place (design.md §5; Microsoft's ConfigMgr SDK
/// class reference: SMS_SCI_SysResUse, SMS_SCI_Component, SMS_SUPSyncStatus, SMS_UpdateCategoryInstance,
/// SMS_SoftwareUpdate.SyncNow(Boolean fullSync)).
/// </summary>
internal static class Wql
{
    public const string SoftwareUpdatePointRole = "SMS Software Update Point";
    public const string WsusConfigurationManagerComponent = "SMS_WSUS_CONFIGURATION_MANAGER";
    public const string SyncSourceProperty = "DefaultUseParentWSUS";
    public const string SoftwareUpdateClass = "SMS_SoftwareUpdate";
    public const string SyncNowMethod = "SyncNow";
    public const string FullSyncParameter = "fullSync";

    // SMS_RbacSecuredObject.UserHasPermissions(ObjectPath, Permissions): Microsoft, "How to Check if a User Has Permissions
    // for an Object" (learn.microsoft.com/previous-versions/system-center/developer/jj155439(v=cmsdk.12)) and
    // "SMS_RbacSecuredObject Server WMI Class" (learn.microsoft.com/intune/configmgr/develop/reference/core/servers/configure/sms_rbacsecuredobject-server-wmi-class).
    public const string RbacSecuredObjectClass = "SMS_RbacSecuredObject";
    public const string UserHasPermissionsMethod = "UserHasPermissions";
    public const string ObjectPathParameter = "ObjectPath";
    public const string PermissionsParameter = "Permissions";

    public static string SoftwareUpdatePoints(string siteCode) =>
        $"SELECT * FROM SMS_SCI_SysResUse WHERE RoleName = '{SoftwareUpdatePointRole}' AND SiteCode = {Quote(siteCode)}";

    public static string WsusComponent(string siteCode) =>
        $"SELECT * FROM SMS_SCI_Component WHERE ComponentName = '{WsusConfigurationManagerComponent}' AND SiteCode = {Quote(siteCode)}";

    public static string SyncStatuses(string siteCode) =>
        $"SELECT * FROM SMS_SUPSyncStatus WHERE SiteCode = {Quote(siteCode)}";

    public const string AllUpdateCategories = "SELECT * FROM SMS_UpdateCategoryInstance";

    public static string UpdateCategory(string uniqueId) =>
        $"SELECT * FROM SMS_UpdateCategoryInstance WHERE CategoryInstance_UniqueID = {Quote(uniqueId)}";

    /// <summary>A WQL string literal: single quotes, with backslash and quote escaped by a backslash.</summary>
    public static string Quote(string value)
    {
        _ = value ?? throw new ArgumentNullException(nameof(value));
        return "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
    }
}
