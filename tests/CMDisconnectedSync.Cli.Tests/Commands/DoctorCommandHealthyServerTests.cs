using System.CommandLine;
using CMDisconnectedSync.Cli.Commands;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.ConsoleExtension.Installation;
using CMDisconnectedSync.ConsoleExtension.Model;
using CMDisconnectedSync.Doctor;
using CMDisconnectedSync.Host;
using CMDisconnectedSync.Testing.ConfigMgr;
using CMDisconnectedSync.Testing.DeploymentContent;
using CMDisconnectedSync.Wsus;
using CMDisconnectedSync.Wsus.Host;
using CMDisconnectedSync.Wsus.Registry;
using Microsoft.Extensions.Time.Testing;
using SdkBindingReader = CMDisconnectedSync.ConfigMgr.ConsoleInstallation.SdkBindingReader;

namespace CMDisconnectedSync.Cli.Tests.Commands;

/// <summary>
/// The doctor verb over stand-ins of a healthy disconnected site server (WSUS, console with our GUIDs, SDK, site): every
/// row confirmed except the hierarchy setting nobody can read, exit code 0; one wrong value turns it into 67.
/// </summary>
[TestClass]
public sealed class DoctorCommandHealthyServerTests
{
    private static readonly SdkAssemblyIdentity[] Sdk =
    [
        new("AdminUI.WqlQueryEngine", "5.0.0.0", "31bf3856ad364e35", string.Empty),
        new("Microsoft.ConfigurationManagement.ManagementProvider", "5.0.0.0", "31bf3856ad364e35", string.Empty),
    ];

    private string _root = null!;

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("cmdsync-cli-doctor-healthy-").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private async Task<(int ExitCode, string Output)> RunAsync(DoctorSeams seams, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var globalOptions = new GlobalOptions();
        var root = new RootCommand("cmdsync under test");
        globalOptions.AddTo(root);
        root.Subcommands.Add(DoctorCommand.Create(new CommandContextFactory(globalOptions, output, error), _ => seams, new FakeTimeProvider()));
        var parse = root.Parse([.. args, "--log", Path.Combine(_root, "cmdsync.log")]);
        Assert.IsEmpty(parse.Errors, string.Join("; ", parse.Errors.Select(e => e.Message)));
        var exitCode = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString());
    }

    private DoctorSeams HealthyServer(SyncSource syncSource = SyncSource.DoNotSynchronize)
    {
        var contentDir = Path.Combine(_root, "WSUS");
        var targetDir = Path.Combine(_root, "Update Services");
        Directory.CreateDirectory(Path.Combine(contentDir, "WsusContent", "9D"));
        // An update file named as WSUS names it: <last byte of SHA-1>\<SHA-1>.cab (SHA-1 of "abc", FIPS 180-2).
        File.WriteAllText(Path.Combine(contentDir, "WsusContent", "9D", "A9993E364706816ABA3E25717850C26C9CD0D89D.cab"), "abc");
        Directory.CreateDirectory(Path.Combine(targetDir, "Tools"));
        File.Copy(typeof(DoctorCommand).Assembly.Location, Path.Combine(targetDir, "Tools", "WsusUtil.exe"), overwrite: true);
        var registry = new SetupKey(new Dictionary<string, object>
        {
            [WsusSetupRegistry.ContentDirValue] = contentDir,
            [WsusSetupRegistry.TargetDirValue] = targetDir,
            [WsusSetupRegistry.SqlServerNameValue] = "MICROSOFT##WID",
        });

        var protection = StateFolderProtections.ForThisComputer();
        var stateFolder = Path.Combine(_root, "State");
        protection.Protect(stateFolder);

        var adminConsole = Path.Combine(_root, "AdminConsole");
        Directory.CreateDirectory(Path.Combine(adminConsole, "bin"));
        Directory.CreateDirectory(Path.Combine(adminConsole, "XmlStorage", "ConsoleRoot"));
        // The compile-only SDK references: real assemblies declaring every SDK member the adapter calls (the SDK member
        // check reads them); their identity is the one the reader stand-in below reports.
        SdkReferenceAssemblies.CopyInto(Path.Combine(adminConsole, "bin"));

        string[] guids = [ConsoleNodeIds.SoftwareUpdatesFolder, ConsoleNodeIds.AllSoftwareUpdatesNode, ConsoleNodeIds.SoftwareUpdateGroupsNode];
        File.WriteAllText(Path.Combine(adminConsole, "XmlStorage", "ConsoleRoot", "Nodes.xml"),
            "<ConsoleNodesRootDescription>" + string.Concat(guids.Select((g, i) => $"<RootNodeDescription NamespaceGuid=\"{g}\" Id=\"N{i}\"/>"))
            + "<RootNodeDescription NamespaceGuid=\"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f\" Id=\"Roles\"><Queries><QueryDescription NamespaceGuid=\"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\" Type=\"WQL\">"
            + "<Query>SELECT * FROM SMS_SCI_SysResUse</Query></QueryDescription></Queries></RootNodeDescription></ConsoleNodesRootDescription>");
        // The signed cab installed on this console: the wizard its actions start.
        var payloadBin = Path.Combine(adminConsole, "Extensions", ConsoleNodeIds.ExtensionId, "0.1.0", "bin");
        Directory.CreateDirectory(payloadBin);
        File.WriteAllText(Path.Combine(payloadBin, "CMDisconnectedSync.exe"), "stand-in");

        var site = new FakeSiteBuilder().WithSup("CM01.corp.example").WithSyncSource(syncSource)
            .WithLastSync("CM01.corp.example", SyncStateMessages.Done, new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero))
            .WithProduct("Windows 11", subscribed: true).Build();
        // A healthy site also has a software update group whose update lists its content files (doctor's deployment content rows).
        var content = new InMemoryContentCatalog()
            .WithUpdate(16777301, "5005565", "2026-12 Cumulative Update (KB5005565)")
            .WithFile(16777301, 1001, "windows10.0-kb5005565-x64.cab", 400_000)
            .WithGroup(16777400, "Patch Tuesday 2026-12", 16777301);

        return new DoctorSeams(
            registry,
            new InstalledWsus(registry),
            new NtfsVolume(),
            new AdminConsoleLocator(new ConsoleHints(Path.Combine(adminConsole, "bin", "i386"))),
            new SiteConnector(new SiteWithContent(site, content)),
            Sdk,
            path => Sdk.Single(i => i.Name == Path.GetFileNameWithoutExtension(path)),
            SdkBindingReader.AdapterAssemblyPath,
            SdkBindingReader.Resolve)
        {
            // A state folder created protected, as the first import makes it (this machine's real file system).
            StateFolders = protection,
            StateFolder = stateFolder,
            // SMS_CIContentFiles.FileHash as SMSProv.log shows it (Microsoft's "Track the software update deployment process" article).
            ReadContentFileHashes = (_, _) => Task.FromResult<IReadOnlyList<string>>(["SHA1:83D5BB38D8C50D924F3DCD024B20FE33AFBD9D14"]),
        };
    }

    [TestMethod]
    public async Task Doctor_HealthyDisconnectedServer_AllConfirmedExitsZero()
    {
        var (exitCode, output) = await RunAsync(HealthyServer(), "doctor", "--site-server", "CM01.corp.example");

        Assert.AreEqual(ExitCodes.Success, exitCode, output);
        // Not applicable: the hierarchy's approval setting (no documented interface) and the role pane (no GUID ships; candidates named).
        StringAssert.Contains(output, $"{FieldFacts.All.Count + Sdk.Length - 2} confirmed, 0 differ, 0 missing, 2 not applicable, 0 access denied.");
        StringAssert.Contains(output, "console.hierarchy.approvedExtensionsOnly");
    }

    [TestMethod]
    public async Task Doctor_DisconnectedSiteStillSynchronizingFromMicrosoftUpdate_Exits67()
    {
        var (exitCode, output) = await RunAsync(HealthyServer(SyncSource.MicrosoftUpdate), "doctor", "--site-server", "CM01.corp.example");

        Assert.AreEqual(ExitCodes.DoctorFindingsDiffer, exitCode, output);
        StringAssert.Contains(output, "[Differs] configmgr.sup.syncSource");
    }

    private sealed class SetupKey(IReadOnlyDictionary<string, object> values) : IRegistryReader
    {
        public IReadOnlyDictionary<string, object>? ReadLocalMachineKey(string subKeyPath) =>
            subKeyPath == WsusSetupRegistry.SetupKeyPath ? values : null;
    }

    private sealed class InstalledWsus(IRegistryReader registry) : IWsusServer
    {
        public WsusInstallationLookup LocateInstallation() => WsusSetupRegistry.Read(registry);

        public Task<WsusStatus> GetStatusAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new WsusStatus(new WsusSettings(false, ["en"], false, false), LastSynchronization.Never, false));

        public Task<WsusUtilResult> ExportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) =>
            throw new AssertFailedException("doctor must not export");

        public Task<WsusUtilResult> ImportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) =>
            throw new AssertFailedException("doctor must not import");
    }

    private sealed class NtfsVolume : IVolumeInspector
    {
        public VolumeState Inspect(string path) => new(@"D:\", 500L * 1000 * 1000 * 1000, "NTFS", true);
    }

    private sealed class ConsoleHints(string smsAdminUiPath) : IAdminConsoleHints
    {
        public string? SmsAdminUiPath => smsAdminUiPath;

        public string? RegistryUiInstallationDirectory => null;
    }

    private sealed class SiteConnector(IConfigMgrSite site) : IConfigMgrSiteConnector
    {
        public Task<IConfigMgrSite> ConnectAsync(string? siteServer, CancellationToken cancellationToken) =>
            siteServer == site.ProviderServer
                ? Task.FromResult<IConfigMgrSite>(site)
                : Task.FromException<IConfigMgrSite>(new ConfigMgrException(ConfigMgrFailure.ProviderUnreachable, $"No SMS Provider on {siteServer}."));
    }
}
