namespace CMDisconnectedSync.App.Tests;

/// <summary>
/// The screenshot test's clipped-text verdict. The measuring happens inside the app under Mono, where the forms and
/// GDI+ are (src/CMDisconnectedSync.App/Testing/TextFitInspector.cs: every visible Label, LinkLabel, Button, CheckBox
/// and RadioButton, its text measured with its font, word-wrapped for a fixed-size label, against its client size,
/// and every control against its container); the <c>--auto-advance</c> hook writes one line per clipped text of each
/// captured page to <c>clipped.txt</c> beside the screenshots. Any walk that captures pages can apply this to them.
/// </summary>
internal static class ClippedTextReport
{
    /// <summary>Fails naming every clipped control and its text on <paramref name="pages"/> (all captured pages when empty).</summary>
    /// <param name="screenshotFolder">The app's <c>--screenshot-dir</c>.</param>
    /// <param name="pages">Page names as <c>pages.txt</c> lists them.</param>
    public static void AssertNoneOn(string screenshotFolder, params string[] pages)
    {
        var report = Path.Combine(screenshotFolder, "clipped.txt");
        Assert.IsTrue(File.Exists(report), $"{report} is missing: the app did not measure its pages (run with --screenshot-dir and --auto-advance).");
        var captured = File.ReadAllLines(Path.Combine(screenshotFolder, "pages.txt")).Select(line => line.Split(' ')[1]).ToHashSet(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            Assert.Contains(page, captured, $"page '{page}' was never captured, so it was never measured");
        }

        var clipped = File.ReadAllLines(report)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Where(fields => pages.Length == 0 || pages.Contains(fields[0], StringComparer.Ordinal))
            .Select(fields => $"{fields[0]}: {fields[1]} \"{fields[2]}\" ({fields[3]})")
            .ToList();
        Assert.IsEmpty(clipped, "clipped text:" + Environment.NewLine + string.Join(Environment.NewLine, clipped));
    }
}
