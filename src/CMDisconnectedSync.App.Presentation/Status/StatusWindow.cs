using System.Globalization;
using CMDisconnectedSync.App.Presentation.Logs;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Progress;

namespace CMDisconnectedSync.App.Presentation.Status;

/// <summary>One row of the recent-runs list.</summary>
public sealed record RunRow(string When, string Kind, string Sequence, string Outcome, string Detail, string LogPath)
{
    /// <summary>The bundle the run read or wrote ("–" when not recorded).</summary>
    public string Bundle { get; init; } = "–";

    /// <summary>Where a run that did not finish stopped (step title); empty otherwise.</summary>
    public string StoppedAt { get; init; } = string.Empty;

    /// <summary>The run's kind and bundle, for Resume; null when it cannot be resumed from here.</summary>
    public RunRecord? Resumable { get; init; }

    /// <summary>
    /// The selected run in full, for the box under the list: its columns cut a bundle path, a step title or an error
    /// message to their width.
    /// </summary>
    public string Summary
    {
        get
        {
            var lines = new List<string>
            {
                $"{Kind}{(Sequence == "–" ? string.Empty : " of sequence " + Sequence)}, started {When}: {Outcome}.",
                "Bundle: " + Bundle,
            };
            if (StoppedAt.Length > 0)
            {
                lines.Add("Stopped at: " + StoppedAt);
            }

            // What to do before the error, which can run to many lines.
            if (Resumable is not null)
            {
                lines.Add("Select Resume… to continue from that step; the steps that finished are not done again.");
            }

            if (Detail.Length > 0)
            {
                lines.Add(Detail);
            }

            lines.Add("Log: " + LogPath);
            return string.Join(Environment.NewLine, lines);
        }
    }
}

/// <summary>One row of the per-SUP sync list.</summary>
public sealed record SupRow(string Server, string SiteCode, string State, string StateTime, string LastSuccess);

/// <summary>The Status window: last sequences, last sync per SUP, recent runs with their logs, and "Check this server".</summary>
public sealed class StatusWindow : ObservablePresenter
{
    private readonly IDisconnectedSyncOperations _operations;
    private readonly SiteTarget _site;
    private readonly LogViewer _logViewer;
    private readonly ServerCheckWindow _serverCheck;
    private readonly TimeProvider _clock;
    private SyncStatusReport? _report;

    /// <param name="operations">Reads the status.</param>
    /// <param name="site">The site it is read for.</param>
    /// <param name="logViewer">Opens a run's log.</param>
    /// <param name="serverCheck">"Check this server".</param>
    /// <param name="clock">Its time zone formats every date (one format, with the zone).</param>
    public StatusWindow(IDisconnectedSyncOperations operations, SiteTarget site, LogViewer logViewer, ServerCheckWindow serverCheck, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _operations = operations ?? throw new ArgumentNullException(nameof(operations));
        _site = site ?? throw new ArgumentNullException(nameof(site));
        _logViewer = logViewer ?? throw new ArgumentNullException(nameof(logViewer));
        _serverCheck = serverCheck ?? throw new ArgumentNullException(nameof(serverCheck));
    }

    public string Title => $"CMDisconnectedSync status: {_site.Describe()}";

    public bool IsLoading { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Why the sync state per software update point is missing (the rest of the status is still shown); null when read.</summary>
    public string? SupProblem { get; private set; }

    public string LastExportText { get; private set; } = string.Empty;

    public string LastImportText { get; private set; } = string.Empty;

    public IReadOnlyList<SupRow> Sups { get; private set; } = [];

    public IReadOnlyList<RunRow> Runs { get; private set; } = [];

    /// <summary>
    /// The side this server most likely is, from its history: one that has exported and never imported is the
    /// internet-facing export server; any other (importing, or new) is checked as the disconnected import server.
    /// </summary>
    public ServerSide SuggestedSide =>
        _report is { LastImportSequence: null, LastExportSequence: not null } ? ServerSide.Export : ServerSide.Import;

    /// <summary>
    /// "Check this server": the check window, its side set to <see cref="SuggestedSide"/> until a check has run (after
    /// that it keeps the admin's choice and result).
    /// </summary>
    public ServerCheckWindow OpenServerCheck()
    {
        if (_serverCheck.Report is null && !_serverCheck.IsRunning)
        {
            _serverCheck.Side = SuggestedSide;
        }

        return _serverCheck;
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        IsLoading = true;
        Error = null;
        SupProblem = null;
        RaiseChanged();
        Error = await FailureOfAsync(async () =>
        {
            var report = await _operations.GetStatusAsync(_site, cancellationToken);
            _report = report;
            LastExportText = report.LastExportSequence is { } e ? e.ToString(CultureInfo.CurrentCulture) : "none yet";
            LastImportText = report.LastImportSequence is { } i ? i.ToString(CultureInfo.CurrentCulture) : "none yet";
            SupProblem = report.SupStatesProblem is { } problem ? "Sync state per software update point not available: " + problem : null;
            Sups = report.SupStates.Select(s => new SupRow(s.WsusServerName, s.SiteCode, s.Describe(), Time(s.StateTime, _clock), Time(s.LastSuccessfulSyncTime, _clock))).ToList();
            Runs = report.RecentRuns.OrderByDescending(r => r.StartedAtUtc).Select(r => ToRow(r, _clock)).ToList();
        }, "Refresh was cancelled.");

        IsLoading = false;
        RaiseChanged();
    }

    /// <summary>Opens a run's log in CMTrace (or Notepad); a missing log becomes <see cref="Error"/>.</summary>
    public void OpenLog(RunRow run)
    {
        _ = run ?? throw new ArgumentNullException(nameof(run));
        try
        {
            _logViewer.Open(run.LogPath);
            Error = null;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            Error = ex.Message;
        }

        RaiseChanged();
    }

    /// <summary>
    /// "Resume" on a cancelled, failed or unfinished run whose bundle is known: the wizard it opens runs the same bundle
    /// again, and the journal skips what finished. Null when the row cannot be resumed from here.
    /// </summary>
    public static RunRecord? ResumeTarget(RunRow? row) => row?.Resumable;

    private static RunRow ToRow(RunRecord run, TimeProvider clock) => new(
        Time(run.StartedAtUtc, clock),
        run.Kind.ToString(),
        run.Sequence is { } s ? s.ToString(CultureInfo.CurrentCulture) : "–",
        run.Outcome switch
        {
            RunOutcome.Unfinished => "Unfinished (resumes on next run)",
            RunOutcome.Cancelled => "Cancelled",
            RunOutcome.Failed => "Failed",
            _ => run.Outcome.ToString(),
        },
        run.Detail ?? string.Empty,
        run.LogPath)
    {
        Bundle = run.BundlePath ?? "–",
        StoppedAt = run.StoppedAtStep ?? string.Empty,
        Resumable = run.Outcome != RunOutcome.Succeeded && run.BundlePath is not null ? run : null,
    };

    private static string Time(DateTimeOffset? utc, TimeProvider clock) =>
        utc is { } t ? DisplayFormat.Time(t, clock) : "never";
}
