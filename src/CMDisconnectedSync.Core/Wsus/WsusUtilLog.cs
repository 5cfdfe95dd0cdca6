using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace CMDisconnectedSync.Wsus;

/// <summary>The shape a wsusutil log turned out to have.</summary>
public enum WsusUtilLogFormat
{
    /// <summary>No log file.</summary>
    Missing,

    /// <summary>A log of zero bytes (or only whitespace).</summary>
    Empty,

    /// <summary>wsusutil's own XML log (<c>ImportLog</c>/<c>ExportLog</c>), read element by element.</summary>
    Xml,

    /// <summary>Not XML: judged line by line with the word rule (<see cref="WsusUtilLog.IsErrorLine"/>).</summary>
    Lines,
}

/// <summary>What a wsusutil log says, read once: its errors and, for the XML log, how many updates it lists.</summary>
public sealed record WsusUtilLogReport
{
    public static readonly WsusUtilLogReport Missing = new() { Format = WsusUtilLogFormat.Missing };

    public WsusUtilLogFormat Format { get; init; }

    /// <summary>The XML log's root element (<c>ImportLog</c> or <c>ExportLog</c>), null for other formats.</summary>
    public string? RootElement { get; init; }

    /// <summary>
    /// The errors, in order, at most <see cref="WsusUtilLog.MaxKeptErrors"/>: the <c>Message</c> of every
    /// <c>ImportError</c>/<c>ExportError</c> element (plus a note when the XML is cut short), or the error lines of a
    /// line log. Each is shortened to <see cref="WsusUtilLog.MaxQuotedChars"/>.
    /// </summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>All errors found, also those beyond <see cref="Errors"/>.</summary>
    public int ErrorCount { get; init; }

    /// <summary><c>UpdateInserted</c> elements of an import log, or <c>Update</c> elements of an export log.</summary>
    public int Updates { get; init; }

    /// <summary>Import only: the <c>UpdateInserted</c> elements marked <c>ExistingUpdate="True"</c> (already in WSUS).</summary>
    public int ExistingUpdates { get; init; }

    /// <summary>A line log's last non-blank lines (shortened), quoted when a run fails with no error line.</summary>
    public IReadOnlyList<string> LastLines { get; init; } = [];

    public bool IsImportLog => RootElement == WsusUtilLog.ImportLogElement;

    /// <summary>One phrase for the admin, e.g. <c>its log lists 1,234 updates inserted (56 already present) and no ImportError</c>.</summary>
    public string Describe() => Format switch
    {
        WsusUtilLogFormat.Missing => "it wrote no log",
        WsusUtilLogFormat.Empty => "its log is empty",
        WsusUtilLogFormat.Lines => ErrorCount == 0 ? "its log (not XML) has no error line" : $"its log (not XML) has {Count(ErrorCount)} error line(s)",
        _ when RootElement == WsusUtilLog.ImportLogElement =>
            $"its log lists {Count(Updates)} update(s) inserted ({Count(ExistingUpdates)} already present) and {ErrorsPhrase(WsusUtilLog.ImportErrorElement)}",
        _ when RootElement == WsusUtilLog.ExportLogElement =>
            $"its log lists {Count(Updates)} update(s) exported and {ErrorsPhrase(WsusUtilLog.ExportErrorElement)}",
        _ => $"its log is XML with an unexpected root element <{RootElement}> and {Count(ErrorCount)} error element(s)",
    };

    private string ErrorsPhrase(string element) => ErrorCount == 0 ? "no " + element : $"{Count(ErrorCount)} {element}(s)";

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>
/// Reads a wsusutil log and decides what in it is an error: the one place that decides it.
/// <para>
/// wsusutil's log is one line of XML written by <c>XmlTextWriter</c> (UTF-8, <c>&lt;?xml …?&gt;</c> declaration, no
/// line breaks). Read from <c>Microsoft.UpdateServices.BaseApi.dll</c> file version 10.0.10011.16384 (WSUS 4.0 era;
/// public copy in github.com/Yevrag35/UpdateManagement, <c>MG.UpdateManagement/Assemblies/</c>, commit 1dcde147),
/// decompiled with ILSpy: <c>ImportLogCallback</c> writes <c>&lt;ImportLog Time="…Z"&gt;</c>, one
/// <c>&lt;UpdateInserted UpdateId RevisionNumber [ExistingUpdate="True"]/&gt;</c> per update and, when the import
/// throws, <c>&lt;ImportError Message="…"/&gt;</c>; <c>ImportExportHandler.ExportUpdates</c> writes
/// <c>&lt;ExportLog Time="…Z"&gt;</c>, per update <c>&lt;Update UpdateId RevisionNumber Title&gt;&lt;Files&gt;&lt;File
/// Path/&gt;…&lt;/Files&gt;&lt;/Update&gt;</c> and on failure <c>&lt;ExportError Message="…"/&gt;</c>. So a run
/// failed when an <see cref="ImportErrorElement"/> or <see cref="ExportErrorElement"/> element is present; update
/// titles such as "Update For Windows Error Reporting" are data, never errors. The file can be hundreds of MB: it is
/// streamed with <see cref="XmlReader"/> (no DTD, no resolver), never loaded or quoted whole.
/// </para>
/// <para>
/// Only a log that is not XML (its first character is not <c>&lt;</c>) falls back to the older, deliberately broad
/// line rule: a line is an error line when it contains one of the whole words error(s), fatal, failed or failure, or
/// a word ending in "exception", unless it only says there were none ("0 errors"). Change <see cref="ErrorWord"/> /
/// <see cref="NoErrorPhrase"/> here, nowhere else, when a field log says otherwise.
/// </para>
/// </summary>
public static class WsusUtilLog
{
    public const string ImportLogElement = "ImportLog";
    public const string ExportLogElement = "ExportLog";
    public const string UpdateInsertedElement = "UpdateInserted";
    public const string ExistingUpdateAttribute = "ExistingUpdate";
    public const string ExportedUpdateElement = "Update";
    public const string ImportErrorElement = "ImportError";
    public const string ExportErrorElement = "ExportError";
    public const string MessageAttribute = "Message";

    /// <summary>The words that make a line an error line (line logs only).</summary>
    public static readonly Regex ErrorWord = new(
        @"\b(error|errors|fatal|failed|failure|\w*exception)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled,
        TimeSpan.FromSeconds(1));

    /// <summary>Lines that mention errors only to say there were none.</summary>
    public static readonly Regex NoErrorPhrase = new(
        @"\b(0|no|zero|without)\s+(errors?|failures?|exceptions?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled,
        TimeSpan.FromSeconds(1));

    /// <summary>How many errors a failure message quotes at most.</summary>
    public const int MaxQuotedLines = 10;

    /// <summary>How many errors a report keeps (all are counted).</summary>
    public const int MaxKeptErrors = 100;

    /// <summary>How long one quoted error or line may be; the rest is cut (a log line can be megabytes).</summary>
    public const int MaxQuotedChars = 500;

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

    /// <summary>The error lines of <paramref name="lines"/>, trimmed, in order (line logs).</summary>
    public static IReadOnlyList<string> FindErrorLines(IEnumerable<string> lines)
    {
        _ = lines ?? throw new ArgumentNullException(nameof(lines));
        return lines.Where(IsErrorLine).Select(l => l.Trim()).ToList();
    }

    /// <summary>
    /// Reads the log at <paramref name="logPath"/> (shared read: wsusutil may still hold it) as XML when it starts with
    /// <c>&lt;</c>, else line by line keeping the last <paramref name="tailLines"/> non-blank lines.
    /// </summary>
    public static WsusUtilLogReport Read(string logPath, int tailLines = 5)
    {
        _ = logPath ?? throw new ArgumentNullException(nameof(logPath));
        if (!File.Exists(logPath))
        {
            return WsusUtilLogReport.Missing;
        }

        var first = FirstCharacter(logPath);
        return first switch
        {
            null => new WsusUtilLogReport { Format = WsusUtilLogFormat.Empty },
            '<' => ReadXml(logPath),
            _ => ReadLines(logPath, tailLines),
        };
    }

    /// <summary>Shortens <paramref name="text"/> to <see cref="MaxQuotedChars"/>, saying how much was cut.</summary>
    public static string Shorten(string text)
    {
        _ = text ?? throw new ArgumentNullException(nameof(text));
        var trimmed = text.Trim();
        return trimmed.Length <= MaxQuotedChars
            ? trimmed
            : trimmed.Remove(MaxQuotedChars) + $"… ({trimmed.Length.ToString("N0", CultureInfo.InvariantCulture)} characters in all)";
    }

    private static FileStream OpenShared(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);

    private static char? FirstCharacter(string path)
    {
        using var reader = new StreamReader(OpenShared(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        int next;
        while ((next = reader.Read()) >= 0)
        {
            if (!char.IsWhiteSpace((char)next) && next != '\uFEFF')
            {
                return (char)next;
            }
        }

        return null;
    }

    private static WsusUtilLogReport ReadXml(string logPath)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = true,
        };
        string? root = null;
        var errors = new List<string>();
        var errorCount = 0;
        var updates = 0;
        var existing = 0;

        void AddError(string message)
        {
            errorCount++;
            if (errors.Count < MaxKeptErrors)
            {
                errors.Add(Shorten(message));
            }
        }

        try
        {
            using var reader = XmlReader.Create(OpenShared(logPath), settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.Depth == 0)
                {
                    root = reader.LocalName;
                    continue;
                }

                switch (reader.LocalName)
                {
                    case ImportErrorElement or ExportErrorElement:
                        AddError(reader.GetAttribute(MessageAttribute) is { Length: > 0 } message
                            ? message
                            : $"<{reader.LocalName}> without a {MessageAttribute}");
                        break;
                    case UpdateInsertedElement when root == ImportLogElement:
                        updates++;
                        if (bool.TryParse(reader.GetAttribute(ExistingUpdateAttribute), out var isExisting) && isExisting)
                        {
                            existing++;
                        }

                        break;
                    case ExportedUpdateElement when root == ExportLogElement && reader.Depth == 1:
                        updates++;
                        break;
                }
            }
        }
        catch (XmlException exception)
        {
            // wsusutil copies its log from %TEMP% when it ends, so a cut log means it did not end normally.
            AddError($"The log is not well-formed XML at line {exception.LineNumber.ToString(CultureInfo.InvariantCulture)}, "
                + $"position {exception.LinePosition.ToString(CultureInfo.InvariantCulture)} ({exception.Message}): it was cut short or is not a wsusutil log.");
        }

        return new WsusUtilLogReport
        {
            Format = WsusUtilLogFormat.Xml,
            RootElement = root,
            Errors = errors,
            ErrorCount = errorCount,
            Updates = updates,
            ExistingUpdates = existing,
        };
    }

    private static WsusUtilLogReport ReadLines(string logPath, int tailLines)
    {
        using var reader = new StreamReader(OpenShared(logPath), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var errors = new List<string>();
        var errorCount = 0;
        var tail = new Queue<string>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (IsErrorLine(line))
            {
                errorCount++;
                if (errors.Count < MaxKeptErrors)
                {
                    errors.Add(Shorten(line));
                }
            }

            tail.Enqueue(Shorten(line));
            if (tail.Count > Math.Max(0, tailLines))
            {
                tail.Dequeue();
            }
        }

        return new WsusUtilLogReport { Format = WsusUtilLogFormat.Lines, Errors = errors, ErrorCount = errorCount, LastLines = tail.ToList() };
    }
}
