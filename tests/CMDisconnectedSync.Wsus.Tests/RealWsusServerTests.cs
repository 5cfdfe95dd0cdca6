using CMDisconnectedSync.Wsus.Processes;
using CMDisconnectedSync.Wsus.Registry;
using CMDisconnectedSync.Wsus.Tests.TestSupport;

namespace CMDisconnectedSync.Wsus.Tests;

/// <summary>
/// The adapter against the WSUS server of the machine running the tests. Inconclusive unless it is a Windows WSUS
/// server and the tests run elevated: never a silent pass.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class RealWsusServerTests
{
    [TestMethod]
    public async Task GetStatusAsync_LocalWsusServer_ReadsSettingsAndLastSynchronization()
    {
        if (!OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Needs a Windows WSUS server.");
            return;
        }

        var logger = new CollectingLogger().Logger;
        var processes = new ProcessRunner();
        var sut = new WsusServer(new WindowsRegistryReader(), processes, new WsusUtilRunner(processes, logger, new WsusUtilRunnerOptions()), new WsusServerOptions(), logger);
        var lookup = sut.LocateInstallation();
        if (!lookup.IsInstalled || !new CMDisconnectedSync.Wsus.Host.WindowsElevation().IsElevatedAdministrator())
        {
            Assert.Inconclusive($"No WSUS here, or not elevated: {lookup.Problem}");
            return;
        }

        var status = await sut.GetStatusAsync(CancellationToken.None);

        Assert.IsTrue(status.Settings.AllLanguages || status.Settings.Languages.Count > 0, "WSUS always has at least one language");
        Assert.IsTrue(lookup.Installation!.WsusUtilExists);
    }
}
