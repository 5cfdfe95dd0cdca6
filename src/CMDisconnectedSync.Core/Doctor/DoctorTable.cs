using System.Globalization;
using System.Text;

namespace CMDisconnectedSync.Doctor;

/// <summary>
/// The doctor report as plain text for a console or a redirected file: an aligned table of every finding (no colours,
/// no box-drawing characters, so it survives any redirection and code page), then found/expected/source/what-now of
/// every finding that differs, is missing or was refused, then why the not-applicable ones were not checked, then a
/// one-line summary.
/// </summary>
public static class DoctorTable
{
    private const string Gap = "  ";

    public static string Render(DoctorReport report)
    {
        _ = report ?? throw new ArgumentNullException(nameof(report));
        var text = new StringBuilder();
        text.Append(string.Format(CultureInfo.InvariantCulture,
            "cmdsync doctor {0} on {1}, checked as the {2} side, {3:yyyy-MM-dd HH:mm:ss}Z",
            report.ToolVersion, report.Machine, report.Side == DoctorSide.Import ? "import (disconnected)" : "export (internet-facing)", report.CreatedUtc)).AppendLine().AppendLine();

        string[] headers = ["STATUS", "AREA", "CHECK", "FOUND"];
        var rows = report.Findings.Select(f => new[] { f.Status.ToString(), f.Area, f.Assumption, OneLine(f.Found) }).ToList();
        var widths = Enumerable.Range(0, headers.Length - 1)
            .Select(i => rows.Select(r => r[i].Length).Append(headers[i].Length).Max())
            .ToArray();
        AppendRow(text, headers, widths);
        foreach (var row in rows)
        {
            AppendRow(text, row, widths);
        }

        var problems = report.Findings.Where(f => f.Status is not (CheckStatus.Confirmed or CheckStatus.NotApplicable)).ToList();
        if (problems.Count > 0)
        {
            text.AppendLine().AppendLine("To fix:");
            foreach (var finding in problems)
            {
                text.Append("  [").Append(finding.Status).Append("] ").Append(finding.Id).Append(": ").AppendLine(finding.Assumption);
                text.Append("    found:    ").AppendLine(OneLine(finding.Found));
                text.Append("    expected: ").AppendLine(OneLine(finding.Expected));
                text.Append("    source:   ").AppendLine(OneLine(finding.Source));
                if (finding.Detail.Length > 0)
                {
                    text.Append("    what now: ").AppendLine(OneLine(finding.Detail));
                }
            }
        }

        var notChecked = report.Findings.Where(f => f.Status == CheckStatus.NotApplicable).ToList();
        if (notChecked.Count > 0)
        {
            text.AppendLine().AppendLine("Not checked here:");
            foreach (var finding in notChecked)
            {
                text.Append("  ").Append(finding.Id).Append(": ").AppendLine(OneLine(finding.Detail));
            }
        }

        var counts = report.Counts;
        text.AppendLine().AppendLine(string.Format(CultureInfo.InvariantCulture,
            "{0} checks: {1} confirmed, {2} differ, {3} missing, {4} not applicable, {5} access denied.",
            report.Findings.Count, counts[CheckStatus.Confirmed], counts[CheckStatus.Differs], counts[CheckStatus.Missing],
            counts[CheckStatus.NotApplicable], counts[CheckStatus.AccessDenied]));
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            text.Append(cells[i].PadRight(widths[i])).Append(Gap);
        }

        text.AppendLine(cells[cells.Length - 1].TrimEnd());
    }

    private static string OneLine(string value) => value.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
}
