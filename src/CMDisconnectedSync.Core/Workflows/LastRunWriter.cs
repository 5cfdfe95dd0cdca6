using Serilog;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// Keeps a workflow's <see cref="LastRunRecord"/>: "running" once the run holds its state folder, then how it ended.
/// A record that cannot be written is a warning in the log, never a reason to stop the run.
/// </summary>
internal sealed class LastRunWriter(
    string stateFolder, string workflow, string bundleFolder, TimeProvider clock, ILogger logger, IReadOnlyList<(string Name, string Title)> steps)
{
    private DateTimeOffset? _started;
    private byte[]? _previous;

    public Task StartedAsync()
    {
        _started = clock.GetUtcNow();
        var path = LastRunRecord.PathFor(stateFolder, workflow);
        _previous = File.Exists(path) ? File.ReadAllBytes(path) : null;
        return WriteAsync(LastRunOutcome.Running, null, null);
    }

    /// <summary>
    /// For a rerun of a run that already finished (nothing to do): puts the previous record back, so the state folder
    /// is exactly as the finished run left it and the status keeps naming that run.
    /// </summary>
    public async Task RestoreAsync()
    {
        if (_started is null)
        {
            return;
        }

        var path = LastRunRecord.PathFor(stateFolder, workflow);
        try
        {
            if (_previous is null)
            {
                File.Delete(path);
            }
            else
            {
                await IO.AtomicFile.WriteAllBytesAsync(path, _previous, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.Warning(ex, "Could not restore the last {Workflow} run record in {StateFolder}: {Message}", workflow, stateFolder, ex.Message);
        }
    }

    /// <summary>Records the end; nothing when the run stopped before it held the state folder (nothing was started there).</summary>
    public Task EndedAsync(LastRunOutcome outcome, string? step, string? message) =>
        _started is null ? Task.CompletedTask : WriteAsync(outcome, step, message);

    private async Task WriteAsync(LastRunOutcome outcome, string? step, string? message)
    {
        var title = step is null ? null : steps.FirstOrDefault(s => s.Name == step).Title ?? step;
        try
        {
            await new LastRunRecord(workflow, bundleFolder, _started!.Value, clock.GetUtcNow(), outcome, step, title, message)
                .WriteAsync(stateFolder, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.Warning(ex, "Could not record the last {Workflow} run in {StateFolder}: {Message}", workflow, stateFolder, ex.Message);
        }
    }
}
