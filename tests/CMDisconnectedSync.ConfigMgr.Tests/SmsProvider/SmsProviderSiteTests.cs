using System.Runtime.InteropServices;
using CMDisconnectedSync.ConfigMgr.SmsProvider;
using Microsoft.ConfigurationManagement.ManagementProvider;
using Microsoft.Extensions.Time.Testing;
using Serilog.Events;
using static CMDisconnectedSync.ConfigMgr.Tests.SmsProvider.WmiRows;

namespace CMDisconnectedSync.ConfigMgr.Tests.SmsProvider;

[TestClass]
public sealed class SmsProviderSiteTests
{
    private const string Server = "CM01.corp.example";
    private readonly Mock<ConnectionManagerBase> _connection = new(MockBehavior.Strict);
    private readonly Mock<QueryProcessorBase> _queries = new(MockBehavior.Strict);
    private readonly CapturingSink _log = new();

    public SmsProviderSiteTests()
    {
        _connection.SetupGet(c => c.QueryProcessor).Returns(_queries.Object);
    }

    private SmsProviderSite CreateSut() =>
        new(_connection.Object, Server, "PS1", new FakeTimeProvider(), _log.CreateLogger());

    private void Returns(string wql, params Mock<IResultObject>[] rows) =>
        _queries.Setup(q => q.ExecuteQuery(wql)).Returns(ResultSet(rows).Object);

    [TestMethod]
    public async Task GetSoftwareUpdatePointsAsync_RoleRows_ReturnsServersWithoutTheUncPrefix()
    {
        Returns("SELECT * FROM SMS_SCI_SysResUse WHERE RoleName = 'SMS Software Update Point' AND SiteCode = 'PS1'",
            Row(("NetworkOSPath", @"\\CM01.corp.example"), ("SiteCode", "PS1"), ("RoleName", "SMS Software Update Point")));

        var sups = await CreateSut().GetSoftwareUpdatePointsAsync(CancellationToken.None);

        CollectionAssert.AreEqual(new[] { new SoftwareUpdatePoint("CM01.corp.example", "PS1") }, sups.ToArray());
    }

    [TestMethod]
    [DataRow(0, SyncSource.MicrosoftUpdate)]
    [DataRow(1, SyncSource.UpstreamServer)]
    [DataRow(2, SyncSource.DoNotSynchronize)]
    public async Task GetSyncSourceAsync_ComponentWithDefaultUseParentWsus_ReadsTheEmbeddedPropertyAfterLoadingTheInstance(int value, SyncSource expected)
    {
        var component = Row(("ComponentName", "SMS_WSUS_CONFIGURATION_MANAGER"), ("SiteCode", "PS1"));
        component.Setup(c => c.Get());
        component.SetupGet(c => c.EmbeddedProperties).Returns(new Dictionary<string, IResultObject>
        {
            ["Call WSUS Cleanup"] = EmbeddedProperty("Call WSUS Cleanup", 1).Object,
            ["DefaultUseParentWSUS"] = EmbeddedProperty("DefaultUseParentWSUS", value).Object,
        });
        Returns("SELECT * FROM SMS_SCI_Component WHERE ComponentName = 'SMS_WSUS_CONFIGURATION_MANAGER' AND SiteCode = 'PS1'", component);

        var source = await CreateSut().GetSyncSourceAsync(CancellationToken.None);

        Assert.AreEqual(expected, source);
        component.Verify(c => c.Get(), Times.Once);
    }

    [TestMethod]
    public async Task GetSyncSourceAsync_NoSoftwareUpdatePointComponent_ThrowsSiteMisconfigured()
    {
        Returns("SELECT * FROM SMS_SCI_Component WHERE ComponentName = 'SMS_WSUS_CONFIGURATION_MANAGER' AND SiteCode = 'PS1'");

        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() => CreateSut().GetSyncSourceAsync(CancellationToken.None));

        Assert.AreEqual(ConfigMgrFailure.SiteMisconfigured, error.Failure);
        StringAssert.Contains(error.Message, "PS1");
    }

    [TestMethod]
    public async Task GetSyncStatusesAsync_FailedSyncRow_MapsStateTimeAndErrorCode()
    {
        Returns("SELECT * FROM SMS_SUPSyncStatus WHERE SiteCode = 'PS1'",
            Row(("SiteCode", "PS1"), ("WSUSServerName", "CM01.corp.example"), ("LastSyncState", 6703),
                ("LastSyncStateTime", Dmtf("20261125093000.000000+000")), ("LastSuccessfulSyncTime", null),
                ("LastSyncErrorCode", unchecked((int)0x80131500))));

        var statuses = await CreateSut().GetSyncStatusesAsync(CancellationToken.None);

        var expected = new SupSyncStatus("PS1", "CM01.corp.example", 6703,
            new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero), null, unchecked((int)0x80131500));
        Assert.AreEqual(expected, statuses.Single());
        Assert.AreEqual(SyncState.Failed, statuses.Single().State);
    }

    // Issue 16 item 2. The SDK's DateTimeValue is this computer's local time with Kind=Unspecified (the stand-in in
    // WmiRows repeats ManagementDateTimeConverter.ToDateTime from dotnet/runtime), so reading it as UTC was off by the
    // local offset: 8 hours early in Los Angeles. CI runs this project under TZ=UTC and TZ=America/Los_Angeles; the
    // expected instants are the DMTF value's own, whatever the zone.
    [TestMethod]
    [DataRow("20261125093000.000000+000", "2026-11-25T09:30:00.0000000+00:00", DisplayName = "UTC, as the provider writes status times")]
    [DataRow("20020408141835.999999-420", "2002-04-08T21:18:35.9999990+00:00", DisplayName = "the sample of learn.microsoft.com ManagementDateTimeConverter.ToDateTime")]
    [DataRow("20260308100000.000000+000", "2026-03-08T10:00:00.0000000+00:00", DisplayName = "the hour Los Angeles skips (DST starts 2026-03-08 02:00)")]
    [DataRow("20261101090000.000000+000", "2026-11-01T09:00:00.0000000+00:00", DisplayName = "the hour Los Angeles repeats (DST ends 2026-11-01 02:00)")]
    public async Task GetSyncStatusesAsync_StateTimeInDmtf_IsTheSameInstantInAnyTimeZone(string dmtf, string expected)
    {
        Returns("SELECT * FROM SMS_SUPSyncStatus WHERE SiteCode = 'PS1'",
            Row(("SiteCode", "PS1"), ("WSUSServerName", "CM01.corp.example"), ("LastSyncState", 6702),
                ("LastSyncStateTime", Dmtf(dmtf)), ("LastSuccessfulSyncTime", Dmtf(dmtf)), ("LastSyncErrorCode", 0)));

        var status = (await CreateSut().GetSyncStatusesAsync(CancellationToken.None)).Single();

        var instant = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.AreEqual(instant, status.StateTime);
        Assert.AreEqual(TimeSpan.Zero, status.StateTime!.Value.Offset);
        Assert.AreEqual(instant, status.LastSuccessfulSyncTime);
    }

    [TestMethod]
    public async Task GetSyncStatusesAsync_StateTimeNotInDmtf_ThrowsAnUnexpectedValueErrorNamingTheServer()
    {
        Returns("SELECT * FROM SMS_SUPSyncStatus WHERE SiteCode = 'PS1'",
            Row(("SiteCode", "PS1"), ("WSUSServerName", "CM01.corp.example"), ("LastSyncState", 6702),
                ("LastSyncStateTime", "11/25/2026 9:30:00 AM"), ("LastSuccessfulSyncTime", null), ("LastSyncErrorCode", 0)));

        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() => CreateSut().GetSyncStatusesAsync(CancellationToken.None));

        StringAssert.Contains(error.Message, "unexpected type");
        StringAssert.Contains(error.Message, Server);
        StringAssert.Contains(error.Message, "11/25/2026 9:30:00 AM");
    }

    // The whole sync wait on the adapter's times: SyncNow at 09:00 UTC, the provider records 6702 at 09:03 UTC. With the
    // SDK's local DateTimeValue read as UTC, west of UTC that state looked hours older than the trigger and the wait
    // ended in a time-out (exit 56) although the sync had succeeded.
    [TestMethod]
    public async Task SyncNowAndWaitAsync_OnTheAdaptersStatusTimes_SeesTheSyncThatFinishedAfterTheTrigger()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var reads = 0;
        _queries.Setup(q => q.ExecuteQuery("SELECT * FROM SMS_SUPSyncStatus WHERE SiteCode = 'PS1'")).Returns(() => ++reads == 1
            ? ResultSet(SyncRow(6702, "20261124210000.000000+000")).Object
            : ResultSet(SyncRow(6702, "20261125090300.000000+000")).Object);
        _connection.Setup(c => c.ExecuteMethod("SMS_SoftwareUpdate", "SyncNow", It.IsAny<Dictionary<string, object>>()))
            .Returns(DisposableRow(("ReturnValue", 0)).Object);
        var site = new SmsProviderSite(_connection.Object, Server, "PS1", clock, _log.CreateLogger());

        var outcome = await new SupSyncWaiter(clock, _log.CreateLogger()).SyncNowAndWaitAsync(
            site, new SoftwareUpdatePoint("CM01.corp.example", "PS1"), new SyncRequest(false, Timeout: TimeSpan.Zero, TimeSpan.FromSeconds(30)),
            progress: null, CancellationToken.None);

        // A zero time-out: one read after the trigger decides, so the old reading fails here instead of waiting.
        Assert.AreEqual(SyncOutcomeKind.Succeeded, outcome.Kind, outcome.Message);
        Assert.AreEqual(new DateTimeOffset(2026, 11, 25, 9, 3, 0, TimeSpan.Zero), outcome.FinalStatus!.StateTime);
    }

    [TestMethod]
    public async Task GetSyncStatusesAsync_AfterReadingTheRows_ReleasesTheResultSet()
    {
        var set = ResultSet();
        _queries.Setup(q => q.ExecuteQuery("SELECT * FROM SMS_SUPSyncStatus WHERE SiteCode = 'PS1'")).Returns(set.Object);

        await CreateSut().GetSyncStatusesAsync(CancellationToken.None);

        set.Verify(s => s.Dispose(), Times.Once);
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public async Task TriggerSyncAsync_CallsSyncNowWithTheFullSyncFlag(bool fullSync)
    {
        Dictionary<string, object>? sent = null;
        _connection
            .Setup(c => c.ExecuteMethod("SMS_SoftwareUpdate", "SyncNow", It.IsAny<Dictionary<string, object>>()))
            .Callback((string _, string _, Dictionary<string, object> parameters) => sent = parameters)
            .Returns(DisposableRow(("ReturnValue", 0)).Object);

        await CreateSut().TriggerSyncAsync(fullSync, CancellationToken.None);

        _connection.Verify(c => c.ExecuteMethod("SMS_SoftwareUpdate", "SyncNow", It.IsAny<Dictionary<string, object>>()), Times.Once);
        CollectionAssert.AreEquivalent(new Dictionary<string, object> { ["fullSync"] = fullSync }, sent);
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public async Task UserHasPermissionsAsync_AsksRbacSecuredObjectAndReturnsItsAnswer(bool granted)
    {
        Dictionary<string, object>? sent = null;
        _connection
            .Setup(c => c.ExecuteMethod("SMS_RbacSecuredObject", "UserHasPermissions", It.IsAny<Dictionary<string, object>>()))
            .Callback((string _, string _, Dictionary<string, object> parameters) => sent = parameters)
            .Returns(DisposableRow(("ReturnValue", granted)).Object);

        var answer = await CreateSut().UserHasPermissionsAsync("SMS_SoftwareUpdate", RbacPermissions.Modify, CancellationToken.None);

        Assert.AreEqual(granted, answer);
        CollectionAssert.AreEquivalent(new Dictionary<string, object> { ["ObjectPath"] = "SMS_SoftwareUpdate", ["Permissions"] = 2 }, sent);
    }

    [TestMethod]
    public async Task UserHasPermissionsAsync_NeverWritesOrCallsAnotherMethod()
    {
        _connection
            .Setup(c => c.ExecuteMethod("SMS_RbacSecuredObject", "UserHasPermissions", It.IsAny<Dictionary<string, object>>()))
            .Returns(DisposableRow(("ReturnValue", true)).Object);

        await CreateSut().UserHasPermissionsAsync("SMS_UpdateCategoryInstance", RbacPermissions.Read | RbacPermissions.Modify, CancellationToken.None);

        // Strict mocks: any Put(), query or other method would have thrown; exactly one read-only call was made.
        _connection.Verify(c => c.ExecuteMethod(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Dictionary<string, object>>()), Times.Once);
    }

    [TestMethod]
    public async Task TriggerSyncAsync_NonZeroReturnValue_ThrowsNamingTheServer()
    {
        _connection.Setup(c => c.ExecuteMethod("SMS_SoftwareUpdate", "SyncNow", It.IsAny<Dictionary<string, object>>()))
            .Returns(DisposableRow(("ReturnValue", 2)).Object);

        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() => CreateSut().TriggerSyncAsync(false, CancellationToken.None));

        StringAssert.Contains(error.Message, "returned 2");
        StringAssert.Contains(error.Message, Server);
    }

    [TestMethod]
    public async Task GetUpdateCategoriesAsync_Hierarchy_LinksProductsToTheirFamilyAndSkipsUnknownTypes()
    {
        Returns("SELECT * FROM SMS_UpdateCategoryInstance",
            Category(1, 0, "Company:56309036-4c77-4dd9-951a-99ee9c246a94", "Company", "Microsoft", false, false),
            Category(2, 1, "ProductFamily:6964aab4-c5b5-43bd-a17d-ffb4346a8e1d", "ProductFamily", "Windows", false, false),
            Category(3, 2, "Product:72e7624a-5b00-45d2-b92f-e561c0a6a160", "Product", "Windows 11", true, true),
            Category(4, 0, "UpdateClassification:0fa1201d-4330-4fa8-8ae9-b877473b6441", "UpdateClassification", "Security Updates", true, true),
            Category(5, 0, "Locale:en", "Locale", "English", false, false));

        var categories = await CreateSut().GetUpdateCategoriesAsync(CancellationToken.None);

        var windows11 = categories.Single(c => c.Name == "Windows 11");
        Assert.AreEqual(
            new UpdateCategory("Product:72e7624a-5b00-45d2-b92f-e561c0a6a160", "Windows 11", UpdateCategoryType.Product, true, true,
                "ProductFamily:6964aab4-c5b5-43bd-a17d-ffb4346a8e1d", "Windows"),
            windows11);
        CollectionAssert.AreEqual(
            new[] { UpdateCategoryType.Company, UpdateCategoryType.ProductFamily, UpdateCategoryType.Product, UpdateCategoryType.Classification },
            categories.Select(c => c.Type).ToArray());
    }

    [TestMethod]
    public async Task SubscribeAsync_SubscribableCategory_LoadsTheInstanceThenSetsIsSubscribedAndPutsIt()
    {
        var row = Category(3, 2, "Product:abc", "Product", "Windows 12", isSubscribed: false, allowSubscription: true);
        var calls = new List<string>();
        row.Setup(r => r.Get()).Callback(() => calls.Add("Get"));
        row.Setup(r => r.Put()).Callback(() => calls.Add($"Put IsSubscribed={row.Object["IsSubscribed"].BooleanValue}"));
        Returns("SELECT * FROM SMS_UpdateCategoryInstance WHERE CategoryInstance_UniqueID = 'Product:abc'", row);

        await CreateSut().SubscribeAsync(["Product:abc"], CancellationToken.None);

        // Get() first: a query row lacks lazy properties, and Put() writes back what the object holds.
        CollectionAssert.AreEqual(new[] { "Get", "Put IsSubscribed=True" }, calls);
    }

    // What Get() loads decides: a query row may show a lazy property as null or zero until the instance is read
    // (learn.microsoft.com, "Configuration Manager Lazy Properties").
    [TestMethod]
    public async Task SubscribeAsync_AllowSubscriptionOnlyAfterGet_IsJudgedOnTheLoadedInstance()
    {
        var allow = Property(false);
        var row = Row(("CategoryInstance_UniqueID", "Product:abc"), ("LocalizedCategoryInstanceName", "Windows 12"), ("IsSubscribed", false));
        row.SetupGet(r => r["AllowSubscription"]).Returns(allow.Object);
        row.Setup(r => r.Get()).Callback(() => allow.SetupGet(p => p.BooleanValue).Returns(true));
        row.Setup(r => r.Put());
        Returns("SELECT * FROM SMS_UpdateCategoryInstance WHERE CategoryInstance_UniqueID = 'Product:abc'", row);

        await CreateSut().SubscribeAsync(["Product:abc"], CancellationToken.None);

        row.Verify(r => r.Put(), Times.Once);
    }

    [TestMethod]
    public async Task SubscribeAsync_AllowSubscriptionFalse_ThrowsWithoutPut()
    {
        var row = Category(1, 0, "Company:ms", "Company", "Microsoft", isSubscribed: false, allowSubscription: false);
        row.Setup(r => r.Get());
        Returns("SELECT * FROM SMS_UpdateCategoryInstance WHERE CategoryInstance_UniqueID = 'Company:ms'", row);

        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() => CreateSut().SubscribeAsync(["Company:ms"], CancellationToken.None));

        Assert.AreEqual(ConfigMgrFailure.CategoryNotSubscribable, error.Failure);
        row.Verify(r => r.Put(), Times.Never);
    }

    [TestMethod]
    public async Task SubscribeAsync_IdWithQuote_IsEscapedInTheWql()
    {
        Returns(@"SELECT * FROM SMS_UpdateCategoryInstance WHERE CategoryInstance_UniqueID = 'x\' OR \'1\'=\'1'");

        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() => CreateSut().SubscribeAsync(["x' OR '1'='1"], CancellationToken.None));

        StringAssert.Contains(error.Message, "no product or classification");
    }

    [TestMethod]
    public async Task ProviderCall_AccessDenied_ThrowsAccessDeniedNamingTheRoleAndServer()
    {
        _queries.Setup(q => q.ExecuteQuery(It.IsAny<string>()))
            .Throws(new WqlQueryFailure("Query failed", new UnauthorizedAccessException("Access is denied.")));

        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() => CreateSut().GetSyncStatusesAsync(CancellationToken.None));

        Assert.AreEqual(ConfigMgrFailure.AccessDenied, error.Failure);
        StringAssert.Contains(error.Message, Server);
        StringAssert.Contains(error.Message, "Software Update Manager");
        StringAssert.Contains(error.Message, "SMS Admins");
    }

    [TestMethod]
    public async Task ProviderCall_RpcServerUnavailable_ThrowsProviderUnreachableWithTheFirewallFix()
    {
        _queries.Setup(q => q.ExecuteQuery(It.IsAny<string>()))
            .Throws(new WqlQueryFailure("Query failed", ComError("The RPC server is unavailable.", 0x800706BA)));

        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() => CreateSut().GetUpdateCategoriesAsync(CancellationToken.None));

        Assert.AreEqual(ConfigMgrFailure.ProviderUnreachable, error.Failure);
        StringAssert.Contains(error.Message, "TCP 135");
    }

    [TestMethod]
    public async Task ProviderCall_WmiQuotaViolation_ThrowsQuotaExceededWithTheFix()
    {
        _queries.Setup(q => q.ExecuteQuery(It.IsAny<string>()))
            .Throws(new WqlQueryFailure("Query failed", ComError("Quota violation", 0x8004106C)));

        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() => CreateSut().GetUpdateCategoriesAsync(CancellationToken.None));

        Assert.AreEqual(ConfigMgrFailure.ProviderQuotaExceeded, error.Failure);
        StringAssert.Contains(error.Message, "Windows Management Instrumentation");
    }

    [TestMethod]
    public async Task ProviderCall_WmiAccessDeniedWithALocalizedMessage_IsAccessDeniedByItsStatusCode()
    {
        // German Windows: the text says nothing an English match would find; the WBEM status does.
        _queries.Setup(q => q.ExecuteQuery(It.IsAny<string>()))
            .Throws(new WqlQueryFailure("Abfrage fehlgeschlagen", new System.Management.ManagementException("Zugriff verweigert ", System.Management.ManagementStatus.AccessDenied)));

        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() => CreateSut().GetSyncStatusesAsync(CancellationToken.None));

        Assert.AreEqual(ConfigMgrFailure.AccessDenied, error.Failure);
    }

    [TestMethod]
    public async Task ProviderCall_WmiQuotaViolationWithALocalizedMessage_IsQuotaExceededByItsStatusCode()
    {
        _queries.Setup(q => q.ExecuteQuery(It.IsAny<string>()))
            .Throws(new WqlQueryFailure("Abfrage fehlgeschlagen", new System.Management.ManagementException("Kontingentverletzung ", System.Management.ManagementStatus.QuotaViolation)));

        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() => CreateSut().GetUpdateCategoriesAsync(CancellationToken.None));

        Assert.AreEqual(ConfigMgrFailure.ProviderQuotaExceeded, error.Failure);
    }

    [TestMethod]
    public async Task ProviderCall_ValueOfAnUnexpectedType_IsNotReportedAsAnUnreachableProvider()
    {
        // The real SDK wraps a failed conversion in SmsConnectionException.
        _queries.Setup(q => q.ExecuteQuery(It.IsAny<string>()))
            .Throws(new SmsConnectionException("Specified cast is not valid.", new InvalidCastException("Specified cast is not valid.")));

        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() => CreateSut().GetSyncStatusesAsync(CancellationToken.None));

        Assert.AreEqual(ConfigMgrFailure.OperationFailed, error.Failure);
        StringAssert.Contains(error.Message, "unexpected type");
        StringAssert.Contains(error.Message, "cmdsync doctor");
    }

    [TestMethod]
    public async Task GetSyncStatusesAsync_SupThatNeverSynchronized_HasNoTimesInsteadOfFailing()
    {
        Returns("SELECT * FROM SMS_SUPSyncStatus WHERE SiteCode = 'PS1'",
            Row(("SiteCode", "PS1"), ("WSUSServerName", "CM01.corp.example"), ("LastSyncState", 6701),
                ("LastSyncStateTime", null), ("LastSuccessfulSyncTime", null), ("LastSyncErrorCode", null)));

        var status = (await CreateSut().GetSyncStatusesAsync(CancellationToken.None)).Single();

        Assert.AreEqual(new SupSyncStatus("PS1", "CM01.corp.example", 6701, null, null, 0), status);
    }

    [TestMethod]
    public async Task GetUpdateCategoriesAsync_TopLevelCompanyWithoutParentId_IsReadAndStillGroupsItsProducts()
    {
        Returns("SELECT * FROM SMS_UpdateCategoryInstance",
            Row(("CategoryInstanceID", 1), ("ParentCategoryInstanceID", null), ("CategoryInstance_UniqueID", "Company:ms"),
                ("CategoryTypeName", "Company"), ("LocalizedCategoryInstanceName", "Microsoft"), ("IsSubscribed", null),
                ("AllowSubscription", true)),
            Category(2, 1, "Product:w11", "Product", "Windows 11", isSubscribed: false, allowSubscription: true));

        var categories = await CreateSut().GetUpdateCategoriesAsync(CancellationToken.None);

        Assert.IsFalse(categories.Single(c => c.UniqueId == "Company:ms").IsSubscribed);
        Assert.AreEqual("Microsoft", categories.Single(c => c.UniqueId == "Product:w11").ProductFamily);
    }

    [TestMethod]
    public async Task ProviderCall_Succeeds_IsLoggedAtDebugWithItsDuration()
    {
        Returns("SELECT * FROM SMS_SUPSyncStatus WHERE SiteCode = 'PS1'");

        await CreateSut().GetSyncStatusesAsync(CancellationToken.None);

        var call = _log.Events.Single(e => e.Properties.ContainsKey("ElapsedMs"));
        Assert.AreEqual(LogEventLevel.Debug, call.Level);
        Assert.AreEqual("\"reading the synchronization status (SMS_SUPSyncStatus)\"", call.Properties["Operation"].ToString());
        Assert.AreEqual("\"CM01.corp.example\"", call.Properties["Server"].ToString());
    }

    private static Mock<IResultObject> SyncRow(int state, string stateTime) =>
        Row(("SiteCode", "PS1"), ("WSUSServerName", "CM01.corp.example"), ("LastSyncState", state),
            ("LastSyncStateTime", Dmtf(stateTime)), ("LastSuccessfulSyncTime", Dmtf(stateTime)), ("LastSyncErrorCode", 0));

    private static Mock<IResultObject> Category(int id, int parentId, string uniqueId, string type, string name, bool isSubscribed, bool allowSubscription) =>
        Row(("CategoryInstanceID", id), ("ParentCategoryInstanceID", parentId), ("CategoryInstance_UniqueID", uniqueId),
            ("CategoryTypeName", type), ("LocalizedCategoryInstanceName", name), ("IsSubscribed", isSubscribed),
            ("AllowSubscription", allowSubscription));

    /// <summary>Like the SDK's internal WqlQueryException: the real SmsQueryException is abstract and only the SDK derives from it.</summary>
    [Serializable]
    private sealed class WqlQueryFailure(string message, Exception innerException) : SmsQueryException(message, innerException);

    // What the COM interop layer throws for a failed DCOM/WMI call.
#pragma warning disable CA2201 // Reproducing the runtime's own exception type is the point here.
    private static COMException ComError(string message, uint hresult) => new(message, unchecked((int)hresult));
#pragma warning restore CA2201

    private static Mock<IResultObject> DisposableRow(params (string Name, object? Value)[] properties)
    {
        var row = Row(properties);
        row.Setup(r => r.Dispose());
        return row;
    }
}
