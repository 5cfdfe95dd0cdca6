using System.Diagnostics;
using System.Globalization;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.Harness.Attacks;
using CMDisconnectedSync.Harness.Support;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Workflows;
using CMDisconnectedSync.Wsus.Host;

namespace CMDisconnectedSync.Harness.CrashResume;

/// <summary>
/// Runs the real import (and export) workflow in a child process, SIGKILLs it after a random delay spread over a
/// whole uninterrupted run (content copy, wsusutil, state updates), reruns it to completion, and checks: the rerun
/// succeeds; WsusContent is byte-identical to the export server's tree (export: the bundle verifies and carries
/// exactly that tree); the accepted sequence (export: the chain head) is right; no *.cmdsync-partial, *.tmp or
/// staging leftovers. Figure: <c>resumed: N of N, corrupt: 0</c>.
/// </summary>
internal static class CrashResumeSuite
{
    private const long Sequence = 5;

    public static async Task<SuiteResult> RunAsync(int count, int seed, TextWriter progress, CancellationToken cancellationToken)
    {
        using var work = new WorkFolder("crash");
        using var keys = new LabKeys();
        var lab = work.Combine("lab");
        var manifestSha256 = await CreateLabAsync(lab, keys, cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        var details = new List<string>();
        var random = new Random(seed);
        var resumed = 0;
        var corrupt = 0;
        var total = 0;
        foreach (var workflow in new[] { "import", "export" })
        {
            var baseline = await MeasureAsync(workflow, lab, work.Combine(workflow + "-baseline"), keys, cancellationToken).ConfigureAwait(false);
            var phases = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var trials = workflow == "import" ? count : Math.Max(1, count / 2);
            for (var i = 0; i < trials; i++)
            {
                total++;
                var trial = work.Combine($"{workflow}-{i.ToString(CultureInfo.InvariantCulture)}");
                PrepareTrial(workflow, lab, trial, keys);
                // Anchored to the child's own progress, not to process start-up (which varies most on a loaded machine):
                // a fifth of the kills land uniformly before the journal appears (verify, preflight), the rest
                // uniformly over the journaled steps, measured from the moment the journal file exists.
                var journaled = (baseline.Total - baseline.JournalAfter).TotalMilliseconds;
                var beforeJournal = random.Next(5) == 0;
                var delay = TimeSpan.FromMilliseconds(beforeJournal ? random.NextDouble() * baseline.JournalAfter.TotalMilliseconds : random.NextDouble() * journaled);
                var (killed, first) = await RunChildAsync(workflow, lab, trial, delay, cancellationToken, beforeJournal ? null : JournalOf(workflow, trial)).ConfigureAwait(false);
                var phase = killed ? Phase(workflow, trial) : "finished before the kill";
                phases[phase] = phases.GetValueOrDefault(phase) + 1;

                // A run whose journal already says finished is complete: rerunning it is a new request (the import
                // is then a replay, the export a second bundle into a full folder), so only its result is checked.
                var finished = (!killed && first.ExitCode == 0) || phase == "after " + WorkflowJournalFiles.RunFinishedEntry;
                var rerun = finished ? first with { ExitCode = 0 } : (await RunChildAsync(workflow, lab, trial, null, cancellationToken).ConfigureAwait(false)).Result;
                var before = problems.Count;
                if (rerun.ExitCode != 0)
                {
                    problems.Add($"{workflow} #{i} killed after {delay.TotalMilliseconds:0} ms ({phase}): the rerun failed ({rerun.ExitCode}): {rerun.Output.Trim()}");
                }
                else
                {
                    resumed++;
                }

                var damage = workflow == "import"
                    ? await CheckImportAsync(lab, trial, manifestSha256, cancellationToken).ConfigureAwait(false)
                    : await CheckExportAsync(lab, trial, keys, cancellationToken).ConfigureAwait(false);
                if (damage is not null)
                {
                    corrupt++;
                    problems.Add($"{workflow} #{i} killed after {delay.TotalMilliseconds:0} ms ({phase}): CORRUPT: {damage}");
                }

                if (problems.Count == before)
                {
                    Directory.Delete(trial, recursive: true);
                }

                if ((i + 1) % 25 == 0)
                {
                    await progress.WriteLineAsync($"  {workflow}: {i + 1} of {trials} kills, {problems.Count} problems").ConfigureAwait(false);
                }
            }

            details.Add($"{workflow}: {trials} kills over a {baseline.Total.TotalMilliseconds:0} ms run (journal after {baseline.JournalAfter.TotalMilliseconds:0} ms); killed during {string.Join(", ", phases.Select(p => $"{p.Key} ×{p.Value}"))}");
        }

        return new SuiteResult(string.Create(CultureInfo.InvariantCulture, $"resumed: {resumed} of {total}, corrupt: {corrupt}"), problems, details);
    }

    /// <summary>Export server content (a few MB so a kill can land mid-copy), a real wsusutil-lab export, the signed bundle and the trust.</summary>
    internal static async Task<string> CreateLabAsync(string lab, LabKeys keys, CancellationToken cancellationToken)
    {
        var content = Path.Combine(lab, "export", "WsusContent");
        var files = Enumerable.Range(0, 24).Select(i => ($"{i * 10:X2}/{i:X2}{i * 7919:X8}.cab", 200_000 + (i * 3_000))).Concat(LabBundles.ContentFiles).ToList();
        LabBundles.WriteTree(content, files, seed: 5);
        var meta = Path.Combine(lab, "export", "meta");
        Directory.CreateDirectory(meta);
        var start = new ProcessStartInfo(LabWsusServer.WsusUtilPath) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "export", Path.Combine(meta, "export.xml.gz"), Path.Combine(meta, "export.log"), "--content", content })
        {
            start.ArgumentList.Add(argument);
        }

        using (var wsusutil = Process.Start(start)!)
        {
            await wsusutil.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await wsusutil.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (wsusutil.ExitCode != 0)
            {
                throw new InvalidOperationException($"wsusutil-lab export failed ({wsusutil.ExitCode}); see {meta}");
            }
        }

        var plan = await new DeltaPlanner().PlanAsync(content, new ContentInventoryScanner(new BundlePathValidator()).Scan(content, cancellationToken), null, cancellationToken).ConfigureAwait(false);
        var written = await new BundleWriter(keys.ExportServerSigner, new FixedClock(LabKeys.Now), new BundlePathValidator()).WriteAsync(new BundleWriteRequest
        {
            ContentRoot = content,
            Plan = plan,
            MetadataPackagePath = Path.Combine(meta, "export.xml.gz"),
            MetadataLogPath = Path.Combine(meta, "export.log"),
            OutputFolder = Path.Combine(lab, "bundle"),
            Sequence = Sequence,
            Source = LabBundles.Source,
        }, null, cancellationToken).ConfigureAwait(false);
        await new DisconnectedStateStore(Path.Combine(lab, "state-template"), new FixedClock(LabKeys.Now), StateFolderProtections.ForThisComputer()).SaveTrustedSignersAsync(keys.TrustExportServer, cancellationToken).ConfigureAwait(false);
        CrashChild.WritePfx(keys, Path.Combine(lab, "export.pfx"));
        return written.ManifestSha256;
    }

    internal static void PrepareTrial(string workflow, string lab, string trial, LabKeys keys)
    {
        Directory.CreateDirectory(trial);
        if (workflow == "import")
        {
            Directory.CreateDirectory(Path.Combine(trial, "WsusContent"));
            TreeCopy.Copy(Path.Combine(lab, "state-template"), Path.Combine(trial, "state"));
        }
        else
        {
            Directory.CreateDirectory(Path.Combine(trial, "chain"));
        }

        _ = keys;
    }

    /// <summary>One uninterrupted run: how long it takes, and when its journal appears (the end of start-up, verify and preflight).</summary>
    internal static async Task<(TimeSpan Total, TimeSpan JournalAfter)> MeasureAsync(string workflow, string lab, string trial, LabKeys keys, CancellationToken cancellationToken)
    {
        PrepareTrial(workflow, lab, trial, keys);
        var journal = workflow == "import" ? WorkflowJournalFiles.ImportJournal(Path.Combine(trial, "state")) : WorkflowJournalFiles.ExportJournal(Path.Combine(trial, "chain"));
        var started = Stopwatch.GetTimestamp();
        var journalAfter = TimeSpan.Zero;
        var run = RunChildAsync(workflow, lab, trial, null, cancellationToken);
        while (!run.IsCompleted)
        {
            if (journalAfter == TimeSpan.Zero && File.Exists(journal))
            {
                journalAfter = Stopwatch.GetElapsedTime(started);
            }

            await Task.Delay(2, cancellationToken).ConfigureAwait(false);
        }

        var total = Stopwatch.GetElapsedTime(started);
        var (_, result) = await run.ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"the uninterrupted {workflow} run failed ({result.ExitCode}): {result.Output}");
        }

        return (total, journalAfter == TimeSpan.Zero ? total / 2 : journalAfter);
    }

    internal static string JournalOf(string workflow, string trial) =>
        workflow == "import" ? WorkflowJournalFiles.ImportJournal(Path.Combine(trial, "state")) : WorkflowJournalFiles.ExportJournal(Path.Combine(trial, "chain"));

    /// <summary>Runs the child; with <paramref name="killAfter"/>, SIGKILLs it that long after start (or after <paramref name="anchor"/> appears).</summary>
    internal static async Task<(bool Killed, (int ExitCode, string Output) Result)> RunChildAsync(
        string workflow, string lab, string trial, TimeSpan? killAfter, CancellationToken cancellationToken, string? anchor = null)
    {
        using var child = StartChild(workflow, lab, trial);
        var output = child.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = child.StandardError.ReadToEndAsync(cancellationToken);
        var killed = false;
        if (killAfter is { } delay)
        {
            var exited = child.WaitForExitAsync(cancellationToken);
            while (anchor is not null && !exited.IsCompleted && !File.Exists(anchor))
            {
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            }

            if (!exited.IsCompleted && await Task.WhenAny(exited, Task.Delay(delay, cancellationToken)).ConfigureAwait(false) != exited)
            {
                // SIGKILL on Linux: no finally blocks, no flush, like a power cut for the process (not for the disk).
                child.Kill(entireProcessTree: true);
                killed = true;
            }
        }

        await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (killed, (child.ExitCode, await output.ConfigureAwait(false) + await error.ConfigureAwait(false)));
    }

    /// <summary>Starts <c>cmdsync-harness crash-child</c>; <paramref name="environment"/> is added to the inherited one (the lab wsusutil reads its fault cue there).</summary>
    internal static Process StartChild(string workflow, string lab, string trial, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "cmdsync-harness.dll"), "crash-child", workflow, lab, trial })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable.Key] = variable.Value;
        }

        return Process.Start(start)!;
    }

    /// <summary>The step the journal says was running when the process died.</summary>
    internal static string Phase(string workflow, string trial)
    {
        var folder = workflow == "import" ? Path.Combine(trial, "state") : Path.Combine(trial, "chain");
        var journal = workflow == "import" ? WorkflowJournalFiles.ImportJournal(folder) : WorkflowJournalFiles.ExportJournal(folder);
        if (!File.Exists(journal))
        {
            return "verify/preflight (no journal yet)";
        }

        var last = File.ReadAllLines(journal).Where(l => l.Contains("\"step\"", StringComparison.Ordinal)).LastOrDefault();
        if (last is null)
        {
            return "journal opened";
        }

        var step = last.Split("\"step\":\"")[1].Split('"')[0].Replace(WorkflowJournalFiles.ProcessEntrySuffix, string.Empty, StringComparison.Ordinal);
        var state = last.Contains("\"Started\"", StringComparison.Ordinal) ? "during " : "after ";
        return state + step;
    }

    internal static async Task<string?> CheckImportAsync(string lab, string trial, string manifestSha256, CancellationToken cancellationToken)
    {
        var leftovers = Leftovers(trial);
        if (leftovers is not null)
        {
            return leftovers;
        }

        if (Directory.Exists(MetadataPackageStager.FolderFor(Path.Combine(trial, "state"), manifestSha256)))
        {
            return "leftovers: the wsusutil staging folder of the import";
        }

        if (TreeHash.Of(Path.Combine(trial, "WsusContent")) != TreeHash.Of(Path.Combine(lab, "export", "WsusContent")))
        {
            return "WsusContent is not byte-identical to the export server's content";
        }

        AcceptedState state;
        try
        {
            state = await new DisconnectedStateStore(Path.Combine(trial, "state"), TimeProvider.System, StateFolderProtections.ForThisComputer()).LoadAcceptedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StateFileException ex)
        {
            return "state.json unreadable: " + ex.Message;
        }

        if (state.LastAccepted is not { Sequence: Sequence } accepted || accepted.ManifestSha256 != manifestSha256)
        {
            return $"state.json says sequence {state.LastAccepted?.Sequence} / {state.LastAccepted?.ManifestSha256}, expected {Sequence} / {manifestSha256}";
        }

        var database = Path.Combine(trial, "wsus.database");
        return File.Exists(database) && File.ReadAllText(database).Contains("0A/0A1B2C3D.cab", StringComparison.Ordinal) ? null : "wsusutil import never recorded the metadata";
    }

    internal static async Task<string?> CheckExportAsync(string lab, string trial, LabKeys keys, CancellationToken cancellationToken)
    {
        var leftovers = Leftovers(trial);
        if (leftovers is not null)
        {
            return leftovers;
        }

        var bundle = Path.Combine(trial, "bundle");
        var result = await new BundleVerifier(new BundlePathValidator(), new ManifestSignatureVerifier(new FixedClock(LabKeys.Now))).VerifyAsync(bundle, new BundleTrustContext(keys.TrustExportServer, null), null, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return $"the exported bundle does not verify ({result.Failure}): {result.Cause}";
        }

        var expected = Directory.EnumerateFiles(Path.Combine(lab, "export", "WsusContent"), "*", SearchOption.AllDirectories).Count();
        if (result.Bundle!.Manifest.Files.Count != expected || result.Bundle.Manifest.Sequence != 1)
        {
            return $"the bundle carries {result.Bundle.Manifest.Files.Count} files with sequence {result.Bundle.Manifest.Sequence}, expected {expected} files with sequence 1";
        }

        var chainHead = ExportChainStore.HeadManifestPath(Path.Combine(trial, "chain"));
        return chainHead is not null && Sha256Hex.OfBytes(File.ReadAllBytes(chainHead)) == result.Bundle.ManifestSha256
            ? null
            : "the export chain's head is not the bundle that was written";
    }

    /// <summary>
    /// Temp names (<c>*.cmdsync-partial</c>, <c>*.tmp</c>), wsusutil staging folders and export chain generations the
    /// chain's pointer does not name (or the old layout's root pair beside a pointer): what a hard stop may leave and
    /// the rerun must have swept.
    /// </summary>
    internal static string? Leftovers(string trial)
    {
        var left = Directory.EnumerateFileSystemEntries(trial, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(HashingFileCopier.PartialSuffix, StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal)
                || f.EndsWith(ExportWorkflow.StagingSuffix, StringComparison.Ordinal))
            .ToList();
        var chain = Path.Combine(trial, "chain");
        var generations = Path.Combine(chain, ExportChainStore.GenerationsFolderName);
        if (Directory.Exists(generations))
        {
            var head = ExportChainStore.HeadManifestPath(chain);
            left.AddRange(Directory.EnumerateDirectories(generations).Where(g => head is null || !head.StartsWith(g + Path.DirectorySeparatorChar, StringComparison.Ordinal)));
            left.AddRange(new[] { ExportChainStore.LastManifestFileName, ExportChainStore.LastInventoryFileName }.Select(n => Path.Combine(chain, n)).Where(File.Exists));
        }

        return left.Count == 0 ? null : "leftovers: " + string.Join(", ", left.Select(l => Path.GetRelativePath(trial, l)));
    }
}
