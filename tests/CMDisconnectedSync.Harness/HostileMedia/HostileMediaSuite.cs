using System.Diagnostics;
using System.Globalization;
using System.Text;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Harness.Support;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Wsus.Host;
using static CMDisconnectedSync.Cli.ExitCodes;

namespace CMDisconnectedSync.Harness.HostileMedia;

/// <summary>
/// Issue 19, "untrusted bytes are parsed before they are trusted": runs the real <c>cmdsync verify</c> (and one
/// <c>@</c> argument) under <c>/usr/bin/time -v</c> against hostile media and state, and measures refusal time and
/// peak memory. The main case is an unsigned manifest of <c>megabytes</c> MB with ~150 bytes per entry (the
/// report's 1.3 GB held 10 M entries) beside another bundle's valid signature: it must be refused as 14 in about
/// the time <c>sha256sum</c> takes over the same file, with a peak RSS that does not grow with its size. The others:
/// a 2.8 GB (sparse) manifest (11, from its length), no signature (13), <c>manifest.json.p7s</c> and
/// <c>trusted-signers.txt</c> linked to <c>/dev/zero</c> (19, 25), <c>manifest.json</c> and an empty content file as
/// FIFOs (19, no hang), and <c>cmdsync @/dev/zero</c> (2, no response file read).
/// </summary>
internal static class HostileMediaSuite
{
    /// <summary>A refusal of a special file must not take longer than this (process start included, on a loaded machine).</summary>
    private static readonly TimeSpan QuickLimit = TimeSpan.FromSeconds(30);

    /// <summary>Peak RSS may exceed the small-bundle baseline by at most this much, whatever the manifest's size.</summary>
    private const long RssGrowthLimitKiB = 64 * 1024;

    public static async Task<SuiteResult> RunAsync(int megabytes, TextWriter output, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var details = new List<string>();
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/time") || !File.Exists("/dev/zero"))
        {
            return new SuiteResult("hostile media: not run (needs Linux, /usr/bin/time and /dev/zero)", ["not run: needs Linux, /usr/bin/time (Debian package 'time') and /dev/zero"], details);
        }

        using var work = new WorkFolder("hostile");
        using var keys = new LabKeys();
        var lab = await LabBundles.CreateAsync(work.Combine("lab"), keys, cancellationToken).ConfigureAwait(false);
        var state = work.Combine("state");
        Directory.CreateDirectory(state);
        await new DisconnectedStateStore(state, new FixedClock(LabKeys.Now), StateFolderProtections.ForThisComputer()).SaveTrustedSignersAsync(keys.TrustExportServer, cancellationToken).ConfigureAwait(false);
        var log = work.Combine("logs", "cmdsync.log");
        string[] Verify(string bundle, string stateFolder) => ["verify", bundle, "--state", stateFolder, "--log", log, "--json"];

        var baseline = await RunMeasuredAsync(work, Verify(lab.Full, state), cancellationToken).ConfigureAwait(false);
        Expect(problems, "intact lab bundle (control)", baseline, Success);
        details.Add(Describe("intact lab bundle (baseline)", baseline));

        // The main case: a big unsigned manifest beside a valid signature by the trusted key over other bytes.
        var big = CopyBundle(lab.Full, work.Combine("big"));
        var manifest = Path.Combine(big, BundleLayout.ManifestFileName);
        var entries = WriteHostileManifest(manifest, megabytes * 1_000_000L);
        // Both baselines: coreutils' sha256sum has no SHA-NI code path, OpenSSL (which .NET uses on Linux) has.
        var sha256sum = await RunTimedAsync("sha256sum", [manifest], cancellationToken).ConfigureAwait(false);
        var openssl = await RunTimedAsync("openssl", ["dgst", "-sha256", manifest], cancellationToken).ConfigureAwait(false);
        var hostile = await RunMeasuredAsync(work, Verify(big, state), cancellationToken).ConfigureAwait(false);
        var name = string.Create(CultureInfo.InvariantCulture, $"unsigned {megabytes:N0} MB manifest, {entries:N0} entries");
        Expect(problems, name, hostile, BundleSignatureInvalid);
        details.Add(Describe(name, hostile) + string.Create(CultureInfo.InvariantCulture, $"; same file: sha256sum {sha256sum.TotalSeconds:0.00} s, openssl dgst -sha256 {openssl.TotalSeconds:0.00} s"));
        var fastest = sha256sum < openssl ? sha256sum : openssl;
        if (hostile.Elapsed > (2 * fastest) + TimeSpan.FromSeconds(5))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: refused in {hostile.Elapsed.TotalSeconds:0.0} s, more than twice the fastest hash of the file ({fastest.TotalSeconds:0.0} s) + 5 s"));
        }

        if (hostile.PeakRssKiB - baseline.PeakRssKiB > RssGrowthLimitKiB)
        {
            problems.Add($"{name}: peak RSS {hostile.PeakRssKiB / 1024} MiB, {(hostile.PeakRssKiB - baseline.PeakRssKiB) / 1024} MiB above the small bundle's: memory grows with the manifest");
        }

        var quick = new List<(string Name, Measured Run, int Expected)>();

        var huge = CopyBundle(lab.Full, work.Combine("huge"));
        using (var stream = new FileStream(Path.Combine(huge, BundleLayout.ManifestFileName), FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(2_800_000_000L);
        }

        quick.Add(("2.8 GB manifest (sparse)", await RunMeasuredAsync(work, Verify(huge, state), cancellationToken).ConfigureAwait(false), BundleManifestMalformed));

        var unsigned = CopyBundle(lab.Full, work.Combine("unsigned"));
        File.Delete(Path.Combine(unsigned, BundleLayout.SignatureFileName));
        quick.Add(("no signature", await RunMeasuredAsync(work, Verify(unsigned, state), cancellationToken).ConfigureAwait(false), BundleSignatureMissing));

        var zeroSignature = CopyBundle(lab.Full, work.Combine("zero-signature"));
        ReplaceWithLink(Path.Combine(zeroSignature, BundleLayout.SignatureFileName), "/dev/zero");
        quick.Add(("manifest.json.p7s -> /dev/zero", await RunMeasuredAsync(work, Verify(zeroSignature, state), cancellationToken).ConfigureAwait(false), BundleUnsafePath));

        var zeroManifest = CopyBundle(lab.Full, work.Combine("zero-manifest"));
        ReplaceWithLink(Path.Combine(zeroManifest, BundleLayout.ManifestFileName), "/dev/zero");
        quick.Add(("manifest.json -> /dev/zero", await RunMeasuredAsync(work, Verify(zeroManifest, state), cancellationToken).ConfigureAwait(false), BundleUnsafePath));

        var fifoManifest = CopyBundle(lab.Full, work.Combine("fifo-manifest"));
        await ReplaceWithFifoAsync(Path.Combine(fifoManifest, BundleLayout.ManifestFileName), cancellationToken).ConfigureAwait(false);
        quick.Add(("manifest.json is a FIFO", await RunMeasuredAsync(work, Verify(fifoManifest, state), cancellationToken).ConfigureAwait(false), BundleUnsafePath));

        var fifoContent = CopyBundle(lab.Full, work.Combine("fifo-content"));
        var empty = Directory.EnumerateFiles(Path.Combine(fifoContent, BundleLayout.ContentFolder), "*", SearchOption.AllDirectories).FirstOrDefault(f => new FileInfo(f).Length == 0);
        if (empty is null)
        {
            problems.Add("the lab bundle has no empty content file to replace with a FIFO");
        }
        else
        {
            await ReplaceWithFifoAsync(empty, cancellationToken).ConfigureAwait(false);
            quick.Add(("empty content file is a FIFO", await RunMeasuredAsync(work, Verify(fifoContent, state), cancellationToken).ConfigureAwait(false), BundleUnsafePath));
        }

        var zeroState = work.Combine("zero-state");
        Directory.CreateDirectory(zeroState);
        File.CreateSymbolicLink(Path.Combine(zeroState, DisconnectedStateStore.TrustedSignersFileName), "/dev/zero");
        quick.Add(("trusted-signers.txt -> /dev/zero", await RunMeasuredAsync(work, Verify(lab.Full, zeroState), cancellationToken).ConfigureAwait(false), StateUnreadable));

        quick.Add(("cmdsync @/dev/zero", await RunMeasuredAsync(work, ["@/dev/zero"], cancellationToken).ConfigureAwait(false), Usage));

        foreach (var (caseName, run, expected) in quick)
        {
            Expect(problems, caseName, run, expected);
            details.Add(Describe(caseName, run));
            if (run.Elapsed > QuickLimit)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{caseName}: took {run.Elapsed.TotalSeconds:0.0} s"));
            }

            if (run.PeakRssKiB - baseline.PeakRssKiB > RssGrowthLimitKiB)
            {
                problems.Add($"{caseName}: peak RSS {run.PeakRssKiB / 1024} MiB, {(run.PeakRssKiB - baseline.PeakRssKiB) / 1024} MiB above the small bundle's");
            }
        }

        var handled = quick.Count(q => q.Run.ExitCode == q.Expected && q.Run.Elapsed <= QuickLimit) + (hostile.ExitCode == BundleSignatureInvalid ? 1 : 0);
        var figure = string.Create(CultureInfo.InvariantCulture,
            $"hostile media refused: {handled} of {quick.Count + 1}; unsigned {megabytes:N0} MB manifest in {hostile.Elapsed.TotalSeconds:0.0} s (sha256sum {sha256sum.TotalSeconds:0.0} s, openssl {openssl.TotalSeconds:0.0} s), peak RSS {hostile.PeakRssKiB / 1024} MiB (small bundle {baseline.PeakRssKiB / 1024} MiB)");
        _ = output;
        return new SuiteResult(figure, problems, details);
    }

    /// <summary>One cmdsync run: exit code (-1 when it had to be killed), wall time, peak RSS from <c>/usr/bin/time -v</c>, and its output.</summary>
    internal sealed record Measured(int ExitCode, TimeSpan Elapsed, long PeakRssKiB, string Output);

    private static void Expect(List<string> problems, string name, Measured run, int expected)
    {
        if (run.ExitCode != expected)
        {
            problems.Add($"{name}: exit {run.ExitCode}, expected {expected}: {Shorten(run.Output)}");
        }
    }

    private static string Describe(string name, Measured run) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}: exit {run.ExitCode} in {run.Elapsed.TotalSeconds:0.00} s, peak RSS {run.PeakRssKiB / 1024} MiB");

    private static string Shorten(string text) => text.Length <= 400 ? text.Trim() : text[..400].Trim() + "…";

    private static string CopyBundle(string source, string destination)
    {
        TreeCopy.Copy(source, destination);
        return destination;
    }

    private static void ReplaceWithLink(string path, string target)
    {
        File.Delete(path);
        File.CreateSymbolicLink(path, target);
    }

    private static async Task ReplaceWithFifoAsync(string path, CancellationToken cancellationToken)
    {
        File.Delete(path);
        await RunTimedAsync("mkfifo", [path], cancellationToken).ConfigureAwait(false);
        if (IO.RegularFile.KindOf(path) != IO.FileKind.Special)
        {
            throw new InvalidOperationException($"mkfifo did not make '{path}' a FIFO.");
        }
    }

    /// <summary>
    /// Writes a manifest-shaped JSON document of about <paramref name="bytes"/> bytes: a valid header, then
    /// WsusContent-like entries (~150 bytes each) until the size is reached. Returns the number of entries.
    /// </summary>
    internal static long WriteHostileManifest(string path, long bytes)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var header = Encoding.ASCII.GetBytes("{\"formatVersion\":\"1.0\",\"bundleId\":\"hostile\",\"sequence\":99,\"createdAtUtc\":\"2026-11-25T12:00:00.0000000Z\","
            + "\"source\":{\"server\":\"WSUS01\",\"wsusVersion\":\"10.0\",\"languages\":[\"en\"],\"expressFiles\":false},\"volumeCount\":0,"
            + "\"metadata\":{\"package\":{\"path\":\"export.xml.gz\",\"size\":1,\"sha256\":\"" + new string('a', 64) + "\"},\"log\":{\"path\":\"export.log\",\"size\":1,\"sha256\":\"" + new string('b', 64) + "\"}},"
            + "\"files\":[");
        stream.Write(header);
        var written = (long)header.Length;
        long count = 0;
        var sha = new string('c', 64);
        var line = new StringBuilder();
        while (written < bytes - 200)
        {
            line.Clear();
            var hex = count.ToString("X40", CultureInfo.InvariantCulture);
            line.Append(count == 0 ? string.Empty : ",")
                .Append("{\"path\":\"").Append(hex, 38, 2).Append('/').Append(hex).Append(".cab\",\"size\":").Append(count + 1000)
                .Append(",\"sha256\":\"").Append(sha).Append("\"}");
            var encoded = Encoding.ASCII.GetBytes(line.ToString());
            stream.Write(encoded);
            written += encoded.Length;
            count++;
        }

        stream.Write("],\"removedPaths\":[]}"u8);
        return count;
    }

    private static async Task<TimeSpan> RunTimedAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        watch.Stop();
        _ = await output.ConfigureAwait(false);
        var errors = await error.ConfigureAwait(false);
        return process.ExitCode == 0 ? watch.Elapsed : throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {errors}");
    }

    /// <summary>Runs <c>/usr/bin/time -v -o &lt;file&gt; dotnet cmdsync.dll …</c>; a run still going after 120 s is killed (a hang).</summary>
    private static async Task<Measured> RunMeasuredAsync(WorkFolder work, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var report = work.Combine("time-" + Guid.NewGuid().ToString("N")[..8] + ".txt");
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-v", "-o", report, "dotnet", CmdsyncProcess.DllPath, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("/usr/bin/time could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            return new Measured(-1, watch.Elapsed, 0, "killed after 120 s: it hung");
        }

        watch.Stop();
        var text = await output.ConfigureAwait(false) + await error.ConfigureAwait(false);
        long peak = 0;
        foreach (var line in File.ReadLines(report))
        {
            const string Label = "Maximum resident set size (kbytes):";
            var at = line.IndexOf(Label, StringComparison.Ordinal);
            if (at >= 0)
            {
                peak = long.Parse(line[(at + Label.Length)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return new Measured(process.ExitCode, watch.Elapsed, peak, text);
    }
}
