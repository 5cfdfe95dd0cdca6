using System.Globalization;

namespace CMDisconnectedSync.ConfigMgr.SmsProvider;

/// <summary>
/// The WQL and method names of the deployment content loop (issue 18), in one place. Classes and properties from
/// Microsoft's ConfigMgr SDK reference (learn.microsoft.com/mem/configmgr/develop/reference/sum/…):
/// <list type="bullet">
/// <item>SMS_AuthorizationList (sms_authorizationlist-server-wmi-class): CI_ID, LocalizedDisplayName, Updates (UInt32
/// array of member CI_IDs, lazy: read after Get(), as in "How to Create a Software Update Group").</item>
/// <item>SMS_SoftwareUpdate (sms_softwareupdate-server-wmi-class): CI_ID, CI_UniqueID, ArticleID, LocalizedDisplayName,
/// IsExpired, NumMissing.</item>
/// <item>SMS_CIToContent (sms_citocontent-server-wmi-class): CI_ID (UInt32), ContentID (SInt32).</item>
/// <item>SMS_CIContentFiles (sms_cicontentfiles-server-wmi-class): ContentID (UInt32), FileName, FileHash, FileSize
/// (SInt64), SourceURL, LanguageID (UInt32).</item>
/// <item>SMS_PackageToContent (learn.microsoft.com/previous-versions/system-center/developer/hh442785(v=cmsdk.12)):
/// ContentID, PackageID.</item>
/// <item>SMS_SoftwareUpdatesPackage (sms_softwareupdatespackage-server-wmi-class): PackageID, Name, Description,
/// PkgSourceFlag, PkgSourcePath; created as in "How to Create a Deployment Package" (CreateInstance, PkgSourceFlag 2,
/// Put); AddUpdateContent(UInt32 ContentIDs[], String ContentSourcePath[], Boolean bRefreshDPs)
/// (addupdatecontent-method-in-class-sms_softwareupdatespackage), called on the instance as in "How to Add Updates to a
/// Deployment Package" (GetInstance(@"SMS_SoftwareUpdatesPackage.PackageID='…'").ExecuteMethod("AddUpdateContent", …)).</item>
/// </list>
/// WQL has no IN operator, so lists of IDs become OR chains of at most <see cref="BatchSize"/> terms.
/// </summary>
internal static class DeploymentContentWql
{
    public const int BatchSize = 50;

    public const string AuthorizationListClass = "SMS_AuthorizationList";
    public const string CiToContentClass = "SMS_CIToContent";
    public const string CiContentFilesClass = "SMS_CIContentFiles";
    public const string PackageToContentClass = "SMS_PackageToContent";
    public const string SoftwareUpdatesPackageClass = "SMS_SoftwareUpdatesPackage";
    public const string AddUpdateContentMethod = "AddUpdateContent";
    public const string ContentIdsParameter = "ContentIDs";
    public const string ContentSourcePathParameter = "ContentSourcePath";
    public const string RefreshDpsParameter = "bRefreshDPs";

    /// <summary>PkgSourceFlag 2 (STORAGE_DIRECT): what Microsoft's "How to Create a Deployment Package" passes.</summary>
    public const int PkgSourceFlagDirect = 2;

    private const string UpdateColumns = "CI_ID, CI_UniqueID, ArticleID, LocalizedDisplayName, IsExpired, NumMissing";

    public const string AllGroups = "SELECT * FROM SMS_AuthorizationList";

    public const string RequiredUpdates = "SELECT " + UpdateColumns + " FROM SMS_SoftwareUpdate WHERE NumMissing > 0 AND IsExpired = 0";

    public static string UpdatesByCiId(IEnumerable<int> ciIds) =>
        "SELECT " + UpdateColumns + " FROM SMS_SoftwareUpdate WHERE " + OrChain("CI_ID", ciIds.Select(Number));

    public static string UpdatesByArticleId(IEnumerable<string> articleIds) =>
        "SELECT " + UpdateColumns + " FROM SMS_SoftwareUpdate WHERE " + OrChain("ArticleID", articleIds.Select(Wql.Quote));

    public static string ContentOfUpdates(IEnumerable<int> ciIds) =>
        "SELECT CI_ID, ContentID FROM SMS_CIToContent WHERE " + OrChain("CI_ID", ciIds.Select(Number));

    public static string FilesOfContents(IEnumerable<uint> contentIds) =>
        "SELECT ContentID, FileName, FileHash, FileSize, SourceURL, LanguageID FROM SMS_CIContentFiles WHERE " + OrChain("ContentID", contentIds.Select(Number));

    public static string PackagedContents(IEnumerable<uint> contentIds) =>
        "SELECT ContentID, PackageID FROM SMS_PackageToContent WHERE " + OrChain("ContentID", contentIds.Select(Number));

    /// <summary>Every software updates package (the import wizard lists them to choose from; a site has tens, not thousands).</summary>
    public const string AllPackages = "SELECT PackageID, Name, PkgSourcePath FROM SMS_SoftwareUpdatesPackage";

    public static string PackageById(string packageId) =>
        "SELECT PackageID, Name, PkgSourcePath FROM SMS_SoftwareUpdatesPackage WHERE PackageID = " + Wql.Quote(packageId);

    public static string PackagePath(string packageId) =>
        SoftwareUpdatesPackageClass + ".PackageID=" + Wql.Quote(packageId);

    /// <summary>Splits <paramref name="items"/> into batches of <see cref="BatchSize"/>.</summary>
    public static IEnumerable<IReadOnlyList<T>> Batches<T>(IEnumerable<T> items)
    {
        var batch = new List<T>(BatchSize);
        foreach (var item in items)
        {
            batch.Add(item);
            if (batch.Count == BatchSize)
            {
                yield return batch;
                batch = new List<T>(BatchSize);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static string OrChain(string property, IEnumerable<string> literals) =>
        string.Join(" OR ", literals.Select(l => property + " = " + l));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(uint value) => value.ToString(CultureInfo.InvariantCulture);
}
