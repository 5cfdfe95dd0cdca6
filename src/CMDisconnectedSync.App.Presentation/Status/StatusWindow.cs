using System.Globalization;
using CMDisconnectedSync.App.Presentation.Logs;
using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Presentation.Status;

/// <summary>One row of the recent-runs list.</summary>
public sealed record RunRow(string When, string Kind, string Sequence, string Outcome, string Detail, string LogPath);

/// <summary>One row of the per-SUP sync list.</summary>
public sealed record SupRow(string Server, string SiteCode, string State, string StateTime, string LastSuccess);

/// <summary>The Status window: last sequences, last sync per SUP, recent runs with their logs, and "Check this server".</summary>
public sealed class StatusWindow : ObservablePresenter
{
    private readonly IDisconnectedSyncOperations _operations;
    private readonly SiteTarget _site;
    private readonly LogViewer _logViewer;
    private readonly ServerCheckWindow _serverCheck;
    private SyncStatusReport? _report;

    public StatusWindow(IDisconnectedSyncOperations operations, SiteTarget site, LogViewer logViewer, ServerCheckWindow serverCheck)
    {
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
            Sups = report.SupStates.Select(s => new SupRow(s.WsusServerName, s.SiteCode, s.Describe(), Time(s.StateTime), Time(s.LastSuccessfulSyncTime))).ToList();
            Runs = report.RecentRuns.OrderByDescending(r => r.StartedAtUtc).Select(ToRow).ToList();
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

    private static RunRow ToRow(RunRecord run) => new(
        Time(run.StartedAtUtc),
        run.Kind.ToString(),
        run.Sequence is { } s ? s.ToString(CultureInfo.CurrentCulture) : "–",
        run.Outcome == RunOutcome.Unfinished ? "Unfinished (resumes on next run)" : run.Outcome.ToString(),
        run.Detail ?? string.Empty,
        run.LogPath);

    private static string Time(DateTimeOffset? utc) =>
        utc is { } t ? t.ToLocalTime().ToString("g", CultureInfo.CurrentCulture) : "never";
}
