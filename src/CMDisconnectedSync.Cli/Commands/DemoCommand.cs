using System.CommandLine;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMDisconnectedSync.Cli.Demo;
using CMDisconnectedSync.Cli.Workflows;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.Lab;
using CMDisconnectedSync.Lab.ConfigMgr;
using CMDisconnectedSync.Lab.Downloads;
using CMDisconnectedSync.Lab.Wsus;
using CMDisconnectedSync.Workflows;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary>
/// <c>cmdsync demo [--folder &lt;dir&gt;] [--keep] [--small]</c>: the end-to-end lab. Builds a lab export server, disconnected
/// server, ConfigMgr site and signing certificate under a temp folder (<see cref="LabEnvironment"/>), then runs the
/// product's real export and import workflows three times (<see cref="LabDemo"/>): a full transfer, an incremental one
/// after a simulated WSUS sync on the export side, and one that carries the deployment content of a software update
/// group into the site's deployment package (<see cref="LabDeploymentContentRound"/>). Exit 0 only when every step
/// succeeded, every ConfigMgr sync ended 6702, WsusContent is byte-identical on both servers after each round and the
/// package holds every requested file byte-identical to the download; otherwise the code export, verify or
/// import would exit with for the same failure (<see cref="ExitCodes.ForWorkflowFailure"/>), or 1.
/// </summary>
public static class DemoCommand
{
    /// <summary>The incremental round: what the export server's simulated sync adds and changes.</summary>
    private const int AddedFiles = 40;
    private const int ChangedFiles = 12;
    private const int SyncSeed = 2;

    public static Command Create(CommandContextFactory contexts)
    {
        var folder = new Option<DirectoryInfo?>("--folder") { Description = "Build the lab in this new or empty folder instead of a temp folder (kept afterwards)." };
        var keep = new Option<bool>("--keep") { Description = "Keep the temp lab folder afterwards, to look at the servers, bundles, journals and logs." };
        var small = new Option<bool>("--small") { Description = "A few files instead of ~190 MiB (quick check)." };
        var fault = new Option<string?>("--wsusutil-fault")
        {
            Description = "Make the lab's wsusutil on the export server fail on cue, to see how a failure is reported: exit-code, error-line or empty-package.",
        };
        fault.AcceptOnlyFromAmong("exit-code", "error-line", "empty-package");
        var command = new Command("demo", HelpText.WithExamples(
            "Run the built-in LAB: a simulated export server, disconnected server and ConfigMgr site under a temp folder, "
            + "then the real export -> verify -> import -> sync workflows, a second, incremental round, and a third that carries the deployment content "
            + "a software update group needs (requested by the site, downloaded from a simulated Microsoft download server, checked against Microsoft's "
            + "digests, put into a deployment package). Touches nothing outside the lab folder. "
            + "A lab is built fresh each run and not resumed: after Ctrl+C, delete the --folder or give a new one.",
            "cmdsync demo --small",
            "cmdsync demo --folder C:\\Lab\\cmdsync-demo --json",
            "cmdsync demo --small --wsusutil-fault exit-code"))
        {
            folder, keep, small, fault,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            if (!LabIsInstalled)
            {
                using var context = contexts.Create(parseResult);
                return Task.FromResult(context.Fail(ExitCodes.NotAvailable,
                    $"cmdsync demo needs the demo lab ({LabAssemblyFile} beside {AppContext.BaseDirectory}), which a default install leaves out. "
                    + "Add it with: msiexec /i CMDisconnectedSync.msi ADDLOCAL=Demo"));
            }

            return RunDemoAsync(contexts, parseResult, folder, keep, small, fault, cancellationToken);
        });
        return command;
    }

    /// <summary>The lab's assembly, which only the MSI's Demo feature installs.</summary>
    private const string LabAssemblyFile = "CMDisconnectedSync.Lab.dll";

    /// <summary>
    /// Checked before <see cref="RunDemoAsync"/>, the first method that uses a lab type: the runtime loads the lab's
    /// assembly when it compiles such a method, so without it the verb would end in an unexpected-error exit.
    /// </summary>
    private static bool LabIsInstalled => File.Exists(Path.Combine(AppContext.BaseDirectory, LabAssemblyFile));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<int> RunDemoAsync(
        CommandContextFactory contexts, ParseResult parseResult, Option<DirectoryInfo?> folder, Option<bool> keep, Option<bool> small, Option<string?> fault,
        CancellationToken cancellationToken)
    {
        using var context = contexts.Create(parseResult);
        var root = parseResult.GetValue(folder)?.FullName
            ?? Path.Combine(Path.GetTempPath(), "cmdsync-demo-" + Guid.NewGuid().ToString("N"));
        var keepLab = parseResult.GetValue(keep) || parseResult.GetValue(folder) is not null;
        var spec = parseResult.GetValue(small) ? LabContentSpec.Tiny : LabContentSpec.Demo;
        // Under --json the narration goes to standard error and standard output carries the one result object.
        var narration = context.Json ? context.Error : context.Output;
        var rounds = new List<LabDemoRound>();
        if (parseResult.GetValue(folder) is not null && RefuseOccupiedFolder(root) is { } refusal)
        {
            // Checked before anything is written, so the folder is left exactly as it is.
            return context.Fail(ExitCodes.Usage, refusal);
        }

        try
        {
            var exitCode = await RunAsync(context, new DemoNarrator(narration), root, spec, parseResult.GetValue(fault), rounds, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(Json(exitCode, keepLab ? root : null, rounds, context.LogPath));
            }

            return exitCode;
        }
        catch (IOException exception)
        {
            // The lab folder is not empty, the disk is full, …: the message names the path.
            return context.Fail(ExitCodes.Failure, "cmdsync demo: " + exception.Message, exception);
        }
        catch (OperationCanceledException) when (parseResult.GetValue(folder) is not null)
        {
            return Cancelled(context, root);
        }
        catch (OperationCanceledException)
        {
            return await WorkflowVerbSupport.CancelledAsync(context).ConfigureAwait(false);
        }
        finally
        {
            if (!keepLab && Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
            else if (File.Exists(Path.Combine(root, LabEnvironment.MarkerFileName)))
            {
                narration.WriteLine("Lab kept in " + root + " (delete it when done).");
            }
        }
    }

    /// <summary>What to do with a lab folder that is not empty, in exact words; null when the lab can be built there.</summary>
    internal static string? RefuseOccupiedFolder(string root)
    {
        if (!Directory.Exists(root) || !Directory.EnumerateFileSystemEntries(root).Any())
        {
            return null;
        }

        return File.Exists(Path.Combine(root, LabEnvironment.MarkerFileName))
            ? $"cmdsync demo: {root} holds the lab of an earlier demo run (finished, failed or stopped with Ctrl+C). A lab is built fresh "
                + $"each run and is not resumed. {StartAgain(root)}"
            : $"cmdsync demo: the lab folder {root} is not empty and is not a lab. Give a new or empty --folder, so the lab never mixes with other files.";
    }

    private static string StartAgain(string root) =>
        $"Delete it (PowerShell: Remove-Item -Recurse -Force '{root}'; Linux: rm -r '{root}') or give another --folder, then run cmdsync demo again.";

    /// <summary>Ctrl+C with --folder: the half-built lab stays; say exactly how to start again (a rerun with the same folder is refused).</summary>
    private static int Cancelled(CommandContext context, string root)
    {
        var next = $"The lab in {root} is incomplete and is not resumed. {StartAgain(root)}";
        context.FileLogger.Warning("Demo cancelled (Ctrl+C); {Next}", next);
        if (context.Json)
        {
            context.WriteJson(new { result = "cancelled", exitCode = ExitCodes.Cancelled, labFolder = root, next, log = context.LogPath });
        }
        else
        {
            context.Error.WriteLine("Cancelled. " + next);
        }

        return ExitCodes.Cancelled;
    }

    private static async Task<int> RunAsync(
        CommandContext context, DemoNarrator say, string root, LabContentSpec spec, string? wsusUtilFault, List<LabDemoRound> rounds, CancellationToken cancellationToken)
    {
        say.Line("CMDisconnectedSync DEMO LAB: simulated WSUS servers and ConfigMgr site; the export, verify, import and sync code is the product's own.");
        say.Line("Nothing outside the lab folder is touched. Log: " + context.LogPath);

        var wsusUtil = LabWsusUtilProgram.Locate();
        var watch = Stopwatch.StartNew();
        say.Banner("Building the lab");
        var lab = await LabEnvironment.CreateAsync(root, spec, context.Clock, cancellationToken).ConfigureAwait(false);
        var content = new DirectoryInfo(lab.ExportServer.ContentDirectory).GetFiles("*", SearchOption.AllDirectories);
        say.LabCreated(lab, spec, wsusUtil, content.Length, content.Sum(f => f.Length), watch.Elapsed);
        if (wsusUtilFault is not null)
        {
            lab.ExportServer.SaveSettings(lab.ExportServer.LoadSettings() with { WsusUtilFault = wsusUtilFault });
            say.Line("  Fault cue           the export server's wsusutil will fail (" + wsusUtilFault + "), as asked");
        }

        var demo = new LabDemo(lab, wsusUtil, context.Clock, context.Logger);
        for (var round = 1; round <= 2; round++)
        {
            if (round == 2)
            {
                say.Banner("Meanwhile on the export server: WSUS synchronizes with Microsoft Update (simulated)");
                var touched = lab.SimulateExportServerSync(AddedFiles, ChangedFiles, SyncSeed, context.Clock);
                say.Line($"  {AddedFiles} new and {ChangedFiles} changed update files, 1 new license-terms file (a product and classification the site has not seen); {touched.Count} files touched");
            }

            say.Banner(round == 1 ? "Round 1: full transfer" : "Round 2: incremental transfer");
            var result = await RunRoundAsync(demo, round, say, null, cancellationToken).ConfigureAwait(false);
            rounds.Add(result);
            if (!result.Succeeded)
            {
                return Failed(context, say, lab, result);
            }
        }

        var last = rounds[rounds.Count - 1];
        var contentRound = await RunDeploymentContentRoundAsync(context, demo, say, cancellationToken).ConfigureAwait(false);
        rounds.Add(contentRound);
        if (!contentRound.Succeeded)
        {
            return Failed(context, say, lab, contentRound);
        }

        say.Banner("What the import wizard's Next steps page offers now (new since the last import)");
        foreach (var group in last.Import!.NextSteps!.Groups)
        {
            say.Line("  " + group.Title);
            foreach (var category in group.Categories)
            {
                say.Line("    [ ] " + category.Name + "   (" + category.UniqueId + ")");
            }
        }

        say.Line();
        say.Line($"DEMO LAB SUCCEEDED in {watch.Elapsed.TotalSeconds:0.0} s: 3 rounds exported, verified, imported and synchronized; WsusContent identical on both servers after each round; "
            + "the requested deployment content byte-identical in the site's deployment package.");
        say.Line("Same code paths on real servers: cmdsync export / import / verify, or the console's wizard.");
        return ExitCodes.Success;
    }

    /// <summary>
    /// The demo's one-line verdict on a failed round, and its exit code. The step's failure was narrated in full just
    /// above: the summary names it in one line, not a second copy.
    /// </summary>
    private static int Failed(CommandContext context, DemoNarrator say, LabEnvironment lab, LabDemoRound round)
    {
        say.Line();
        var exitCode = ExitCodeFor(round);
        say.Line(FormattableString.Invariant($"DEMO FAILED in round {round.Round}: {FirstLine(round.Problem)} (exit code {exitCode}; the full message is above)"));
        say.Line("Lab folder: " + lab.Root + "; log: " + context.LogPath);
        context.FileLogger.Error("Demo failed in round {Round}: {Problem}", round.Round, round.Problem);
        return exitCode;
    }

    /// <summary>The first sentence of a (multi-line) failure message.</summary>
    private static string FirstLine(string? text)
    {
        var line = (text ?? string.Empty).Split('\n')[0].TrimEnd('\r');
        var end = line.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? line : line.Substring(0, end)).TrimEnd('.', ':');
    }

    /// <summary>The <c>--json</c> result: each round's numbers and outcome, as the narration reports them.</summary>
    private static object Json(int exitCode, string? keptLabFolder, IReadOnlyList<LabDemoRound> rounds, string logPath) => new
    {
        result = exitCode == ExitCodes.Success ? "succeeded" : "failed",
        exitCode,
        labFolder = keptLabFolder,
        rounds = rounds.Select(r => new
        {
            r.Round,
            r.Succeeded,
            r.Export.Sequence,
            r.Export.Files,
            r.Export.Bytes,
            exportSeconds = Math.Round(r.ExportDuration.TotalSeconds, 1),
            verified = r.Verification?.Succeeded,
            imported = r.Import?.Succeeded,
            importSeconds = Math.Round(r.ImportDuration.TotalSeconds, 1),
            sync = r.Import?.Sync?.Kind,
            contentIdentical = r.Content?.Identical,
            deploymentContentFiles = r.Import?.DeploymentContent?.Files,
            packageIdentical = r.PackageContent?.Identical,
            subscribed = r.Subscribed.Select(c => c.Name),
            problem = r.Succeeded ? null : r.Problem,
        }),
        log = logPath,
    };

    /// <summary>The documented code of what failed (as export/import/verify would exit), else 1 (sync or content check).</summary>
    private static int ExitCodeFor(LabDemoRound round) =>
        round.Export.Failure is { } exportFailure ? ExitCodes.ForWorkflowFailure(exportFailure)
        : round.Verification is { Failure: { } refused } ? ExitCodes.ForVerificationFailure(refused)
        : round.Import?.Failure is { } importFailure ? ExitCodes.ForWorkflowFailure(importFailure)
        : ExitCodes.Failure;

    /// <summary>
    /// Round 3 (issue 18): the site requests the files of a software update group; the export downloads them from the lab
    /// download server (standing in for Microsoft's) and carries them; the import puts them into the lab deployment package.
    /// </summary>
    private static async Task<LabDemoRound> RunDeploymentContentRoundAsync(CommandContext context, LabDemo demo, DemoNarrator say, CancellationToken cancellationToken)
    {
        const int Round = 3;
        say.Banner($"Round 3: deployment content for the software update group '{LabDeploymentContentRound.Group}'");
        Directory.CreateDirectory(demo.Lab.DownloadsFolder);
        using var downloads = LabDownloadServer.Start(demo.Lab.DownloadsFolder);
        say.Line("  Microsoft's download servers (simulated): " + downloads.BaseUri);
        var request = await LabDeploymentContentRound.RequestAsync(demo, downloads.BaseUri, context.Clock, cancellationToken).ConfigureAwait(false);
        say.ContentRequested(request, LabDeploymentContentRound.Group, LabDeploymentContentRound.RequestPath(demo.Lab));
        var content = new DeploymentContentImport { Target = DeploymentPackageTarget.Existing(LabDeploymentContent.PackageId) };
        var result = await RunRoundAsync(demo, Round, say, (request, content), cancellationToken).ConfigureAwait(false);
        if (result.Import is not { Succeeded: true })
        {
            return result;
        }

        var package = await demo.Site().GetDeploymentPackageAsync(LabDeploymentContent.PackageId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The lab deployment package " + LabDeploymentContent.PackageId + " is gone.");
        var comparison = LabDeploymentContentRound.ComparePackage(demo.Lab, request, package, downloads.BaseUri);
        say.PackageFilled(result.Import, comparison);
        return result with { PackageContent = comparison };
    }

    private static async Task<LabDemoRound> RunRoundAsync(
        LabDemo demo, int round, DemoNarrator say, (ContentRequest Request, DeploymentContentImport Import)? deployment, CancellationToken cancellationToken)
    {
        say.Line("  Export on " + LabEnvironment.ExportServerName + " -> " + demo.BundleFolder(round));
        var (export, exportDuration) = await demo.ExportAsync(round, say.ProgressFor("export"), deployment?.Request, cancellationToken).ConfigureAwait(false);
        say.ExportDone(export, exportDuration);
        if (!export.Succeeded)
        {
            return new LabDemoRound(round, export, exportDuration, null, null, TimeSpan.Zero, null, []);
        }

        say.Line("  Verify on " + LabEnvironment.DisconnectedServerName + " (what 'cmdsync verify' checks before anything is written)");
        var verification = await demo.VerifyAsync(round, cancellationToken).ConfigureAwait(false);
        say.Verified(verification);
        if (!verification.Succeeded)
        {
            return new LabDemoRound(round, export, exportDuration, verification, null, TimeSpan.Zero, null, []);
        }

        say.Line("  Import on " + LabEnvironment.DisconnectedServerName + " with ConfigMgr site " + LabEnvironment.SiteCode);
        var (import, importDuration, content) = await demo.ImportAsync(round, say.ProgressFor("import"), deployment?.Import, cancellationToken).ConfigureAwait(false);
        say.ImportDone(import, importDuration, content);
        var subscribed = round == 1 ? await demo.SubscribeOfferedAsync(import, cancellationToken).ConfigureAwait(false) : [];
        say.NextSteps(import.NextSteps, subscribed);
        return new LabDemoRound(round, export, exportDuration, verification, import, importDuration, content, subscribed);
    }
}
