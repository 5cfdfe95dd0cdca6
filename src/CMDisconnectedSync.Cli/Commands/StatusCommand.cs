using System.CommandLine;
using System.Text;
using CMDisconnectedSync.Cli.Workflows;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Workflows;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary><c>cmdsync status</c>: last export and import sequence, and the journal of the last runs (unfinished → resume hint).</summary>
public static class StatusCommand
{
    public static Command Create(WorkflowVerbSupport support)
    {
        _ = support ?? throw new ArgumentNullException(nameof(support));
        var state = new Option<DirectoryInfo>("--state")
        {
            Description = "The state folder given to export/import.",
            DefaultValueFactory = _ => new DirectoryInfo(StateFolderOption.DefaultPath),
        };
        var command = new Command("status",
            "Show where this server stands: the last exported sequence (export server), the last accepted sequence and rollback overrides "
            + "(disconnected server), and the journal of the last export and import runs. An unfinished run is named with the step it "
            + "stopped at: rerun the same export/import command to resume it. Changes nothing.\n"
            + "Examples:\n"
            + "  cmdsync status\n"
            + "  cmdsync status --state D:\\CMDisconnectedSync\\State --json")
        {
            state,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = support.Contexts.Create(parseResult);
            var folder = parseResult.GetRequiredValue(state).FullName;
            try
            {
                var chain = await new ExportChainStore(folder, context.StateFolders).LoadAsync(cancellationToken).ConfigureAwait(false);
                var accepted = await new DisconnectedStateStore(folder, support.Host.Clock, context.StateFolders).LoadAcceptedAsync(cancellationToken).ConfigureAwait(false);
                var runs = new[]
                {
                    Describe("export", WorkflowJournal.Peek(WorkflowJournalFiles.ExportJournal(folder)), LastRunRecord.Read(folder, WorkflowJournalFiles.ExportWorkflowName)),
                    Describe("import", WorkflowJournal.Peek(WorkflowJournalFiles.ImportJournal(folder)), LastRunRecord.Read(folder, WorkflowJournalFiles.ImportWorkflowName)),
                };
                if (context.Json)
                {
                    // Runs never started are left out: the array holds no null entries for a script to trip over.
                    await context.Output.WriteLineAsync(WorkflowVerbSupport.ToJson(new
                    {
                        result = "status",
                        exitCode = ExitCodes.Success,
                        stateFolder = folder,
                        lastExportSequence = chain?.LastSequence,
                        lastAccepted = accepted.LastAccepted,
                        rollbackOverrides = accepted.RollbackOverrides,
                        runs = runs.Where(r => r is not null).ToList(),
                        log = context.LogPath,
                    })).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                var text = new StringBuilder();
                text.AppendLine("State folder   " + folder);
                text.AppendLine("Last export    " + (chain is null ? "none" : FormattableString.Invariant($"sequence {chain.LastSequence}")));
                text.AppendLine("Last import    " + (accepted.LastAccepted is { } a
                    ? FormattableString.Invariant($"sequence {a.Sequence} (bundle {a.BundleId}), accepted {a.AcceptedAtUtc:yyyy-MM-dd HH:mm:ss} UTC")
                    : "none"));
                if (accepted.RollbackOverrides.Count > 0)
                {
                    var last = accepted.RollbackOverrides[accepted.RollbackOverrides.Count - 1];
                    text.AppendLine(FormattableString.Invariant($"Rollbacks      {accepted.RollbackOverrides.Count}, last {last.FromSequence} -> {last.ToSequence}: {last.Reason}"));
                }

                foreach (var run in runs.Where(r => r is not null))
                {
                    text.AppendLine(FormattableString.Invariant($"Last {run!.Workflow,-6}    {run.Summary}"));
                }

                await context.Output.WriteAsync(text.ToString()).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is StateFileException or JournalCorruptException)
            {
                return context.Fail(ExitCodes.StateUnreadable, ex.Message, ex);
            }
        });
        return command;
    }

    /// <summary>One run in the admin's words, named by its bundle folder (the journal's run key is kept for scripts).</summary>
    public sealed record RunStatus(
        string Workflow, string? Bundle, string? RunKey, string Outcome, bool Finished, string? LastStep, string? LastEvent, DateTimeOffset? LastActivityUtc, string Summary, string? JournalPath);

    /// <summary>
    /// The last run of <paramref name="workflow"/> from its journal and its <see cref="LastRunRecord"/> (which names the
    /// bundle and also covers a run that stopped before its journal opened, e.g. cancelled during verification).
    /// </summary>
    internal static RunStatus? Describe(string workflow, JournalSnapshot? journal, LastRunRecord? record = null)
    {
        // The record describes the journal's run unless the journal was written after it (a run by an older cmdsync).
        if (record is not null && (journal is null || journal.LastActivityUtc is not { } activity || record.UpdatedAtUtc >= activity))
        {
            return FromRecord(workflow, journal, record);
        }

        if (journal is null)
        {
            return null;
        }

        var last = journal.Entries.LastOrDefault(e => e.Step != WorkflowJournalFiles.RunFinishedEntry);
        string summary;
        if (journal.IsFinished)
        {
            summary = FormattableString.Invariant($"finished {journal.LastActivityUtc:yyyy-MM-dd HH:mm:ss} UTC");
        }
        else
        {
            var where = last is null ? "before its first step" : $"at step '{last.Step}' ({last.Event}{(last.Detail is null || last.Event == JournalEvent.Completed ? string.Empty : ": " + last.Detail)})";
            summary = FormattableString.Invariant($"UNFINISHED: stopped {where} at {journal.LastActivityUtc:yyyy-MM-dd HH:mm:ss} UTC. Rerun the same {workflow} command to resume.");
        }

        return new RunStatus(workflow, null, journal.RunKey, journal.IsFinished ? "finished" : "unfinished", journal.IsFinished, last?.Step, last?.Event.ToString(),
            journal.LastActivityUtc, summary, journal.FilePath);
    }

    private static RunStatus FromRecord(string workflow, JournalSnapshot? journal, LastRunRecord record)
    {
        var step = record.StepTitle is null ? string.Empty : $" at step '{record.StepTitle}'";
        var summary = record.Outcome switch
        {
            LastRunOutcome.Finished => FormattableString.Invariant($"{record.BundleFolder}: finished {record.UpdatedAtUtc:yyyy-MM-dd HH:mm:ss} UTC"),
            LastRunOutcome.Running => FormattableString.Invariant(
                $"{record.BundleFolder}: UNFINISHED, started {record.StartedAtUtc:yyyy-MM-dd HH:mm:ss} UTC and never ended (still running, or stopped by a crash or reboot). Rerun the same {workflow} command to resume."),
            _ => FormattableString.Invariant(
                $"{record.BundleFolder}: UNFINISHED, {(record.Outcome == LastRunOutcome.Cancelled ? "cancelled" : "failed")}{step} at {record.UpdatedAtUtc:yyyy-MM-dd HH:mm:ss} UTC{(record.Message is null ? "." : ": " + record.Message)} Rerun the same {workflow} command to resume."),
        };
        var finished = record.Outcome == LastRunOutcome.Finished;
        return new RunStatus(workflow, record.BundleFolder, journal?.RunKey, record.Outcome.ToString().ToLowerInvariant(), finished, record.Step,
            journal?.LastEntry?.Event.ToString(), record.UpdatedAtUtc, summary, journal?.FilePath);
    }
}
