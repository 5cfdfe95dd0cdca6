using System.Text.RegularExpressions;

namespace CMDisconnectedSync.Wsus;

/// <summary>
/// What counts as an error line in a wsusutil log: the one place that decides it.
/// <para>
/// Microsoft documents neither wsusutil's exit codes nor its log format (design.md §4), so this rule is
/// deliberately broad and <b>unconfirmed</b> against a field log. What public sources do show: WSUS server logs write
/// the severity as a word on each line (<c>Error	w3wp.126	WebServiceCommunicationHelper…</c>, quoted from
/// SoftwareDistribution.log in https://github.com/MicrosoftDocs/windowsserverdocs/issues/7423), .NET exceptions appear
/// as <c>System.…Exception:</c> with stack lines, and a failed export has been observed to exit while leaving a
/// zero-size package (WSUS team blog "Problem Solved: The WSUS Export Bug",
/// https://learn.microsoft.com/en-us/archive/blogs/wsus/problem-solved-the-wsus-export-bug) — which the runner
/// checks separately. A line is an error line when it contains one of the whole words error(s), fatal, failed or
/// failure, or a word ending in "exception" such as <c>SqlException</c> (any case), unless it only reports that there
/// were none ("0 errors", "no errors").
/// Change <see cref="ErrorWord"/> / <see cref="NoErrorPhrase"/> here, nowhere else, when a field log says otherwise.
/// </para>
/// </summary>
public static class WsusUtilLog
{
    /// <summary>The words that make a line an error line.</summary>
    public static readonly Regex ErrorWord = new(
        @"\b(error|errors|fatal|failed|failure|\w*exception)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled,
        TimeSpan.FromSeconds(1));

    /// <summary>Lines that mention errors only to say there were none.</summary>
    public static readonly Regex NoErrorPhrase = new(
        @"\b(0|no|zero|without)\s+(errors?|failures?|exceptions?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled,
        TimeSpan.FromSeconds(1));

    /// <summary>How many lines a failure message quotes at most.</summary>
    public const int MaxQuotedLines = 10;

    public static bool IsErrorLine(string line)
    {
        _ = line ?? throw new ArgumentNullException(nameof(line));
        if (!ErrorWord.IsMatch(line))
        {
            return false;
        }

        // "0 errors" alone is not an error; "0 errors, export failed" still is.
        var withoutNoErrorPhrases = NoErrorPhrase.Replace(line, string.Empty);
        return ErrorWord.IsMatch(withoutNoErrorPhrases);
    }

    /// <summary>The error lines of <paramref name="lines"/>, trimmed, in order.</summary>
    public static IReadOnlyList<string> FindErrorLines(IEnumerable<string> lines)
    {
        _ = lines ?? throw new ArgumentNullException(nameof(lines));
        return lines.Where(IsErrorLine).Select(l => l.Trim()).ToList();
    }

    /// <summary>Reads a wsusutil log (UTF-8/UTF-16 detected from its BOM, shared read: wsusutil may still hold it).</summary>
    public static IReadOnlyList<string> ReadLines(string logPath)
    {
        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        var lines = new List<string>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lines.Add(line);
        }

        return lines;
    }
}
