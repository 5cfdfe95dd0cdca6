using CMDisconnectedSync.Workflows;

namespace CMDisconnectedSync.Core.Tests.TestSupport;

/// <summary>
/// Puts a journal back to the moment a process was killed: every line after the given step's given event is
/// dropped, exactly what a power cut right after that write leaves on disk.
/// </summary>
internal static class JournalCut
{
    public static void KeepUpTo(string journalPath, string step, JournalEvent lastEvent)
    {
        var lines = File.ReadAllLines(journalPath);
        var marker = $"\"step\":\"{step}\",\"event\":\"{lastEvent}\"";
        var keep = Array.FindLastIndex(lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.IsGreaterThanOrEqualTo(0, keep, $"{journalPath} has no {step} {lastEvent} line");
        File.WriteAllLines(journalPath, lines.Take(keep + 1));
    }
}
