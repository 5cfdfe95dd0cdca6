using CMDisconnectedSync.Harness.Support;
using CMDisconnectedSync.Workflows;

namespace CMDisconnectedSync.Harness.CrashResume;

/// <summary>
/// A deterministic kill point: run the workflow child to the end, cut the journal's last line ("run-finished"), as a
/// kill after every step was recorded leaves it (optionally with the staging folder still there, CUT_WITH_STAGING=1),
/// rerun, and check the same promises as the random kills. Only this cut is faithful: earlier cuts of a finished
/// run's journal describe folders no kill can produce (and the export's run key holds the output path).
/// </summary>
internal static class JournalCutReplay
{
    public static async Task<SuiteResult> RunAsync(string workflow, CancellationToken cancellationToken)
    {
        using var work = new WorkFolder("cut");
        using var keys = new LabKeys();
        var lab = work.Combine("lab");
        var manifestSha256 = await CrashResumeSuite.CreateLabAsync(lab, keys, cancellationToken).ConfigureAwait(false);
        var reference = work.Combine("reference");
        CrashResumeSuite.PrepareTrial(workflow, lab, reference, keys);
        var (_, first) = await CrashResumeSuite.RunChildAsync(workflow, lab, reference, null, cancellationToken).ConfigureAwait(false);
        var journalPath = workflow == "import" ? WorkflowJournalFiles.ImportJournal(Path.Combine(reference, "state")) : WorkflowJournalFiles.ExportJournal(Path.Combine(reference, "chain"));
        var lines = await File.ReadAllLinesAsync(journalPath, cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        if (first.ExitCode != 0)
        {
            problems.Add("the reference run failed: " + first.Output);
        }

        // The one faithful cut: every step done and recorded, killed before "run-finished" reached the journal.
        await File.WriteAllLinesAsync(journalPath, lines.Take(lines.Length - 1), cancellationToken).ConfigureAwait(false);
        var staging = ExportWorkflow.StagingFolderFor(Path.Combine(reference, "bundle"));
        if (workflow == "export" && Environment.GetEnvironmentVariable("CUT_WITH_STAGING") == "1")
        {
            Directory.CreateDirectory(staging);
        }

        var (_, rerun) = await CrashResumeSuite.RunChildAsync(workflow, lab, reference, null, cancellationToken).ConfigureAwait(false);
        var damage = workflow == "import"
            ? await CrashResumeSuite.CheckImportAsync(lab, reference, manifestSha256, cancellationToken).ConfigureAwait(false)
            : await CrashResumeSuite.CheckExportAsync(lab, reference, keys, cancellationToken).ConfigureAwait(false);
        if (rerun.ExitCode != 0 || damage is not null)
        {
            problems.Add($"journal cut before run-finished: rerun exit {rerun.ExitCode} {rerun.Output.Trim()} {damage}");
        }

        return new SuiteResult($"{workflow} killed before run-finished resumed: {(problems.Count == 0 ? 1 : 0)} of 1", problems, []);
    }
}
