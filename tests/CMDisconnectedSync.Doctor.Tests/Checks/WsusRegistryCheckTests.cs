using System.Security;
using CMDisconnectedSync.Doctor.Checks;
using CMDisconnectedSync.Wsus;
using CMDisconnectedSync.Wsus.Processes;
using CMDisconnectedSync.Wsus.Registry;

namespace CMDisconnectedSync.Doctor.Tests.Checks;

[TestClass]
public sealed class WsusRegistryCheckTests
{
    private string _root = null!;

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("cmdsync-doctor-wsusreg-").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    /// <summary>The check over the real WSUS adapter reading the same registry, as on a server (it never starts a process here).</summary>
    private static WsusRegistryCheck CreateSut(IRegistryReader registry)
    {
        var processes = new ProcessRunner();
        var logger = Serilog.Core.Logger.None;
        return new(registry, new WsusServer(registry, processes, new WsusUtilRunner(processes, logger, new WsusUtilRunnerOptions()), new WsusServerOptions(), logger));
    }

    /// <summary>A WSUS install on disk: ContentDir\WsusContent and TargetDir\Tools\WsusUtil.exe (a real managed file with a version).</summary>
    private Dictionary<string, object> InstalledWsus(bool withContentFolder = true, bool withWsusUtil = true)
    {
        var contentDir = Path.Combine(_root, "WSUS");
        var targetDir = Path.Combine(_root, "Update Services");
        Directory.CreateDirectory(contentDir);
        if (withContentFolder)
        {
            Directory.CreateDirectory(Path.Combine(contentDir, WsusSetupRegistry.ContentFolderName));
        }

        Directory.CreateDirectory(Path.Combine(targetDir, "Tools"));
        if (withWsusUtil)
        {
            File.Copy(typeof(WsusRegistryCheck).Assembly.Location, Path.Combine(targetDir, "Tools", "WsusUtil.exe"));
        }

        return new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase)
        {
            [WsusSetupRegistry.ContentDirValue] = contentDir,
            [WsusSetupRegistry.TargetDirValue] = targetDir,
            [WsusSetupRegistry.SqlServerNameValue] = "MICROSOFT##WID",
        };
    }

    [TestMethod]
    public async Task RunAsync_CompleteInstall_ConfirmsEveryValueAndTheToolVersion()
    {
        var values = InstalledWsus();

        var findings = await CreateSut(new Registry(values)).RunAsync(CancellationToken.None);

        Assert.IsTrue(findings.All(f => f.Status == CheckStatus.Confirmed), string.Join("; ", findings.Select(f => $"{f.Id}={f.Status} {f.Detail}")));
        Assert.AreEqual(values[WsusSetupRegistry.ContentDirValue], findings.Of(FieldFacts.WsusContentDir).Found);
        Assert.AreEqual("MICROSOFT##WID", findings.Of(FieldFacts.WsusSqlServerName).Found);
        Assert.AreEqual(Path.Combine(_root, "Update Services", "Tools", "WsusUtil.exe"), findings.Of(FieldFacts.WsusUtilLocation).Found);
        StringAssert.StartsWith(findings.Of(FieldFacts.WsusUtilVersion).Found, "0.1.0");
    }

    [TestMethod]
    public async Task RunAsync_ContentDirWithoutWsusContent_DiffersNamingTheMissingFolder()
    {
        var values = InstalledWsus(withContentFolder: false);

        var finding = (await CreateSut(new Registry(values)).RunAsync(CancellationToken.None)).Of(FieldFacts.WsusContentDir);

        Assert.AreEqual(CheckStatus.Differs, finding.Status);
        Assert.AreEqual(values[WsusSetupRegistry.ContentDirValue], finding.Found);
        StringAssert.Contains(finding.Detail, Path.Combine(_root, "WSUS", "WsusContent"));
    }

    [TestMethod]
    public async Task RunAsync_WsusUtilAbsent_ReportsItMissingAndItsVersionNotApplicable()
    {
        var findings = await CreateSut(new Registry(InstalledWsus(withWsusUtil: false))).RunAsync(CancellationToken.None);

        Assert.AreEqual(CheckStatus.Missing, findings.Of(FieldFacts.WsusUtilLocation).Status);
        Assert.AreEqual(CheckStatus.NotApplicable, findings.Of(FieldFacts.WsusUtilVersion).Status);
    }

    [TestMethod]
    public async Task RunAsync_NoSetupKey_KeyMissingAndNothingElseConfirmed()
    {
        var findings = await CreateSut(new Registry(null)).RunAsync(CancellationToken.None);

        Assert.AreEqual(CheckStatus.Missing, findings.Of(FieldFacts.WsusSetupKey).Status);
        Assert.HasCount(6, findings);
        Assert.IsTrue(findings.Skip(1).All(f => f.Status == CheckStatus.NotApplicable));
    }

    [TestMethod]
    public async Task RunAsync_ContentDirValueEmpty_IsMissing()
    {
        var values = InstalledWsus();
        values[WsusSetupRegistry.ContentDirValue] = "  ";

        var finding = (await CreateSut(new Registry(values)).RunAsync(CancellationToken.None)).Of(FieldFacts.WsusContentDir);

        Assert.AreEqual(CheckStatus.Missing, finding.Status);
    }

    [TestMethod]
    public async Task RunAsync_RegistryRefuses_AccessDeniedWithTheElevationHint()
    {
        var findings = await CreateSut(new Registry(null, new SecurityException("Requested registry access is not allowed."))).RunAsync(CancellationToken.None);

        var finding = findings.Of(FieldFacts.WsusSetupKey);
        Assert.AreEqual(CheckStatus.AccessDenied, finding.Status);
        StringAssert.Contains(finding.Detail, "elevated");
        Assert.IsFalse(findings.Any(f => f.Status == CheckStatus.Confirmed));
    }

    [TestMethod]
    public async Task RunAsync_WsusPortLocatesAnotherWsusUtil_ReportsTheProgramTheWorkflowsRun()
    {
        var values = InstalledWsus(withWsusUtil: false);
        var port = FakeWsus.Installed();

        var findings = await new WsusRegistryCheck(new Registry(values), port).RunAsync(CancellationToken.None);

        Assert.AreEqual(port.LocateInstallation().Installation!.WsusUtilPath, findings.Of(FieldFacts.WsusUtilLocation).Found);
        Assert.AreEqual(CheckStatus.Confirmed, findings.Of(FieldFacts.WsusUtilLocation).Status);
        Assert.AreEqual("10.0.20348.1", findings.Of(FieldFacts.WsusUtilVersion).Found);
    }

    /// <summary>HKLM with one key (or none), or a registry that refuses to be read.</summary>
    private sealed class Registry(IReadOnlyDictionary<string, object>? setupKey, Exception? refusal = null) : IRegistryReader
    {
        public IReadOnlyDictionary<string, object>? ReadLocalMachineKey(string subKeyPath)
        {
            if (refusal is not null)
            {
                throw refusal;
            }

            return subKeyPath == WsusSetupRegistry.SetupKeyPath ? setupKey : null;
        }
    }
}
