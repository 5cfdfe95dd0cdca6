using System.Globalization;
using CMDisconnectedSync.Harness.CtrlC;
using CMDisconnectedSync.Harness.Support;
using CMDisconnectedSync.Workflows;

namespace CMDisconnectedSync.Harness.CrashResume;

/// <summary>
/// Issue 19's targeted kills: instead of uniform random times, every SIGKILL is aimed at the start or the end of a
/// journaled step (each Started/Completed line of an uninterrupted run's journal, the wsusutil start included and the
/// run-finished line) ± 30 ms, where the windows between two writes are. The kill takes the process tree, as the
/// kill-on-close Job Object does on Windows. After each kill the run is repeated to completion and checked: the rerun
/// succeeds; no temp names, partial files, staging folders or stray export chain generations are left; WsusContent is
/// byte-identical to the export server's (no corrupt, lost or extra file), the state (accepted sequence, chain head)
/// is the bundle's; no wsusutil-lab of the trial still runs. Figure:
/// <c>targeted kills: N (K landed), resumed: N, leftovers: 0, corrupt: 0</c>.
/// </summary>
internal static class TargetedKillSuite
{
    private const double SpreadMilliseconds = 30;

    /// <summary>Runs <paramref name="count"/> trials per workflow (import, then export).</summary>
    public static async Task<SuiteResult> RunAsync(int count, int seed, TextWriter progress, CancellationToken cancellationToken)
    {
        using var work = new WorkFolder("targeted");
        using var keys = new LabKeys();
        var lab = work.Combine("lab");
        var manifestSha256 = await CrashResumeSuite.CreateLabAsync(lab, keys, cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        var details = new List<string>();
        var random = new Random(seed);
        int total = 0, landed = 0, resumed = 0, leftovers = 0, corrupt = 0;
        foreach (var workflow in new[] { "import", "export" })
        {
            var baselineTrial = work.Combine(workflow + "-baseline");
            await CrashResumeSuite.MeasureAsync(workflow, lab, baselineTrial, keys, cancellationToken).ConfigureAwait(false);
            var targets = Targets(CrashResumeSuite.JournalOf(workflow, baselineTrial));
            var phases = new SortedDictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                total++;
                var target = targets[i % targets.Count];
                var delay = TimeSpan.FromMilliseconds(Math.Max(0, target.Offset.TotalMilliseconds + ((random.NextDouble() * 2) - 1) * SpreadMilliseconds));
                var trial = work.Combine($"{workflow}-{i.ToString(CultureInfo.InvariantCulture)}");
                CrashResumeSuite.PrepareTrial(workflow, lab, trial, keys);
                var (killed, first) = await CrashResumeSuite.RunChildAsync(workflow, lab, trial, delay, cancellationToken, CrashResumeSuite.JournalOf(workflow, trial)).ConfigureAwait(false);
                var phase = killed ? CrashResumeSuite.Phase(workflow, trial) : "finished before the kill";
                phases[phase] = phases.GetValueOrDefault(phase) + 1;
                landed += killed ? 1 : 0;
                var finished = (!killed && first.ExitCode == 0) || phase == "after " + WorkflowJournalFiles.RunFinishedEntry;
                var rerun = finished ? first with { ExitCode = 0 } : (await CrashResumeSuite.RunChildAsync(workflow, lab, trial, null, cancellationToken).ConfigureAwait(false)).Result;
                var before = problems.Count;
                var aim = $"{workflow} #{i} aimed at {target.Label} {target.Offset.TotalMilliseconds:0} ms, killed after {delay.TotalMilliseconds:0} ms ({phase})";
                if (rerun.ExitCode == 0)
                {
                    resumed++;
                }
                else
                {
                    problems.Add($"{aim}: the rerun failed ({rerun.ExitCode}): {rerun.Output.Trim()}");
                }

                var damage = workflow == "import"
                    ? await CrashResumeSuite.CheckImportAsync(lab, trial, manifestSha256, cancellationToken).ConfigureAwait(false)
                    : await CrashResumeSuite.CheckExportAsync(lab, trial, keys, cancellationToken).ConfigureAwait(false);
                if (damage is not null)
                {
                    if (damage.StartsWith("leftovers", StringComparison.Ordinal))
                    {
                        leftovers++;
                    }
                    else
                    {
                        corrupt++;
                    }

                    problems.Add($"{aim}: {damage}");
                }

                var running = ProcFs.Mentioning(trial);
                if (running.Count > 0)
                {
                    problems.Add($"{aim}: processes of the trial still run after the rerun: {string.Join(", ", running)}");
                }

                if (problems.Count == before)
                {
                    Directory.Delete(trial, recursive: true);
                }

                if ((i + 1) % 25 == 0)
                {
                    await progress.WriteLineAsync($"  {workflow}: {i + 1} of {count} targeted kills, {problems.Count} problems").ConfigureAwait(false);
                }
            }

            details.Add($"{workflow}: {count} kills aimed at {targets.Count} step boundaries ({string.Join(", ", targets.Select(t => $"{t.Label} {t.Offset.TotalMilliseconds:0} ms"))}) ± {SpreadMilliseconds:0} ms");
            details.Add($"{workflow}: killed during {string.Join(", ", phases.Select(p => $"{p.Key} ×{p.Value}"))}");
        }

        return new SuiteResult(string.Create(CultureInfo.InvariantCulture, $"targeted kills: {total} ({landed} landed), resumed: {resumed}, leftovers: {leftovers}, corrupt: {corrupt}"), problems, details);
    }

    /// <summary>Every journal line of the uninterrupted run, as an offset from its first entry (the parent starts its clock when the journal appears).</summary>
    private static List<(string Label, TimeSpan Offset)> Targets(string journalPath)
    {
        var journal = WorkflowJournal.Peek(journalPath) ?? throw new InvalidOperationException($"the baseline run left no journal at {journalPath}");
        var start = journal.Entries[0].AtUtc;
        return journal.Entries.Select(e => ($"{e.Step} {(e.Event == JournalEvent.Started ? "start" : "end")}", e.AtUtc - start)).ToList();
    }
}
