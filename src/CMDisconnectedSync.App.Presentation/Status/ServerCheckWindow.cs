using System.Globalization;
using System.Text;
using CMDisconnectedSync.App.Presentation.Host;
using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Presentation.Status;

/// <summary>One row of the server check list.</summary>
/// <param name="Status">The verdict as the admin reads it ("Confirmed", "Differs", "Missing", "Not applicable", "Access denied").</param>
/// <param name="Area">WSUS, Console, SMS Provider…</param>
/// <param name="Check">The assumption checked.</param>
/// <param name="Found">What this server shows.</param>
/// <param name="NeedsAttention">Differs, Missing or Access denied: the view highlights it.</param>
/// <param name="Finding">The whole finding, for the details pane.</param>
public sealed record ServerCheckRow(string Status, string Area, string Check, string Found, bool NeedsAttention, ServerFinding Finding);

/// <summary>
/// "Check this server" from the Status window: runs the doctor's read-only checks on this machine as the import or
/// export server of the site, lists every finding (problems first in the summary), explains the selected one (found,
/// expected, source, what to do), and saves the JSON report for a support request or copies the text report.
/// </summary>
public sealed class ServerCheckWindow : ObservablePresenter
{
    private readonly IServerCheck _check;
    private readonly SiteTarget? _site;
    private readonly ITextFileWriter _files;
    private ServerSide _side = ServerSide.Import;

    /// <param name="check">Runs the doctor's checks.</param>
    /// <param name="site">
    /// The site this server belongs to; null when none is known (an export WSUS server outside the hierarchy, opened
    /// from the home window): the checks that need an SMS Provider then say so instead of asking for one.
    /// </param>
    /// <param name="files">Saves the report.</param>
    public ServerCheckWindow(IServerCheck check, SiteTarget? site, ITextFileWriter files)
    {
        _check = check ?? throw new ArgumentNullException(nameof(check));
        _site = site;
        _files = files ?? throw new ArgumentNullException(nameof(files));
        _side = site is null ? ServerSide.Export : ServerSide.Import;
    }

    public string Title => _site is null ? "Check this server" : $"Check this server for {_site.Describe()}";

    /// <summary>What the window checks, in one sentence above the list.</summary>
    public string Intro =>
        $"Checks this computer, as the {DescribeSide(Side)}{(_site is null ? string.Empty : " of " + _site.Describe())}, against everything CMDisconnectedSync relies on: "
        + "WSUS, the content volume, the ConfigMgr console and SDK, console node GUIDs, SMS Provider rights and sync state. "
        + "Read-only: nothing is changed.";

    /// <summary>Which end this server is; changing it clears the previous result (the expectations differ).</summary>
    public ServerSide Side
    {
        get => _side;
        set
        {
            if (_side == value)
            {
                return;
            }

            _side = value;
            Report = null;
            Rows = [];
            Summary = string.Empty;
            Notice = null;
            RaiseChanged();
        }
    }

    public bool IsRunning { get; private set; }

    public bool CanRun => !IsRunning;

    public string? Error { get; private set; }

    /// <summary>The outcome of the last save or copy, e.g. "Report saved to …".</summary>
    public string? Notice { get; private set; }

    public ServerCheckReport? Report { get; private set; }

    public IReadOnlyList<ServerCheckRow> Rows { get; private set; } = [];

    /// <summary>The verdict and the counts, e.g. "2 findings need attention … 14 checks: 12 confirmed, 1 differs…".</summary>
    public string Summary { get; private set; } = string.Empty;

    public bool CanSave => !IsRunning && Report is not null;

    /// <summary>The file name the Save dialog proposes: machine, side and time, so reports from several servers do not collide.</summary>
    public string SuggestedFileName => Report is { } report
        ? string.Format(CultureInfo.InvariantCulture, "cmdsync-doctor-{0}-{1}-{2:yyyyMMdd-HHmmss}.json",
            report.Machine, report.Side.ToString().ToLowerInvariant(), report.CreatedUtc)
        : "cmdsync-doctor.json";

    /// <summary>The plain-text report (what <c>cmdsync doctor</c> prints), for the clipboard; empty before a run.</summary>
    public string TextReport => Report?.TextReport ?? string.Empty;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        IsRunning = true;
        Error = null;
        Notice = null;
        RaiseChanged();
        Error = await FailureOfAsync(async () =>
        {
            var report = await _check.CheckAsync(Side, _site, cancellationToken);
            Report = report;
            Rows = report.Findings.Select(ToRow).ToList();
            Summary = Summarize(report);
        }, "The check was cancelled.");

        IsRunning = false;
        RaiseChanged();
    }

    /// <summary>The selected finding in full, for the details pane.</summary>
    public static string Describe(ServerCheckRow row)
    {
        _ = row ?? throw new ArgumentNullException(nameof(row));
        var finding = row.Finding;
        var text = new StringBuilder()
            .Append(finding.Id).Append(": ").AppendLine(finding.Assumption)
            .Append("Status: ").AppendLine(row.Status)
            .Append("Found: ").AppendLine(finding.Found)
            .Append("Expected: ").AppendLine(finding.Expected)
            .Append("Source: ").AppendLine(finding.Source);
        if (finding.Detail.Length > 0)
        {
            text.Append(finding.Status == FindingStatus.Confirmed ? "Note: " : "What now: ").AppendLine(finding.Detail);
        }

        return text.ToString();
    }

    /// <summary>Saves the JSON report; a refused path becomes <see cref="Error"/> naming the file and the fix.</summary>
    public void SaveReport(string path)
    {
        _ = path ?? throw new ArgumentNullException(nameof(path));
        if (Report is not { } report)
        {
            throw new InvalidOperationException("Run the check before saving its report.");
        }

        try
        {
            _files.Write(path, report.JsonReport + Environment.NewLine);
            Error = null;
            Notice = $"Report saved to {path}. Attach it to a support request as it is.";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Notice = null;
            Error = $"Cannot save the report to {path}: {ex.Message} Choose a folder you can write to.";
        }

        RaiseChanged();
    }

    /// <summary>Records that the text report went to the clipboard (the view does the copying).</summary>
    public void ReportCopied()
    {
        Notice = "Report copied as text.";
        RaiseChanged();
    }

    private static ServerCheckRow ToRow(ServerFinding finding) => new(
        DescribeStatus(finding.Status),
        finding.Area,
        finding.Assumption,
        OneLine(finding.Found),
        finding.Status is FindingStatus.Differs or FindingStatus.Missing or FindingStatus.AccessDenied,
        finding);

    private static string Summarize(ServerCheckReport report)
    {
        int Count(FindingStatus status) => report.Findings.Count(f => f.Status == status);
        var attention = report.Findings.Count(f => f.Status is FindingStatus.Differs or FindingStatus.Missing or FindingStatus.AccessDenied);
        var verdict = attention == 0
            ? $"Everything CMDisconnectedSync relies on is as expected on {report.Machine}."
            : string.Format(CultureInfo.CurrentCulture,
                "{0} {1} attention on {2}: select a row to see what was found, what was expected and what to do.",
                attention, attention == 1 ? "finding needs" : "findings need", report.Machine);
        var counts = string.Format(CultureInfo.CurrentCulture,
            "{0} checks: {1} confirmed, {2} differ, {3} missing, {4} not applicable, {5} access denied.",
            report.Findings.Count, Count(FindingStatus.Confirmed), Count(FindingStatus.Differs), Count(FindingStatus.Missing),
            Count(FindingStatus.NotApplicable), Count(FindingStatus.AccessDenied));
        return verdict + " " + counts;
    }

    private static string DescribeStatus(FindingStatus status) => status switch
    {
        FindingStatus.NotApplicable => "Not applicable",
        FindingStatus.AccessDenied => "Access denied",
        _ => status.ToString(),
    };

    private static string DescribeSide(ServerSide side) =>
        side == ServerSide.Import ? "disconnected (import) server" : "internet-facing (export) server";

    private static string OneLine(string value) => value.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
}
