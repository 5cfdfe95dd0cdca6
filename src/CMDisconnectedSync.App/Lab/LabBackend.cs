using System.Globalization;
using System.Text;
using CMDisconnectedSync.App.Presentation.Launch;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;

namespace CMDisconnectedSync.App.Lab;

/// <summary>
/// The lab backend, used only with <c>--lab &lt;folder&gt;</c> (demo and the UI smoke test): a simulated site CM01/LAB
/// and WSUS whose steps take a moment and report progress, so every page can be seen without a ConfigMgr site. It
/// writes only inside the lab folder, marks what it writes as a lab stand-in, and the window says it is a lab.
/// It is not the product: the real backend is the Core workflows behind <see cref="IDisconnectedSyncOperations"/>.
/// </summary>
internal sealed class LabBackend : IDisconnectedSyncOperations, IConsoleConnectionHistory
{
    public const string LabThumbprint = "0123456789ABCDEF0123456789ABCDEF01234567";
    private const string Signer = "CN=Lab Update Signing, O=CMDisconnectedSync lab";
    private const long ImportSequence = 42;
    private readonly string _folder;
    private readonly TimeProvider _clock;
    private readonly HashSet<string> _finishedSteps = new(StringComparer.Ordinal);
    private readonly HashSet<string> _subscribed = new(StringComparer.Ordinal);

    private LabBackend(string folder, TimeProvider clock)
    {
        _folder = folder;
        _clock = clock;
    }

    private string MediaFolder => Path.Combine(_folder, "media");

    private string BundleFolder => Path.Combine(MediaFolder, "CMDS-000042");

    private string LogFolder => Path.Combine(_folder, "logs");

    /// <summary>Creates the lab folder's media, a bundle to import and run logs, if missing.</summary>
    public static LabBackend Open(string folder, TimeProvider clock)
    {
        var lab = new LabBackend(Path.GetFullPath(folder), clock);
        Directory.CreateDirectory(lab.BundleFolder);
        Directory.CreateDirectory(lab.LogFolder);
        var manifest = Path.Combine(lab.BundleFolder, "manifest.json");
        if (!File.Exists(manifest))
        {
            File.WriteAllText(manifest, "{ \"lab\": \"stand-in manifest for the UI lab; not a CMDisconnectedSync bundle\", \"sequence\": 42 }", Encoding.UTF8);
        }

        foreach (var name in new[] { "export-41.log", "import-41.log", "import-42.log" })
        {
            var log = Path.Combine(lab.LogFolder, name);
            if (!File.Exists(log))
            {
                File.WriteAllText(log, "Lab log " + name + Environment.NewLine, Encoding.UTF8);
            }
        }

        return lab;
    }

    public void FillDefaults(ExportOptionsPage options)
    {
        options.TargetFolder = MediaFolder;
        options.CertificateThumbprint = LabThumbprint;
    }

    public void FillDefaults(BundleChoicePage bundle) => bundle.BundlePath = BundleFolder;

    public ConsoleConnection? GetLastConnection() => new("CM01.lab.local", "LAB");

    public async Task<IReadOnlyList<PreflightCheck>> RunPreflightAsync(PreflightKind kind, SiteTarget site, CancellationToken cancellationToken)
    {
        await Pause(600, cancellationToken);
        return kind == PreflightKind.Export
            ?
            [
                new("Running as local administrator", CheckStatus.Pass, "The process is elevated.", string.Empty),
                new("WSUS is installed", CheckStatus.Pass, @"WsusUtil.exe found in C:\Program Files\Update Services\Tools.", string.Empty),
                new("Last WSUS synchronization succeeded", CheckStatus.Pass, "Succeeded today at 06:12 (CM01.lab.local).", string.Empty),
                new("Free space on the target", CheckStatus.Pass, "118 GB free, about 2.4 GB needed.", string.Empty),
                new("Signing certificate validity", CheckStatus.Warn, $"{Signer} expires in 21 days.",
                    "Renew the signing certificate and add the new thumbprint to the trusted signers on the disconnected side before it expires."),
            ]
            :
            [
                new("Running as local administrator", CheckStatus.Pass, "The process is elevated.", string.Empty),
                new("WSUS languages and express files match the export", CheckStatus.Pass, "Languages: en, de. Express files: off.", string.Empty),
                new("WSUS is not a replica", CheckStatus.Pass, "CM01.lab.local is an autonomous server.", string.Empty),
                new("The SUP synchronizes from no source", CheckStatus.Pass, "Sync source: Do not synchronize from Microsoft Update or upstream (2).", string.Empty),
                new("Free space for WsusContent", CheckStatus.Pass, "412 GB free on D:, about 2.4 GB needed.", string.Empty),
            ];
    }

    public async Task<BundleVerification> VerifyBundleAsync(string bundlePath, CancellationToken cancellationToken)
    {
        await Pause(500, cancellationToken);
        var summary = new BundleSummary(
            "b3f1c6a2-5d0e-4c1f-9a61-2f7c5e0d4a42", ImportSequence, 41, new DateTimeOffset(2026, 11, 24, 18, 5, 0, TimeSpan.Zero),
            "WSUS01.contoso.com", 1184, 2_583_691_264L, 1100, 84, 1, Signer, LabThumbprint);
        var manifest = Path.Combine(bundlePath, "manifest.json");
        if (File.ReadAllText(manifest).Contains("tampered"))
        {
            return BundleVerification.Refused(
                BundleRefusal.HashMismatch,
                @"content\3A\3A5F0C2E9B.cab has a different SHA-256 than the manifest says. Get a fresh copy of the bundle from the export side.",
                summary,
                problemCount: 3);
        }

        return BundleVerification.Accepted(summary);
    }

    public async Task<ExportResult> ExportAsync(ExportRequest request, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        var bundle = Path.Combine(request.TargetFolder, "CMDS-000043");
        string[] plan =
        [
            @"wsusutil export C:\CMDS\work\export-43.xml.gz C:\CMDS\work\export-43.log",
            "compare content with the base: sequence 42 (manifest SHA-256 9c1e…)",
            $"copy 214 new content files (611 MB) to {bundle}",
            "write manifest.json and sign it with " + request.Signing.Describe(),
        ];
        if (request.WhatIf)
        {
            await Pause(300, cancellationToken);
            return new ExportResult(bundle, 214, 640_679_936L, Signer, 43, Path.Combine(LogFolder, "export-43.log"), true, plan);
        }

        var steps = new (string Name, string Title, long Bytes, int Files, int Ticks)[]
        {
            ("wsus-export", "Export WSUS metadata (wsusutil export)", 0, 0, 4),
            ("content-delta", "Compare content with the base (sequence 42)", 0, 0, 2),
            ("content-copy", "Copy new content to the media", 640_679_936L, 214, 14),
            ("manifest-sign", "Write and sign the manifest", 0, 0, 2),
        };
        await RunStepsAsync("export", steps, progress, _ => null, cancellationToken);
        Directory.CreateDirectory(bundle);
        File.WriteAllText(Path.Combine(bundle, "LAB-BUNDLE.txt"), "Written by the CMDisconnectedSync UI lab. Not a real bundle.", Encoding.UTF8);
        var log = Path.Combine(LogFolder, "export-43.log");
        File.WriteAllText(log, "Lab export 43" + Environment.NewLine, Encoding.UTF8);
        return new ExportResult(bundle, 214, 640_679_936L, $"{Signer} ({LabThumbprint})", 43, log, false, []);
    }

    public async Task<ImportResult> ImportAsync(ImportRequest request, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        var log = Path.Combine(LogFolder, "import-42.log");
        if (request.WhatIf)
        {
            await Pause(300, cancellationToken);
            return new ImportResult(ImportSequence, 0, 0, 0, null, log, 0, true,
            [
                @"copy 1,184 content files (2.4 GB) into D:\WSUS\WsusContent",
                "wsusutil import export-42.xml.gz",
                "SyncNow on CM01.lab.local and wait for SMS_SUPSyncStatus",
            ]);
        }

        var steps = new (string Name, string Title, long Bytes, int Files, int Ticks)[]
        {
            ("content-copy", "Copy content into WsusContent", 2_583_691_264L, 1184, 14),
            ("wsus-import", "Import metadata (wsusutil import)", 0, 0, 4),
            ("configmgr-syncnow", "Start the ConfigMgr synchronization (SyncNow)", 0, 0, 2),
            ("configmgr-wait", "Wait for the software update point to synchronize", 0, 0, 6),
        };
        await RunStepsAsync(
            "import",
            steps,
            progress,
            tick => tick switch
            {
                < 2 => Sup(6701),
                < 5 => Sup(6704),
                _ => Sup(6702),
            },
            cancellationToken);
        return new ImportResult(ImportSequence, 1184, 0, 2_583_691_264L, Sup(6702), log, 6, false, []);
    }

    public async Task<IReadOnlyList<UpdateCategory>> GetNewCategoriesAsync(SiteTarget site, CancellationToken cancellationToken)
    {
        await Pause(400, cancellationToken);
        UpdateCategory[] categories =
        [
            new("cls-feature-packs", "Feature Packs", UpdateCategoryKind.Classification, false, true, null),
            new("cls-upgrades", "Upgrades", UpdateCategoryKind.Classification, false, true, null),
            new("prd-win11-24h2", "Windows 11, version 24H2 and later", UpdateCategoryKind.Product, false, true, "Windows"),
            new("prd-ws2025", "Microsoft Server operating system-24H2", UpdateCategoryKind.Product, false, true, "Windows"),
            new("prd-insider", "Windows Insider Pre-release", UpdateCategoryKind.Product, false, false, "Windows"),
            new("prd-m365", "Microsoft 365 Apps/Office 2019/Office LTSC", UpdateCategoryKind.Product, false, true, "Office"),
        ];
        return categories.Select(c => _subscribed.Contains(c.UniqueId) ? c with { IsSubscribed = true } : c).ToList();
    }

    public async Task<IReadOnlyList<string>> SubscribeAsync(SiteTarget site, IReadOnlyList<string> categoryIds, CancellationToken cancellationToken)
    {
        await Pause(400, cancellationToken);
        _subscribed.UnionWith(categoryIds);
        return categoryIds;
    }

    public async Task<SyncTrigger> RunFullSyncAsync(SiteTarget site, CancellationToken cancellationToken)
    {
        await Pause(300, cancellationToken);
        return new SyncTrigger(_clock.GetUtcNow(), FullSync: true);
    }

    public async Task<SyncStatusReport> GetStatusAsync(SiteTarget site, CancellationToken cancellationToken)
    {
        await Pause(400, cancellationToken);
        var now = _clock.GetUtcNow();
        return new SyncStatusReport(
            43,
            ImportSequence,
            [
                new SupSyncState("LAB", "CM01.lab.local", 6702, now.AddHours(-2), now.AddHours(-2), 0),
                new SupSyncState("LB2", "SUP02.lab.local", 6708, now.AddHours(-3), now.AddDays(-8), 0),
            ],
            [
                new RunRecord(RunKind.Import, 42, now.AddHours(-2.2), RunOutcome.Succeeded, Path.Combine(LogFolder, "import-42.log"), "1,184 files, sync 6702"),
                new RunRecord(RunKind.Import, 41, now.AddDays(-8), RunOutcome.Cancelled, Path.Combine(LogFolder, "import-41.log"), "cancelled during content copy; resumed the next day"),
                new RunRecord(RunKind.Export, 41, now.AddDays(-9), RunOutcome.Succeeded, Path.Combine(LogFolder, "export-41.log"), "2,031 files, 5.1 GB"),
            ]);
    }

    private async Task RunStepsAsync(
        string workflow,
        (string Name, string Title, long Bytes, int Files, int Ticks)[] steps,
        IProgress<TransferProgress> progress,
        Func<int, SupSyncState?> syncAt,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < steps.Length; i++)
        {
            var (name, title, bytes, files, ticks) = steps[i];
            var key = workflow + "/" + name;
            if (_finishedSteps.Contains(key))
            {
                progress.Report(new TransferProgress(i + 1, steps.Length, name, title, StepState.AlreadyDone, bytes, bytes, files, files, null));
                continue;
            }

            for (var tick = 0; tick <= ticks; tick++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    progress.Report(new TransferProgress(i + 1, steps.Length, name, title, StepState.Cancelled, bytes * tick / ticks, bytes, files * tick / ticks, files, "cancelled"));
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var sync = name == "configmgr-wait" ? syncAt(tick) : null;
                var detail = bytes > 0 ? string.Format(CultureInfo.InvariantCulture, @"content\{0:X2}\…", tick * 17) : sync?.Describe();
                progress.Report(new TransferProgress(i + 1, steps.Length, name, title, StepState.Running, bytes * tick / ticks, bytes, files * tick / ticks, files, detail, sync));
                await Pause(120, CancellationToken.None);
            }

            _finishedSteps.Add(key);
            progress.Report(new TransferProgress(i + 1, steps.Length, name, title, StepState.Completed, bytes, bytes, files, files, "done"));
        }

        _finishedSteps.RemoveWhere(k => k.StartsWith(workflow + "/", StringComparison.Ordinal));
    }

    private static SupSyncState Sup(int state) => new("LAB", "CM01.lab.local", state, null, null, 0);

    private Task Pause(int milliseconds, CancellationToken cancellationToken) =>
        _clock.Delay(TimeSpan.FromMilliseconds(milliseconds), cancellationToken);
}
