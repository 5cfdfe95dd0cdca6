using System.Globalization;
using CMDisconnectedSync.App.Presentation.Logs;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Progress;
using CMDisconnectedSync.Progress;

namespace CMDisconnectedSync.App.Presentation.Pages;

/// <summary>Where a run stands.</summary>
public enum RunState
{
    NotStarted,
    Running,

    /// <summary>Cancel was requested; the current file finishes, then the run stops.</summary>
    Cancelling,

    /// <summary>Stopped on request; the journal lets the next run resume at the unfinished step.</summary>
    Cancelled,
    Failed,
    Completed,
}

/// <summary>One row of the step list.</summary>
public sealed record StepLine(int Index, string Title, StepState State, string? Detail);

/// <summary>
/// The progress page of both wizards: the step list, overall and per-step progress with bytes, rate and ETA, the live
/// ConfigMgr sync state, and a Cancel that stops safely (the operation journals the step; a later run resumes it).
/// </summary>
public sealed class TransferProgressPage : ObservablePresenter
{
    private readonly TransferRateMeter _meter;
    private readonly TimeProvider _clock;
    private readonly string _workName;
    private readonly List<StepLine> _steps = [];
    private CancellationTokenSource? _cancellation;
    private int _rateStep;

    /// <param name="clock">Drives the rate/ETA meter.</param>
    /// <param name="workName">"Export" or "Import", for messages.</param>
    public TransferProgressPage(TimeProvider clock, string workName)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _meter = new TransferRateMeter(clock);
        _workName = workName;
    }

    /// <summary>The run's log, for "Open log" on a failed or cancelled run; null when the host has none.</summary>
    public RunLog? Log { get; init; }

    /// <summary>
    /// After a failure or cancel: everything the admin (or support) needs in one text, for the scrollable box and
    /// "Copy details": what stopped, at which step, when, the whole message, every step's state, and the log. Empty otherwise.
    /// </summary>
    public string FailureDetails { get; private set; } = string.Empty;

    /// <summary>"Open log" is offered on a failed or cancelled run when there is a log.</summary>
    public bool CanOpenLog => Log is not null && State is RunState.Failed or RunState.Cancelled;

    /// <summary>Why "Open log" could not open it (moved, no viewer); null otherwise.</summary>
    public string? LogError { get; private set; }

    public void OpenLog()
    {
        if (!CanOpenLog)
        {
            return;
        }

        LogError = Log!.TryOpen();
        RaiseChanged();
    }

    public RunState State { get; private set; } = RunState.NotStarted;

    public IReadOnlyList<StepLine> Steps => _steps;

    public string CurrentStepTitle { get; private set; } = string.Empty;

    /// <summary>0–100 for the current step; null when the step moves no bytes (the view shows a marquee).</summary>
    public int? StepPercent { get; private set; }

    /// <summary>0–100 across all steps.</summary>
    public int OverallPercent { get; private set; }

    /// <summary>"1.2 GB of 3.4 GB (53 of 214 files)" for copy steps; empty otherwise.</summary>
    public string BytesText { get; private set; } = string.Empty;

    public string RateText { get; private set; } = string.Empty;

    public string RemainingText { get; private set; } = string.Empty;

    /// <summary>The live <c>SMS_SUPSyncStatus</c> reading while an import waits for ConfigMgr; empty otherwise.</summary>
    public string SyncText { get; private set; } = string.Empty;

    /// <summary>What the admin should know now: cancel/resume advice or the failure.</summary>
    public string Message { get; private set; } = string.Empty;

    public bool IsActive => State is RunState.Running or RunState.Cancelling;

    /// <summary>True after a cancel or failure: running again resumes at the unfinished step.</summary>
    public bool CanResume => State is RunState.Cancelled or RunState.Failed;

    /// <summary>
    /// Runs <paramref name="work"/> with this page as its progress sink. Returns its result, or null when it was
    /// cancelled or failed (then <see cref="State"/> and <see cref="Message"/> say which and what to do).
    /// </summary>
    public async Task<T?> RunAsync<T>(Func<IProgress<TransferProgress>, CancellationToken, Task<T>> work)
        where T : class
    {
        _ = work ?? throw new ArgumentNullException(nameof(work));
        if (IsActive)
        {
            throw new InvalidOperationException($"The {_workName.ToLowerInvariant()} is already running.");
        }

        var resuming = CanResume;
        using var cancellation = new CancellationTokenSource();
        _cancellation = cancellation;
        State = RunState.Running;
        Message = resuming ? "Resuming: steps that finished before are skipped." : string.Empty;
        FailureDetails = string.Empty;
        LogError = null;
        SyncText = string.Empty;
        _meter.Reset();
        RaiseChanged();

        // Progress<T> posts to the synchronization context of this (UI) thread, so Apply never races the view.
        var progress = new Progress<TransferProgress>(Apply);
        try
        {
            var result = await work(progress, cancellation.Token);
            State = RunState.Completed;
            OverallPercent = 100;
            Message = $"{_workName} finished.";
            return result;
        }
        catch (OperationCanceledException)
        {
            State = RunState.Cancelled;
            Message = $"{_workName} cancelled at \"{CurrentStepTitle}\". Nothing half-written is kept. "
                      + "Select Resume to continue from this step, or close the wizard and resume later.";
            FailureDetails = DescribeStop("cancelled", Message);
            return null;
        }
        catch (Exception ex)
        {
            State = RunState.Failed;
            Message = FailureMessage(ex.Message);
            FailureDetails = DescribeStop("failed", ex.Message);
            return null;
        }
        finally
        {
            _cancellation = null;
            RaiseChanged();
        }
    }

    /// <summary>Asks the running work to stop after the current file. Returns false when nothing is running.</summary>
    public bool RequestCancel()
    {
        if (State != RunState.Running || _cancellation is null)
        {
            return State == RunState.Cancelling;
        }

        State = RunState.Cancelling;
        Message = "Cancelling: the current file is finished and recorded, then the run stops…";
        RaiseChanged();
        _cancellation.Cancel();
        return true;
    }

    /// <summary>Applies one report (called on the UI thread through <see cref="Progress{T}"/>; public for tests).</summary>
    public void Apply(TransferProgress report)
    {
        _ = report ?? throw new ArgumentNullException(nameof(report));
        UpdateStepList(report);
        if (report.State == StepState.Pending)
        {
            // The run's step list, announced before it starts: names the steps, moves nothing.
            RaiseChanged();
            return;
        }

        CurrentStepTitle = report.StepTitle;
        if (report.StepIndex != _rateStep)
        {
            _rateStep = report.StepIndex;
            _meter.Reset();
        }

        var stepFraction = report.State is StepState.Completed or StepState.AlreadyDone ? 1d : 0d;
        if (report.BytesTotal > 0)
        {
            var done = Math.Min(report.BytesDone, report.BytesTotal);
            stepFraction = Math.Max(stepFraction, done / (double)report.BytesTotal);
            StepPercent = (int)(stepFraction * 100);
            BytesText = $"{DisplayFormat.Bytes(done)} of {DisplayFormat.Bytes(report.BytesTotal)}"
                        + (report.FilesTotal > 0
                            ? string.Format(CultureInfo.CurrentCulture, " ({0:N0} of {1:N0} files)", report.FilesDone, report.FilesTotal)
                            : string.Empty);
            var rate = report.State == StepState.Running ? _meter.Sample(done, report.BytesTotal) : null;
            RateText = rate is { BytesPerSecond: > 0 } ? DisplayFormat.Rate(rate.BytesPerSecond) : string.Empty;
            RemainingText = rate?.Remaining is { } left ? DisplayFormat.Duration(left) + " left" : string.Empty;
        }
        else
        {
            StepPercent = stepFraction >= 1 ? 100 : null;
            BytesText = RateText = RemainingText = string.Empty;
        }

        if (report.StepCount > 0)
        {
            var finishedBefore = report.StepIndex - 1;
            OverallPercent = (int)((finishedBefore + stepFraction) * 100 / report.StepCount);
        }

        if (report.SupSync is { } sync)
        {
            var at = sync.StateTime is { } time ? " at " + DisplayFormat.Time(time, _clock) : string.Empty;
            SyncText = $"Software update point {sync.WsusServerName}: {sync.Describe()}{at}";
        }

        RaiseChanged();
    }

    private void UpdateStepList(TransferProgress report)
    {
        // The list is sized by the first report; steps not reported yet are pending.
        while (_steps.Count < report.StepCount)
        {
            _steps.Add(new StepLine(_steps.Count + 1, string.Empty, StepState.Pending, null));
        }

        var position = report.StepIndex - 1;
        if (position >= 0 && position < _steps.Count)
        {
            // A failed step's detail is the whole error, which the message below the list shows in full. A step already
            // done says how when the workflow says it (the hash the Verification page computed in this same run, the
            // files an earlier run copied), so a fresh import does not claim an "earlier run".
            var detail = report.State switch
            {
                StepState.AlreadyDone when !string.IsNullOrWhiteSpace(report.Detail) => "already done: " + DisplayFormat.HumanizeByteCounts(report.Detail),
                StepState.AlreadyDone => "done in an earlier run",
                StepState.Failed => "failed: the message below says why",
                _ => DisplayFormat.HumanizeByteCounts(report.Detail),
            };
            _steps[position] = new StepLine(report.StepIndex, report.StepTitle, report.State, detail);
        }
    }

    /// <summary>
    /// A failure as the page shows it: first the step it stopped at and what to do in this wizard (the error itself may
    /// speak for the command line: "rerun the same command"), then the whole error.
    /// </summary>
    private string FailureMessage(string error)
    {
        var stopped = StoppedStep();
        var where = stopped is null
            ? $"{_workName} failed."
            : string.Format(CultureInfo.CurrentCulture, "{0} failed at step {1} of {2}, \"{3}\".", _workName, stopped.Index, _steps.Count, stopped.Title);
        return where + " Fix the cause below, then select Resume: the steps that finished are not done again."
               + Environment.NewLine + Environment.NewLine + error;
    }

    private StepLine? StoppedStep() => _steps.FirstOrDefault(s => s.State is StepState.Failed or StepState.Cancelled or StepState.Running);

    private string DescribeStop(string how, string cause)
    {
        var stopped = StoppedStep();
        var lines = new List<string>
        {
            stopped is null
                ? $"{_workName} {how} on {DisplayFormat.Time(_clock.GetUtcNow(), _clock)}."
                : string.Format(CultureInfo.CurrentCulture, "{0} {1} at step {2} of {3}, \"{4}\", on {5}.", _workName, how, stopped.Index, _steps.Count, stopped.Title, DisplayFormat.Time(_clock.GetUtcNow(), _clock)),
            string.Empty,
            cause,
            string.Empty,
            "Steps:",
        };
        lines.AddRange(_steps.Select(s => string.Format(CultureInfo.CurrentCulture, "  {0}. {1}: {2}{3}", s.Index, s.Title, StateText(s.State), string.IsNullOrEmpty(s.Detail) ? string.Empty : " (" + s.Detail + ")")));
        if (Log is not null)
        {
            lines.Add(string.Empty);
            lines.Add("Log: " + Log.Path);
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string StateText(StepState state) => state switch
    {
        StepState.Pending => "not started",
        StepState.AlreadyDone => "done in an earlier run",
        _ => state.ToString().ToLowerInvariant(),
    };
}
