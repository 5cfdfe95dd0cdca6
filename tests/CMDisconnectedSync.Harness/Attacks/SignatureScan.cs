using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Harness.Support;
using CMDisconnectedSync.Signing;

namespace CMDisconnectedSync.Harness.Attacks;

/// <summary>Every byte of a real signature file XORed with every single-bit mask: which changes still verify as trusted?</summary>
internal static class SignatureScan
{
    public static async Task<SuiteResult> RunAsync(TextWriter progress, CancellationToken cancellationToken)
    {
        using var work = new WorkFolder("sigscan");
        using var keys = new LabKeys();
        var lab = await LabBundles.CreateAsync(work.Combine("lab"), keys, cancellationToken).ConfigureAwait(false);
        var manifest = File.ReadAllBytes(Path.Combine(lab.Full, BundleLayout.ManifestFileName));
        var signature = File.ReadAllBytes(Path.Combine(lab.Full, BundleLayout.SignatureFileName));
        var verifier = new ManifestSignatureVerifier(new FixedClock(LabKeys.Now));
        var problems = new List<string>();
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        for (var offset = 0; offset < signature.Length; offset++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var damaged = (byte[])signature.Clone();
                damaged[offset] ^= (byte)(1 << bit);
                var check = verifier.Verify(manifest, damaged, keys.TrustExportServer);
                total++;
                outcomes[check.Outcome.ToString()] = outcomes.GetValueOrDefault(check.Outcome.ToString()) + 1;
                if (check.Outcome == SignatureOutcome.Trusted)
                {
                    problems.Add($"offset {offset} of {signature.Length}, bit {bit}: still trusted");
                }
            }
        }

        await progress.WriteLineAsync($"  outcomes: {string.Join(", ", outcomes.Select(o => $"{o.Key}×{o.Value}"))}").ConfigureAwait(false);
        return new SuiteResult($"trusted after a bit flip: {problems.Count} of {total}", problems, []);
    }
}
