using System.Text;
using CMDisconnectedSync.Processes;
using CMDisconnectedSync.Wsus.Api;
using CMDisconnectedSync.Wsus.Tests.TestSupport;

namespace CMDisconnectedSync.Wsus.Tests;

[TestClass]
public sealed class WsusServerTests
{
    private const string PowerShell = @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe";
    private TempFolder _folder = null!;
    private FakeRegistryReader _registry = null!;
    private ScriptedProcessRunner _processes = null!;

    [TestInitialize]
    public void CreateSeams()
    {
        _folder = new TempFolder("cmdsync-wsusserver-");
        _registry = new FakeRegistryReader();
        _processes = new ScriptedProcessRunner();
    }

    [TestCleanup]
    public void DeleteFolder() => _folder.Delete();

    private WsusServer CreateSut()
    {
        var logger = new CollectingLogger().Logger;
        var runner = new WsusUtilRunner(_processes, logger, new WsusUtilRunnerOptions());
        return new WsusServer(_registry, _processes, runner, new WsusServerOptions { PowerShellPath = PowerShell }, logger);
    }

    /// <summary>A WSUS installed under the temp folder, with or without its WsusUtil.exe.</summary>
    private string InstallWsus(bool withWsusUtil = true)
    {
        var targetDir = _folder.Combine("Update Services");
        if (withWsusUtil)
        {
            _folder.WriteFile(Path.Combine("Update Services", "Tools", "WsusUtil.exe"), "not a real PE file");
        }

        _registry.WithWsusSetup(contentDir: _folder.Combine("WSUS"), targetDir: targetDir, sqlServer: "SQL01\\WSUS", port: 8531, usingSsl: 1);
        return targetDir;
    }

    [TestMethod]
    public void LocateInstallation_NoSetupKey_SaysWsusIsNotInstalled()
    {
        var lookup = CreateSut().LocateInstallation();

        Assert.IsFalse(lookup.IsInstalled);
        Assert.IsNull(lookup.Installation);
        StringAssert.Contains(lookup.Problem, "WSUS is not installed");
        StringAssert.Contains(lookup.Problem, @"HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup");
    }

    [TestMethod]
    public void LocateInstallation_CompleteSetupKey_ReadsEveryValue()
    {
        var targetDir = InstallWsus();

        var installation = CreateSut().LocateInstallation().Installation!;

        Assert.AreEqual(Path.Combine(_folder.Combine("WSUS"), "WsusContent"), installation.ContentDirectory);
        Assert.AreEqual(Path.Combine(targetDir, "Tools", "WsusUtil.exe"), installation.WsusUtilPath);
        Assert.IsTrue(installation.WsusUtilExists);
        Assert.AreEqual("SQL01\\WSUS", installation.SqlServerName);
        Assert.AreEqual(8531, installation.PortNumber);
        Assert.IsTrue(installation.UsingSsl);
        Assert.AreEqual("unknown", installation.Version, "a file without a version resource reports unknown");
    }

    [TestMethod]
    public void LocateInstallation_WsusUtilFileMissing_FoundButFlagsIt()
    {
        InstallWsus(withWsusUtil: false);

        var installation = CreateSut().LocateInstallation().Installation!;

        Assert.IsFalse(installation.WsusUtilExists);
    }

    [TestMethod]
    public void LocateInstallation_ContentDirValueMissing_SaysSetupIsIncomplete()
    {
        _registry.WithValue(WsusSetupRegistry.SetupKeyPath, WsusSetupRegistry.TargetDirValue, _folder.Path);

        var lookup = CreateSut().LocateInstallation();

        Assert.IsFalse(lookup.IsInstalled);
        StringAssert.Contains(lookup.Problem, "no ContentDir value");
        StringAssert.Contains(lookup.Problem, "postinstall");
    }

    [TestMethod]
    public async Task GetStatusAsync_PowerShellPrintsJson_ReturnsTheParsedStatus()
    {
        InstallWsus();
        _processes.Answers(0, new WsusStatusJsonBuilder().WithLanguages("en", "fr").Synchronizing().Build());

        var status = await CreateSut().GetStatusAsync(CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "en", "fr" }, status.Settings.Languages.ToArray());
        Assert.IsTrue(status.IsSynchronizing);
    }

    [TestMethod]
    public async Task GetStatusAsync_Launch_RunsWindowsPowerShellWithTheEncodedScript()
    {
        InstallWsus();
        _processes.Answers(0, new WsusStatusJsonBuilder().Build());

        await CreateSut().GetStatusAsync(CancellationToken.None);

        var launch = _processes.Launches.Single();
        Assert.AreEqual(PowerShell, launch.FileName);
        CollectionAssert.Contains(launch.Arguments.ToArray(), "-NoProfile");
        var script = Encoding.Unicode.GetString(Convert.FromBase64String(launch.Arguments[launch.Arguments.Count - 1]));
        Assert.AreEqual(WsusStatusScript.Text, script);
        StringAssert.Contains(script, "LoadWithPartialName('Microsoft.UpdateServices.Administration')");
        StringAssert.Contains(script, "GetLastSynchronizationInfo()");
        Assert.IsNotNull(launch.Timeout);
    }

    [TestMethod]
    public async Task GetStatusAsync_ApiAssemblyMissing_ThrowsSayingTheApiIsNotInstalled()
    {
        InstallWsus();
        _processes.Answers(WsusStatusScript.ApiMissingExitCode, standardError: "The WSUS administration API (Microsoft.UpdateServices.Administration) is not installed on this computer.");

        var exception = await Assert.ThrowsExactlyAsync<WsusQueryException>(() => CreateSut().GetStatusAsync(CancellationToken.None));

        StringAssert.Contains(exception.Message, "WSUS administration API is not installed");
    }

    [TestMethod]
    public async Task GetStatusAsync_ApiThrows_ThrowsQuotingPowerShellsError()
    {
        InstallWsus();
        _processes.Answers(WsusStatusScript.ApiFailedExitCode, standardError: "System.Net.WebException: The request failed with HTTP status 503: Service Unavailable.\r\n   at Microsoft.UpdateServices…");

        var exception = await Assert.ThrowsExactlyAsync<WsusQueryException>(() => CreateSut().GetStatusAsync(CancellationToken.None));

        StringAssert.Contains(exception.Message, "HTTP status 503");
        StringAssert.Contains(exception.Message, "WsusService");
    }

    [TestMethod]
    public async Task GetStatusAsync_PowerShellTimesOut_ThrowsNamingTheServices()
    {
        InstallWsus();
        _processes.Answers(-1, timedOut: true);

        var exception = await Assert.ThrowsExactlyAsync<WsusQueryException>(() => CreateSut().GetStatusAsync(CancellationToken.None));

        StringAssert.Contains(exception.Message, "did not answer");
    }

    [TestMethod]
    public async Task GetStatusAsync_PowerShellCannotStart_ThrowsWsusQueryException()
    {
        InstallWsus();
        _processes.CannotStart("The system cannot find the file specified");

        var exception = await Assert.ThrowsExactlyAsync<WsusQueryException>(() => CreateSut().GetStatusAsync(CancellationToken.None));

        StringAssert.Contains(exception.Message, "Could not start Windows PowerShell");
        Assert.IsInstanceOfType<ProcessStartException>(exception.InnerException);
    }

    [TestMethod]
    public async Task GetStatusAsync_WsusNotInstalled_ThrowsWithoutStartingPowerShell()
    {
        var exception = await Assert.ThrowsExactlyAsync<WsusQueryException>(() => CreateSut().GetStatusAsync(CancellationToken.None));

        StringAssert.Contains(exception.Message, "WSUS is not installed");
        Assert.IsEmpty(_processes.Launches);
    }

    [TestMethod]
    public async Task ExportMetadataAsync_WsusUtilMissing_ThrowsNamingItsPath()
    {
        InstallWsus(withWsusUtil: false);

        var exception = await Assert.ThrowsExactlyAsync<WsusQueryException>(() =>
            CreateSut().ExportMetadataAsync(_folder.Combine("out", "e.xml.gz"), _folder.Combine("out", "e.log"), CancellationToken.None));

        StringAssert.Contains(exception.Message, Path.Combine("Tools", "WsusUtil.exe"));
        Assert.IsEmpty(_processes.Launches);
    }

    [TestMethod]
    public async Task ExportMetadataAsync_Installed_RunsWsusUtilFromTheToolsFolderWithExportArguments()
    {
        var targetDir = InstallWsus();
        var package = _folder.Combine("out", "e.xml.gz");
        var log = _folder.Combine("out", "e.log");
        _processes.Answers(0);

        var result = await CreateSut().ExportMetadataAsync(package, log, CancellationToken.None);

        var launch = _processes.Launches.Single();
        Assert.AreEqual(Path.Combine(targetDir, "Tools", "WsusUtil.exe"), launch.FileName);
        CollectionAssert.AreEqual(new[] { "export", package, log }, launch.Arguments.ToArray());
        Assert.AreEqual(WsusUtilFailure.PackageMissingOrEmpty, result.Failure, "the scripted run wrote no package, and exit code 0 alone is not success");
    }
}
