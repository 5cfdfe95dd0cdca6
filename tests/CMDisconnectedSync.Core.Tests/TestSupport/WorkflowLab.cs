using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Testing.Wsus;
using CMDisconnectedSync.Workflows;
using Microsoft.Extensions.Time.Testing;
using CMDisconnectedSync.Wsus.Host;

namespace CMDisconnectedSync.Core.Tests.TestSupport;

/// <summary>
/// An export server and a disconnected server under one temp folder, each with a WsusContent, a state folder and
/// a WSUS whose wsusutil is the real lab program; the disconnected side trusts the export server's lab certificate.
/// Tests read as the admin's story: <c>lab.WithContent(...); await lab.ExportAsync(); await lab.ImportAsync()</c>.
/// </summary>
internal sealed class WorkflowLab : IDisposable
{
    private readonly TempFolder _temp = new("workflow");

    public WorkflowLab()
    {
        Directory.CreateDirectory(ExportContent);
        Directory.CreateDirectory(ImportContent);
        ExportWsus = new WsusUtilLabServer(ExportContent, _temp.Combine("export", "wsus-database.txt"), Clock);
        ImportWsus = new WsusUtilLabServer(ImportContent, _temp.Combine("disconnected", "wsus-database.txt"), Clock);
        new DisconnectedStateStore(ImportState, Clock, StateFolderProtections.ForThisComputer()).SaveTrustedSignersAsync(LabCertificates.TrustExportServer, CancellationToken.None).GetAwaiter().GetResult();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero));

    public string ExportContent => _temp.Combine("export", "WsusContent");

    public string ExportState => _temp.Combine("export", "state");

    public string ImportContent => _temp.Combine("disconnected", "WsusContent");

    public string ImportState => _temp.Combine("disconnected", "state");

    public WsusUtilLabServer ExportWsus { get; }

    public WsusUtilLabServer ImportWsus { get; }

    public FakeVolumeInspector Volumes { get; set; } = new(long.MaxValue / 4);

    public string BundleFolder(int round) => _temp.Combine("media", $"bundle-{round:000}");

    public string Path(params string[] parts) => _temp.Combine(parts);

    /// <summary>A few dozen update files in two-hex-char folders, license terms included, plus a log and a temp file that must not travel.</summary>
    public WorkflowLab WithStandardContent(int files = 24, int seed = 1)
    {
        for (var i = 0; i < files; i++)
        {
            var folder = (i * 37 % 256).ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
            WithContent($"{folder}/{i:x4}{seed:x4}.cab", 1024 + (i * 2999 % 60000), seed * 1000 + i);
        }

        WithContent("B7/license-terms-1.txt", 900, seed + 77);
        WithContent("logs/wsus-cleanup.log", 300, 5);
        WithContent("tmp/download.tmp", 300, 6);
        return this;
    }

    public WorkflowLab WithContent(string path, int length, int seed)
    {
        _temp.WriteFile("export/WsusContent/" + path, BundleScenario.Bytes(length, seed));
        return this;
    }

    public WorkflowServices ExportServices() => new(ExportWsus, new FakeElevation(true), Volumes, Clock, TestLogger.Silent) { StateFolders = StateFolderProtections.ForThisComputer() };

    /// <summary>The names of the lab's import server (its software update point is CM01.corp.example in the tests' sites).</summary>
    public IReadOnlyCollection<string> ImportServerNames { get; set; } = ["CM01"];

    public WorkflowServices ImportServices(IConfigMgrSite? site = null) =>
        new(ImportWsus, new FakeElevation(true), Volumes, Clock, TestLogger.Silent, site)
        {
            StateFolders = StateFolderProtections.ForThisComputer(),
            ImportServerNames = ImportServerNames,
        };

    public ExportRequest ExportRequest(int round) => new()
    {
        OutputFolder = BundleFolder(round),
        Signer = LabCertificates.ExportServerSigner,
        StateFolder = ExportState,
        SourceServerName = "WSUS-EXPORT",
    };

    public ImportRequest ImportRequest(int round) => new()
    {
        BundleFolder = BundleFolder(round),
        StateFolder = ImportState,
        SyncTimeout = TimeSpan.FromMinutes(30),
        SyncPollInterval = TimeSpan.FromSeconds(15),
    };

    public Task<ExportOutcome> ExportAsync(int round, WorkflowProgress? progress = null, CancellationToken cancellationToken = default) =>
        new ExportWorkflow(ExportServices()).RunAsync(ExportRequest(round), progress, cancellationToken);

    public Task<ImportOutcome> ImportAsync(int round, IConfigMgrSite? site = null, WorkflowProgress? progress = null, CancellationToken cancellationToken = default)
    {
        var running = new ImportWorkflow(ImportServices(site)).RunAsync(ImportRequest(round), progress, cancellationToken);
        return site is null ? running : Testing.FakeClock.RunAsync(Clock, running, TimeSpan.FromSeconds(15));
    }

    /// <summary>Relative path → SHA-256 of every file under <paramref name="root"/> (empty when it does not exist).</summary>
    public static SortedDictionary<string, string> TreeHash(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            return result;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            result[System.IO.Path.GetRelativePath(root, file).Replace('\\', '/')] = Sha256Hex.OfBytes(File.ReadAllBytes(file));
        }

        return result;
    }

    /// <summary>The export content a bundle must carry: everything but logs and temp files.</summary>
    public SortedDictionary<string, string> ExportedContentHash() =>
        new(TreeHash(ExportContent).Where(e => !ExportContentFilter.IsExcluded(e.Key)).ToDictionary(e => e.Key, e => e.Value), StringComparer.Ordinal);

    public void Dispose() => _temp.Dispose();
}

/// <summary>An <see cref="IProgress{T}"/> that calls back synchronously on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class Callback<T>(Action<T> onReport) : IProgress<T>
{
    public void Report(T value) => onReport(value);
}
