using CMDisconnectedSync.ConfigMgr.ConsoleInstallation;
using CMDisconnectedSync.ConfigMgr.SmsProvider;
using CMDisconnectedSync.ConfigMgr.Tests.ConsoleInstallation;

namespace CMDisconnectedSync.ConfigMgr.Tests.SmsProvider;

[TestClass]
public sealed class SmsProviderConnectorTests
{
    private readonly InMemoryEnvironment _environment = new();
    private readonly InMemoryRegistry _registry = new();
    private readonly List<string> _connectedTo = [];

    private SmsProviderConnector CreateSut() => new(
        new ConfigMgrConsoleLocator(_environment, _registry, Serilog.Core.Logger.None),
        TimeProvider.System,
        Serilog.Core.Logger.None,
        server =>
        {
            _connectedTo.Add(server);
            throw new InvalidOperationException("not reached in these tests");
        });

    [TestMethod]
    public async Task ConnectAsync_NoConsoleInstalled_FailsWithConsoleNotInstalledAndConnectsToNothing()
    {
        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(
            () => CreateSut().ConnectAsync("CM01.corp.example", CancellationToken.None));

        Assert.AreEqual(ConfigMgrFailure.ConsoleNotInstalled, error.Failure);
        StringAssert.StartsWith(error.Message, "No ConfigMgr console is installed");
        Assert.IsEmpty(_connectedTo);
    }

    [TestMethod]
    public async Task ConnectAsync_ConsoleInstalledButModernRuntime_ExplainsTheSdkNeedsTheNetFrameworkBuild()
    {
        var bin = Directory.CreateTempSubdirectory("cmdsync-console-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(bin, ConfigMgrConsoleLocator.ManagementProviderFile), "sdk");
            File.WriteAllText(Path.Combine(bin, ConfigMgrConsoleLocator.WqlQueryEngineFile), "sdk");
            _environment.With("SMS_ADMIN_UI_PATH", Path.Combine(bin, "i386"));

            var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(
                () => CreateSut().ConnectAsync("CM01.corp.example", CancellationToken.None));

            StringAssert.Contains(error.Message, ".NET Framework 4.8 build of cmdsync");
            Assert.IsEmpty(_connectedTo);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }
}
