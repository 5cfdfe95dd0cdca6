using System.Diagnostics;
using System.Globalization;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.Signing;

/// <summary>
/// <c>install-content &lt;bundleDir&gt; &lt;destDir&gt; &lt;thumbprint&gt;</c>: the import's content step in-process (issue 20), for
/// bench/import.sh and for profiling (strace -c). Checks the bundle (signature, walk; the content hash reused), then
/// times <see cref="BundleContentInstaller.InstallAsync"/> into an empty destination, the data on disk when it returns
/// (the installer flushes before it renames). Prints one line: <c>install-content: files=N bytes=B check=Xs install=Ys</c>.
/// </summary>
internal static class ImportBench
{
    public static async Task<int> InstallContentAsync(string bundleDir, string destination, string thumbprint)
    {
        var watch = Stopwatch.StartNew();
        var verifier = new BundleVerifier(new BundlePathValidator(), new ManifestSignatureVerifier(TimeProvider.System));
        var check = await verifier.CheckAsync(bundleDir, new BundleTrustContext(new TrustedSigners([new SignerIdentity("CN=bench", thumbprint)]), null), CancellationToken.None).ConfigureAwait(false);
        // The content step as the run after the wizard's verification (or a resume) sees it: the content verification
        // is reused (stamp unchanged), so the only pass over the bytes is the copy's own hash-while-copying.
        var verified = await verifier.VerifyContentAsync(check, check.Passed ? new ContentVerification(check.ManifestSha256!, check.ContentStamp!) : null, null, CancellationToken.None).ConfigureAwait(false);
        var verify = watch.Elapsed.TotalSeconds;
        if (verified.Bundle is not { } bundle)
        {
            Console.Error.WriteLine("install-content: the bundle does not verify: " + verified.Cause);
            return 1;
        }

        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, recursive: true);
        }

        watch.Restart();
        var result = await new BundleContentInstaller(new BundlePathValidator()).InstallAsync(bundle, destination, null, CancellationToken.None).ConfigureAwait(false);
        var install = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "install-content: files={0} bytes={1} check={2:F2}s install={3:F2}s", result.Copied, result.BytesCopied, verify, install));
        return 0;
    }
}
