namespace CMDisconnectedSync.Workflows;

/// <summary>
/// Runs steps in order against a <see cref="WorkflowJournal"/>: steps the journal shows completed are skipped, the
/// others are recorded as started, then completed or failed. An exception (including cancellation) stops the run
/// after it is journaled and propagates unchanged, so the caller reports it and the rerun resumes at that step.
/// </summary>
public static class WorkflowRunner
{
    public static async Task RunAsync(
        WorkflowJournal journal,
        IReadOnlyList<WorkflowStep> steps,
        IProgress<StepReport>? progress,
        CancellationToken cancellationToken)
    {
        _ = journal ?? throw new ArgumentNullException(nameof(journal));
        _ = steps ?? throw new ArgumentNullException(nameof(steps));
        var duplicate = steps.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two workflow steps share the journal name '{duplicate.Key}'.", nameof(steps));
        }

        for (var index = 0; index < steps.Count; index++)
        {
            var step = steps[index];
            if (journal.IsCompleted(step.Name))
            {
                progress?.Report(Report(step, index, steps.Count, StepOutcome.AlreadyDone, journal.CompletionDetailOf(step.Name)));
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            journal.MarkStarted(step.Name);
            progress?.Report(Report(step, index, steps.Count, StepOutcome.Running, null));
            string? detail;
            try
            {
                detail = await step.Action(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                journal.MarkFailed(step.Name, "cancelled");
                progress?.Report(Report(step, index, steps.Count, StepOutcome.Cancelled, null));
                throw;
            }
            catch (Exception ex)
            {
                journal.MarkFailed(step.Name, ex.Message);
                progress?.Report(Report(step, index, steps.Count, StepOutcome.Failed, ex.Message));
                throw;
            }

            journal.MarkCompleted(step.Name, detail);
            progress?.Report(Report(step, index, steps.Count, StepOutcome.Completed, detail));
        }
    }

    private static StepReport Report(WorkflowStep step, int index, int count, StepOutcome outcome, string? detail) =>
        new(index + 1, count, step.Name, step.Title, outcome, detail);
}
