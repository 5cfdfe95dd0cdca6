using CMDisconnectedSync.Wsus.Api;
using CMDisconnectedSync.Wsus.Tests.TestSupport;

namespace CMDisconnectedSync.Wsus.Tests.Api;

[TestClass]
public sealed class WsusStatusJsonTests
{
    [TestMethod]
    public void Parse_SucceededSync_MapsSettingsAndUtcTimes()
    {
        var json = new WsusStatusJsonBuilder().WithLanguages("en", "de").WithExpressFiles()
            .WithLastSync("Succeeded", "2026-11-25T09:00:00.0000000Z", "2026-11-25T09:20:00.0000000Z").Build();

        var status = WsusStatusJson.Parse(json);

        CollectionAssert.AreEqual(new[] { "de", "en" }, status.Settings.Languages.ToArray());
        Assert.IsTrue(status.Settings.ExpressFiles);
        Assert.IsFalse(status.Settings.IsReplica);
        Assert.IsFalse(status.IsSynchronizing);
        Assert.AreEqual(SynchronizationOutcome.Succeeded, status.LastSynchronization.Outcome);
        Assert.AreEqual(new DateTimeOffset(2026, 11, 25, 9, 20, 0, TimeSpan.Zero), status.LastSynchronization.EndTime);
        Assert.AreEqual(string.Empty, status.LastSynchronization.Error);
    }

    [TestMethod]
    public void Parse_NeverRun_ReportsNeverWithoutTimes()
    {
        var status = WsusStatusJson.Parse(new WsusStatusJsonBuilder().NeverSynchronized().Build());

        Assert.AreEqual(LastSynchronization.Never, status.LastSynchronization);
    }

    [TestMethod]
    public void Parse_FailedSync_CombinesErrorCodeAndText()
    {
        var json = new WsusStatusJsonBuilder()
            .WithLastSync("Failed", "2026-11-25T09:00:00Z", "2026-11-25T09:01:00Z", "WebServiceError", "The request failed with HTTP status 503").Build();

        var last = WsusStatusJson.Parse(json).LastSynchronization;

        Assert.AreEqual(SynchronizationOutcome.Failed, last.Outcome);
        Assert.AreEqual("WebServiceError: The request failed with HTTP status 503", last.Error);
    }

    [TestMethod]
    public void Parse_OneLanguageAsBareString_ReadsItAsAList()
    {
        var status = WsusStatusJson.Parse(new WsusStatusJsonBuilder().WithLanguageAsBareString("EN").Build());

        CollectionAssert.AreEqual(new[] { "en" }, status.Settings.Languages.ToArray());
    }

    [TestMethod]
    [DataRow("Running", true)]
    [DataRow("Stopping", true)]
    [DataRow("NotProcessing", false)]
    public void Parse_SynchronizationStatus_MapsToIsSynchronizing(string apiStatus, bool expected)
    {
        var status = WsusStatusJson.Parse(new WsusStatusJsonBuilder().Synchronizing(apiStatus).Build());

        Assert.AreEqual(expected, status.IsSynchronizing);
    }

    [TestMethod]
    public void Parse_JsonAfterOtherOutput_UsesTheLastJsonLine()
    {
        var output = "WARNING: something PowerShell said\r\n" + new WsusStatusJsonBuilder().AsReplica().Build() + "\r\n";

        Assert.IsTrue(WsusStatusJson.Parse(output).Settings.IsReplica);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("Exception calling GetUpdateServer")]
    [DataRow("{\"allLanguages\": true}")]
    [DataRow("{not json")]
    public void Parse_MissingOrMalformedJson_ThrowsWsusQueryException(string output)
    {
        var exception = Assert.ThrowsExactly<WsusQueryException>(() => WsusStatusJson.Parse(output));

        StringAssert.Contains(exception.Message, "WSUS status query");
    }

    [TestMethod]
    public void Parse_UnknownResult_ThrowsWsusQueryExceptionNamingIt()
    {
        var json = new WsusStatusJsonBuilder().WithLastSync("Exploded", "2026-11-25T09:00:00Z", "2026-11-25T09:01:00Z").Build();

        var exception = Assert.ThrowsExactly<WsusQueryException>(() => WsusStatusJson.Parse(json));

        StringAssert.Contains(exception.Message, "Exploded");
    }
}
