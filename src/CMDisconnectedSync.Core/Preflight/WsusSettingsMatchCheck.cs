using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Preflight;

/// <summary>
/// Import side: this server's update languages and express-file setting match the export server's (as recorded in
/// the bundle manifest). Microsoft: the express and language options of both servers must match, or updates the
/// import server expects were never synchronized by the export server (design.md §4).
/// </summary>
public sealed class WsusSettingsMatchCheck(WsusStatusReading status, WsusSettings expected) : IPreflightCheck
{
    public string Name => "Languages and express files match the export server";

    public async Task<PreflightCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var actual = (await status.GetAsync(cancellationToken).ConfigureAwait(false)).Settings;
        var problems = new List<string>();
        if (!LanguagesMatch(expected, actual))
        {
            problems.Add($"update languages here are '{actual.DescribeLanguages()}', the export server's are '{expected.DescribeLanguages()}'");
        }

        if (expected.ExpressFiles != actual.ExpressFiles)
        {
            problems.Add($"express installation files are {OnOff(actual.ExpressFiles)} here and {OnOff(expected.ExpressFiles)} on the export server");
        }

        return problems.Count == 0
            ? PreflightCheckResult.Pass(Name, $"Languages '{actual.DescribeLanguages()}', express files {OnOff(actual.ExpressFiles)} on both servers.")
            : PreflightCheckResult.Fail(Name, "Settings differ: " + string.Join("; ", problems) + ".",
                "Make both servers match (WSUS console > Options > Update Files and Languages, or the software update point properties in ConfigMgr), synchronize the export server, export again.");
    }

    private static bool LanguagesMatch(WsusSettings expected, WsusSettings actual) =>
        expected.AllLanguages == actual.AllLanguages
        && (expected.AllLanguages || new HashSet<string>(expected.Languages, StringComparer.OrdinalIgnoreCase).SetEquals(actual.Languages));

    private static string OnOff(bool value) => value ? "on" : "off";
}
