using CMDisconnectedSync.ConfigMgr.SmsProvider;
using Microsoft.ConfigurationManagement.ManagementProvider;
using Microsoft.Extensions.Time.Testing;
using Moq.Protected;

namespace CMDisconnectedSync.ConfigMgr.Tests.SmsProvider;

[TestClass]
public sealed class SmsProviderSessionTests
{
    private const string Server = "CM01.corp.example";
    private readonly Mock<ConnectionManagerBase> _connection = new(MockBehavior.Strict);
    // The real SDK's dictionary keeps its values in the base Dictionary (its own indexer only forwards there).
    private readonly SmsNamedValuesDictionary _namedValues = [];

    public SmsProviderSessionTests()
    {
        _connection.SetupGet(c => c.NamedValueDictionary).Returns(_namedValues);
        _connection.Protected().Setup("Dispose", ItExpr.IsAny<bool>());
    }

    private SmsProviderSite Open() =>
        SmsProviderSession.Open(Server, () => _connection.Object, new FakeTimeProvider(), Serilog.Core.Logger.None);

    [TestMethod]
    public void Open_ConnectSucceeds_ConnectsToTheServerAndReadsTheConnectedSiteCode()
    {
        _connection.Setup(c => c.Connect(Server)).Returns(true);
        _namedValues.Add("ConnectedSiteCode", "PS1");

        using var site = Open();

        Assert.AreEqual("PS1", site.SiteCode);
        Assert.AreEqual(Server, site.ProviderServer);
        _connection.Verify(c => c.Connect(Server), Times.Once);
    }

    // WqlConnectionManager.Connect (SDK 1706, read with ikdasm) returns false only when the console's connection
    // initializers fail to load; access denied arrives as an exception (next tests and SmsProviderSiteTests).
    [TestMethod]
    public void Open_ConnectReturnsFalse_SaysTheConsoleCouldNotSetUpTheConnectionNotAccessDenied()
    {
        _connection.Setup(c => c.Connect(Server)).Returns(false);

        var error = Assert.ThrowsExactly<ConfigMgrException>(() => Open());

        Assert.AreEqual(ConfigMgrFailure.OperationFailed, error.Failure);
        StringAssert.Contains(error.Message, Server);
        StringAssert.Contains(error.Message, "not a permission problem");
        StringAssert.Contains(error.Message, @"AdminUI\Initializers");
        StringAssert.Contains(error.Message, "repair or reinstall the console");
        _connection.Protected().Verify("Dispose", Times.Once(), ItExpr.IsAny<bool>());
    }

    [TestMethod]
    public void Open_ConnectThrowsAccessDenied_ThrowsAccessDeniedAndDisposesTheConnection()
    {
        _connection.Setup(c => c.Connect(Server)).Throws(new UnauthorizedAccessException("Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))"));

        var error = Assert.ThrowsExactly<ConfigMgrException>(() => Open());

        Assert.AreEqual(ConfigMgrFailure.AccessDenied, error.Failure);
        _connection.Protected().Verify("Dispose", Times.Once(), ItExpr.IsAny<bool>());
    }

    [TestMethod]
    public void Open_ConnectionException_ThrowsProviderUnreachable()
    {
        _connection.Setup(c => c.Connect(Server)).Throws(new SmsConnectionException("Failed to connect to \\\\CM01\\root\\sms"));

        var error = Assert.ThrowsExactly<ConfigMgrException>(() => Open());

        Assert.AreEqual(ConfigMgrFailure.ProviderUnreachable, error.Failure);
        StringAssert.Contains(error.Message, Server);
    }

    [TestMethod]
    [DataRow(null, DisplayName = "key absent")]
    [DataRow("", DisplayName = "key empty")]
    public void Open_NoSiteCode_ThrowsSayingItIsNotAnSmsProvider(string? connectedSiteCode)
    {
        _connection.Setup(c => c.Connect(Server)).Returns(true);
        if (connectedSiteCode is not null)
        {
            _namedValues.Add("ConnectedSiteCode", connectedSiteCode);
        }

        var error = Assert.ThrowsExactly<ConfigMgrException>(() => Open());

        StringAssert.Contains(error.Message, "not an SMS Provider");
    }
}
