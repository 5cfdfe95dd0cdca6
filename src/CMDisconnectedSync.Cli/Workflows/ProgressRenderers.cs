using System.Globalization;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Progress;
using CMDisconnectedSync.Workflows;
using Spectre.Console;

namespace CMDisconnectedSync.Cli.Workflows;

/// <summary>Shows a workflow's progress while it runs: Spectre.Console bars, plain lines, or nothing (<c>--json</c>).</summary>
public interface IProgressRenderer
{
    Task<T> RunAsync<T>(Func<WorkflowProgress, Task<T>> work);
}

/// <summary>Picks the renderer for an invocation.</summary>
public static class ProgressRenderers
{
    /// <param name="json">--json: the console carries only the JSON result.</param>
    /// <param name="output">Where plain progress lines go.</param>
    /// <param name="interactive">A person watches a real console (not redirected): draw bars.</param>
    /// <param name="clock">Times the rate and ETA.</param>
    public static IProgressRenderer Create(bool json, TextWriter output, bool interactive, TimeProvider clock) =>
        json ? new SilentProgress()
        : interactive ? new SpectreProgress(AnsiConsole.Console)
        : new PlainProgressLines(output, clock);
}

/// <summary>No progress output (--json).</summary>
public sealed class SilentProgress : IProgressRenderer
{
    public Task<T> RunAsync<T>(Func<WorkflowProgress, Task<T>> work) => (work ?? throw new ArgumentNullException(nameof(work)))(WorkflowProgress.None);
}

/// <summary>
/// One line per step start and end, and at most one transfer line per second while a step moves bytes:
/// <c>[3/6] Copy content into WsusContent  1.2 GiB / 3.4 GiB  112 MiB/s  ETA 00:00:21</c>. For redirected output
/// (scheduled tasks, logs). Thread-safe: the copy reports from several workers.
/// </summary>
public sealed class PlainProgressLines(TextWriter output, TimeProvider clock) : IProgressRenderer
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly object _gate = new();
    private readonly TransferRateMeter _meter = new(clock);
    private StepReport? _current;
    private long _lastLineTicks;

    public Task<T> RunAsync<T>(Func<WorkflowProgress, Task<T>> work) =>
        (work ?? throw new ArgumentNullException(nameof(work)))(new WorkflowProgress(
            new Sink<StepReport>(OnStep), new Sink<TransferProgress>(OnTransfer), new Sink<SyncProgress>(OnSync)));

    internal void OnStep(StepReport step)
    {
        lock (_gate)
        {
            _current = step;
            _meter.Reset();
            var what = step.Outcome switch
            {
                StepOutcome.Running => "...",
                StepOutcome.Completed => "done" + (step.Detail is null ? string.Empty : ": " + step.Detail),
                StepOutcome.AlreadyDone => "already done in an earlier run",
                StepOutcome.Cancelled => "cancelled",
                // The reason is not repeated here: the verb prints the failure once, in full, right after (or as --json).
                _ => "FAILED (the reason follows)",
            };
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "[{0}/{1}] {2}  {3}", step.Index, step.Count, step.Title, what));
            _lastLineTicks = clock.GetTimestamp();
        }
    }

    internal void OnTransfer(TransferProgress transfer)
    {
        lock (_gate)
        {
            var rate = _meter.Sample(transfer.BytesDone, transfer.BytesTotal);
            var now = clock.GetTimestamp();
            var finished = transfer.BytesDone >= transfer.BytesTotal && transfer.FilesDone >= transfer.FilesTotal;
            if (!finished && clock.GetElapsedTime(_lastLineTicks, now) < Interval)
            {
                return;
            }

            _lastLineTicks = now;
            output.WriteLine(TransferLine(_current, transfer, rate));
        }
    }

    internal static string TransferLine(StepReport? step, TransferProgress transfer, TransferRate rate)
    {
        var prefix = step is null ? string.Empty : string.Format(CultureInfo.InvariantCulture, "[{0}/{1}] {2}  ", step.Index, step.Count, step.Title);
        var eta = rate.Remaining is { } left ? "  ETA " + left.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : string.Empty;
        return string.Format(CultureInfo.InvariantCulture, "{0}{1} / {2}  {3}/{4} files  {5}/s{6}",
            prefix, VolumeSize.Format(transfer.BytesDone), VolumeSize.Format(transfer.BytesTotal), transfer.FilesDone, transfer.FilesTotal,
            VolumeSize.Format((long)rate.BytesPerSecond), eta);
    }

    private void OnSync(SyncProgress sync)
    {
        lock (_gate)
        {
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "[{0}/{1}] {2}  {3}", _current?.Index, _current?.Count, _current?.Title, DescribeWait(sync)));
        }
    }

    /// <summary>The ConfigMgr sync wait as both renderers show it: <c>waiting 00:02:13: state 6704</c>.</summary>
    internal static string DescribeWait(SyncProgress sync)
    {
        var state = sync.Status is null ? "no status yet" : $"state {sync.Status.StateMessageId}{(sync.IsAfterTrigger ? string.Empty : " (before our trigger)")}";
        return string.Format(CultureInfo.InvariantCulture, "waiting {0:hh\\:mm\\:ss}: {1}", sync.Elapsed, state);
    }
}

/// <summary>
/// Spectre.Console progress bars for a person at an interactive console: one bar per step with bytes, rate and ETA,
/// and while ConfigMgr synchronizes, how long we have waited and the software update point's last state.
/// </summary>
public sealed class SpectreProgress(IAnsiConsole console) : IProgressRenderer
{
    public async Task<T> RunAsync<T>(Func<WorkflowProgress, Task<T>> work)
    {
        _ = work ?? throw new ArgumentNullException(nameof(work));
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bars = new Bars(context);
                return await work(new WorkflowProgress(
                    new Sink<StepReport>(bars.OnStep), new Sink<TransferProgress>(bars.OnTransfer), new Sink<SyncProgress>(bars.OnSync))).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private sealed class Bars(ProgressContext context)
    {
        private readonly object _gate = new();
        private ProgressTask? _current;
        private string _currentTitle = string.Empty;

        public void OnStep(StepReport step)
        {
            lock (_gate)
            {
                var title = Markup.Escape(string.Format(CultureInfo.InvariantCulture, "[{0}/{1}] {2}", step.Index, step.Count, step.Title));
                if (step.Outcome == StepOutcome.Running)
                {
                    _current = context.AddTask(title, maxValue: 1);
                    _current.IsIndeterminate = true;
                    _currentTitle = title;
                    return;
                }

                var task = _current ?? context.AddTask(title, maxValue: 1);
                task.IsIndeterminate = false;
                task.Description = step.Outcome switch
                {
                    StepOutcome.Completed => title,
                    StepOutcome.AlreadyDone => title + " [grey](already done)[/]",
                    StepOutcome.Cancelled => title + " [yellow](cancelled)[/]",
                    _ => title + " [red](failed)[/]",
                };
                if (step.Outcome is StepOutcome.Completed or StepOutcome.AlreadyDone)
                {
                    task.Value = task.MaxValue;
                }

                task.StopTask();
                _current = null;
            }
        }

        public void OnTransfer(TransferProgress transfer)
        {
            lock (_gate)
            {
                if (_current is null || transfer.BytesTotal <= 0)
                {
                    return;
                }

                _current.IsIndeterminate = false;
                _current.MaxValue = transfer.BytesTotal;
                _current.Value = transfer.BytesDone;
            }
        }

        /// <summary>The sync wait has no bytes: the step's description says how long and in which state, like the plain lines.</summary>
        public void OnSync(SyncProgress sync)
        {
            lock (_gate)
            {
                if (_current is null)
                {
                    return;
                }

                _current.Description = _currentTitle + "  " + Markup.Escape(PlainProgressLines.DescribeWait(sync));
            }
        }
    }
}

/// <summary>An <see cref="IProgress{T}"/> that calls back on the reporting thread (the renderers lock themselves).</summary>
internal sealed class Sink<T>(Action<T> onReport) : IProgress<T>
{
    public void Report(T value) => onReport(value);
}
