using System.Globalization;
using CMDisconnectedSync.Harness.Attacks;
using CMDisconnectedSync.Harness.Support;

namespace CMDisconnectedSync.Harness;

/// <summary>Parses <c>&lt;suite&gt; [--count N] [--seed S]</c>, runs the suite and prints details, problems and the figure (last line).</summary>
internal static class HarnessCommand
{
    private const string Usage = "usage: cmdsync-harness attack|fuzz|media|crash|targeted-kill|signature-bits|journal-cuts|hostile-media [--count N] [--seed S] [--cli-samples N] [--megabytes N]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, IFormatProvider culture)
    {
        if (args.Length == 4 && args[0] == "crash-child")
        {
            return await CrashResume.CrashChild.RunAsync(args[1], args[2], args[3], output).ConfigureAwait(false);
        }

        if (args.Length >= 3 && args[0] == CtrlC.CliLabChild.Mode)
        {
            return await CtrlC.CliLabChild.RunAsync(args[1], args[2..]).ConfigureAwait(false);
        }

        if (args.Length == 0)
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        int? count = null;
        var seed = 20261125;
        int? cliSamples = null;
        int? megabytes = null;
        for (var i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, culture, out var value))
            {
                await output.WriteLineAsync(Usage).ConfigureAwait(false);
                return 2;
            }

            switch (args[i])
            {
                case "--count": count = value; break;
                case "--seed": seed = value; break;
                case "--cli-samples": cliSamples = value; break;
                case "--megabytes": megabytes = value; break;
                default:
                    await output.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 2;
            }
        }

        var started = TimeProvider.System.GetTimestamp();
        SuiteResult result;
        switch (args[0])
        {
            case "attack":
                result = await AttackSuite.RunAsync(count ?? 10_000, seed, cliSamples ?? 200, output, CancellationToken.None).ConfigureAwait(false);
                break;
            case "signature-bits":
                result = await SignatureScan.RunAsync(output, CancellationToken.None).ConfigureAwait(false);
                break;
            case "media":
                result = await MediaFaults.MediaFaultSuite.RunAsync(output, CancellationToken.None).ConfigureAwait(false);
                break;
            case "crash":
                result = await CrashResume.CrashResumeSuite.RunAsync(count ?? 200, seed, output, CancellationToken.None).ConfigureAwait(false);
                break;
            case "targeted-kill":
                result = await CrashResume.TargetedKillSuite.RunAsync(count ?? 100, seed, output, CancellationToken.None).ConfigureAwait(false);
                break;
            case "journal-cuts":
                var cuts = await CrashResume.JournalCutReplay.RunAsync("import", CancellationToken.None).ConfigureAwait(false);
                var exportCuts = await CrashResume.JournalCutReplay.RunAsync("export", CancellationToken.None).ConfigureAwait(false);
                result = new SuiteResult(cuts.Figure + "; " + exportCuts.Figure, [.. cuts.Problems, .. exportCuts.Problems], []);
                break;
            case "hostile-media":
                result = await HostileMedia.HostileMediaSuite.RunAsync(megabytes ?? 1000, output, CancellationToken.None).ConfigureAwait(false);
                break;
            case "fuzz":
                result = await Fuzzing.FuzzSuite.RunAsync(count ?? 1_000_000, seed, output, CancellationToken.None).ConfigureAwait(false);
                break;
            default:
                await output.WriteLineAsync(Usage).ConfigureAwait(false);
                return 2;
        }

        foreach (var line in result.Details)
        {
            await output.WriteLineAsync("  " + line).ConfigureAwait(false);
        }

        foreach (var problem in result.Problems.Take(200))
        {
            await output.WriteLineAsync("PROBLEM " + problem).ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {args[0]} took {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s, seed {seed}, problems {result.Problems.Count}")).ConfigureAwait(false);
        await output.WriteLineAsync(result.Figure).ConfigureAwait(false);
        return result.Passed ? 0 : 1;
    }
}
