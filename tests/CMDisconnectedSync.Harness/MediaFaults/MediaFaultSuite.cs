using System.Globalization;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Harness.Attacks;
using CMDisconnectedSync.Harness.Support;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.Signing;

namespace CMDisconnectedSync.Harness.MediaFaults;

/// <summary>
/// Installs verified bundles with the real <see cref="BundleContentInstaller"/> onto faulty media: a destination
/// that fills up (a real 100 KiB tmpfs), a read-only destination (tmpfs remounted ro) and a volume folder that
/// disappears mid-install (media unplugged). Each must fail with an error naming the file, leave no
/// *.cmdsync-partial file and no torn file under a final name, and a rerun after the fault is fixed must complete
/// with the destination byte-identical to the export server's content.
/// </summary>
internal static class MediaFaultSuite
{
    public static async Task<SuiteResult> RunAsync(TextWriter progress, CancellationToken cancellationToken)
    {
        using var work = new WorkFolder("media");
        using var keys = new LabKeys();
        var lab = await LabBundles.CreateAsync(work.Combine("lab"), keys, cancellationToken).ConfigureAwait(false);
        var verifier = new BundleVerifier(new BundlePathValidator(), new ManifestSignatureVerifier(new FixedClock(LabKeys.Now)));
        var problems = new List<string>();
        var details = new List<string>();
        var handled = 0;
        var scenarios = 0;

        async Task<VerifiedBundle> VerifiedAsync(string folder) =>
            (await verifier.VerifyAsync(folder, new BundleTrustContext(keys.TrustExportServer, null), null, cancellationToken).ConfigureAwait(false)).Bundle
            ?? throw new InvalidOperationException($"the lab bundle '{folder}' does not verify");

        // 1. Destination full.
        scenarios++;
        using (var mount = await TmpfsMount.TryMountAsync(work.Combine("full-media"), "size=100k").ConfigureAwait(false))
        {
            if (mount is null)
            {
                problems.Add("destination-full: not run, mounting a tmpfs is not permitted here (run as root on Linux)");
            }
            else
            {
                var destination = Path.Combine(mount.Path, "WsusContent");
                var bundle = await VerifiedAsync(lab.Full).ConfigureAwait(false);
                var failure = await InstallExpectingFailureAsync(bundle, destination, null, cancellationToken).ConfigureAwait(false);
                var ok = Judge("destination-full", failure, destination, bundle, mount.Path, problems, details);
                await mount.RemountAsync("size=4m").ConfigureAwait(false);
                ok &= await RerunAsync("destination-full", bundle, destination, lab.ContentRoot, problems, cancellationToken).ConfigureAwait(false);
                handled += ok ? 1 : 0;
            }
        }

        // 2. Read-only destination (with some content already there, which must stay as it was).
        scenarios++;
        using (var mount = await TmpfsMount.TryMountAsync(work.Combine("ro-media"), "size=4m").ConfigureAwait(false))
        {
            if (mount is null)
            {
                problems.Add("read-only-destination: not run, mounting a tmpfs is not permitted here (run as root on Linux)");
            }
            else
            {
                var destination = Path.Combine(mount.Path, "WsusContent");
                LabBundles.WriteTree(destination, LabBundles.ContentFiles.Take(1), seed: 1);
                await mount.RemountAsync("ro").ConfigureAwait(false);
                var before = TreeHash.Of(mount.Path);
                var bundle = await VerifiedAsync(lab.Full).ConfigureAwait(false);
                var failure = await InstallExpectingFailureAsync(bundle, destination, null, cancellationToken).ConfigureAwait(false);
                var ok = Judge("read-only-destination", failure, destination, bundle, mount.Path, problems, details);
                if (TreeHash.Of(mount.Path) != before)
                {
                    ok = false;
                    problems.Add("read-only-destination: the destination changed");
                }

                await mount.RemountAsync("rw").ConfigureAwait(false);
                ok &= await RerunAsync("read-only-destination", bundle, destination, lab.ContentRoot, problems, cancellationToken).ConfigureAwait(false);
                handled += ok ? 1 : 0;
            }
        }

        // 3. A volume folder removed mid-install (media unplugged), then put back.
        scenarios++;
        {
            var destination = work.Combine("volume-gone", "WsusContent");
            var bundle = await VerifiedAsync(lab.Split).ConfigureAwait(false);
            var volume = Path.Combine(lab.Split, BundleLayout.VolumeFolder(bundle.Manifest.VolumeCount));
            var away = volume + ".unplugged";
            var unplug = new UnplugOnFirstReport(volume, away);
            var failure = await InstallExpectingFailureAsync(bundle, destination, unplug, cancellationToken).ConfigureAwait(false);
            var ok = unplug.Done && Judge("volume-removed", failure, destination, bundle, BundleLayout.VolumeFolder(bundle.Manifest.VolumeCount), problems, details);
            Directory.Move(away, volume);
            ok &= await RerunAsync("volume-removed", bundle, destination, lab.ContentRoot, problems, cancellationToken).ConfigureAwait(false);
            handled += ok ? 1 : 0;
        }

        await progress.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new SuiteResult(string.Create(CultureInfo.InvariantCulture, $"media faults handled: {handled} of {scenarios}"), problems, details);
    }

    private static async Task<Exception?> InstallExpectingFailureAsync(VerifiedBundle bundle, string destination, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            await new BundleContentInstaller(new BundlePathValidator()).InstallAsync(bundle, destination, progress, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex;
        }
    }

    /// <summary>The failure must be an I/O error naming <paramref name="named"/>; no partial files; every file present is complete.</summary>
    private static bool Judge(string scenario, Exception? failure, string destination, VerifiedBundle bundle, string named, List<string> problems, List<string> details)
    {
        var count = problems.Count;
        if (failure is null)
        {
            problems.Add($"{scenario}: the install did not fail");
            return false;
        }

        details.Add($"{scenario}: {failure.GetType().Name}: {failure.Message}");
        if (!failure.Message.Contains(named, StringComparison.Ordinal))
        {
            problems.Add($"{scenario}: the error does not name '{named}': {failure.Message}");
        }

        var partials = TreeHash.FilesEndingIn(destination, HashingFileCopier.PartialSuffix);
        if (partials.Count > 0)
        {
            problems.Add($"{scenario}: partial files left: {string.Join(", ", partials)}");
        }

        var expected = bundle.Manifest.Files.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal);
        foreach (var file in Directory.Exists(destination) ? Directory.EnumerateFiles(destination, "*", SearchOption.AllDirectories) : [])
        {
            var relative = Path.GetRelativePath(destination, file).Replace('\\', '/');
            if (expected.TryGetValue(relative, out var sha) && Sha256Hex.OfFileAsync(file, CancellationToken.None).GetAwaiter().GetResult() != sha
                && !LabBundles.ContentFiles.Take(1).Any(c => c.Path == relative))
            {
                problems.Add($"{scenario}: '{relative}' is torn (present under its final name with the wrong bytes)");
            }
        }

        return problems.Count == count;
    }

    private static async Task<bool> RerunAsync(string scenario, VerifiedBundle bundle, string destination, string expectedTree, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            await new BundleContentInstaller(new BundlePathValidator()).InstallAsync(bundle, destination, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{scenario}: the rerun after fixing the fault failed: {ex.Message}");
            return false;
        }

        if (TreeHash.Of(destination) != TreeHash.Of(expectedTree))
        {
            problems.Add($"{scenario}: after the rerun the destination is not byte-identical to the export server's content");
            return false;
        }

        return true;
    }

    /// <summary>Moves a volume folder away at the first progress report: the media was pulled while files were copied.</summary>
    private sealed class UnplugOnFirstReport(string volume, string away) : IProgress<TransferProgress>
    {
        private int _done;

        public bool Done => Volatile.Read(ref _done) == 1;

        public void Report(TransferProgress value)
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Directory.Move(volume, away);
            }
        }
    }
}
