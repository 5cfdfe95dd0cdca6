using System.Diagnostics;
using System.Globalization;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.State;
using CMDisconnectedSync.State.Protection;

// Verbs (all paths absolute):
//   gen-tree <dir> <largeFiles> <largeTotalBytes> <smallFiles>   deterministic pseudo-random content tree
//   gen-real <dir> <largeFiles> <largeTotalBytes> <smallFiles> <smallTotalBytes>
//                                                                tree shaped like a real WsusContent: XX/<SHA-1>.cab,
//                                                                large files 1-300 MiB (log-uniform), small 1 KiB-1 MiB
//   delta <contentDir> <chainDir>                                no-change delta scan against the export chain
//   manifest-gen <entries> <bundleDir> <certOutDir>              signed manifest with N entries (no content)
//   manifest-verify <bundleDir> <thumbprint>                     BundleVerifier on it (stops at completeness)
//   verify-phases <bundleDir> <thumbprint>                       profile: manifest parse alone, then a whole verify, timed in-process
//   install-content <bundleDir> <destDir> <thumbprint>           the import's content copy alone (ImportBench.cs; bench/import.sh)
return args.Length == 0 ? Usage() : args[0] switch
{
    "gen-tree" => GenTree(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), long.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture)),
    "gen-real" => GenReal(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), long.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture), long.Parse(args[5], CultureInfo.InvariantCulture)),
    "delta" => await DeltaAsync(args[1], args[2]).ConfigureAwait(false),
    "manifest-gen" => ManifestGen(int.Parse(args[1], CultureInfo.InvariantCulture), args[2], args[3]),
    "manifest-read" => await ManifestReadAsync(args[1]).ConfigureAwait(false),
    "manifest-verify" => await ManifestVerifyAsync(args[1], args[2]).ConfigureAwait(false),
    "verify-phases" => await VerifyPhasesAsync(args[1], args[2]).ConfigureAwait(false),
    "install-content" => await ImportBench.InstallContentAsync(args[1], args[2], args[3]).ConfigureAwait(false),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: bench gen-tree|delta|manifest-gen|manifest-verify ...");
    return 2;
}

static int GenTree(string root, int largeFiles, long largeTotal, int smallFiles)
{
    var buffer = new byte[1 << 20];
    new Random(42).NextBytes(buffer);
    var each = largeTotal / Math.Max(1, largeFiles);
    void Write(string path, long size, int salt)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var offset = salt % 4096;
        var remaining = size;
        while (remaining > 0)
        {
            var n = (int)Math.Min(remaining, buffer.Length - offset);
            buffer[offset] ^= (byte)salt; // every file differs
            stream.Write(buffer, offset, n);
            remaining -= n;
            offset = 0;
        }
    }

    for (var i = 0; i < largeFiles; i++)
    {
        Write(Path.Combine(root, (i % 256).ToString("X2", CultureInfo.InvariantCulture), $"{i:D8}large.cab"), each, i);
    }

    for (var i = 0; i < smallFiles; i++)
    {
        Write(Path.Combine(root, (i % 256).ToString("X2", CultureInfo.InvariantCulture), $"{i:D8}small.txt"), 1024 + (i % 3072), i + 7);
    }

    return 0;
}

static int GenReal(string root, int largeFiles, long largeTotal, int smallFiles, long smallTotal)
{
    // Sizes drawn log-uniform (1-300 MiB large, 1 KiB-1 MiB small) with a fixed seed, then scaled to the asked totals,
    // so a scaled-down tree keeps the shape (a few big files carry most bytes, most files are small). Names are the
    // WsusContent form <first two hex digits of the SHA-1>/<SHA-1>.cab; the SHA-1 is of the index, not the content.
    var random = new Random(4242);
    long[] Sizes(int count, double min, double max, long total)
    {
        var raw = Enumerable.Range(0, count).Select(_ => Math.Exp(Math.Log(min) + (random.NextDouble() * (Math.Log(max) - Math.Log(min))))).ToArray();
        var scale = count == 0 ? 1 : total / raw.Sum();
        return raw.Select(r => Math.Max(1L, (long)(r * scale))).ToArray();
    }

    var sizes = Sizes(largeFiles, 1 << 20, 300L << 20, largeTotal).Concat(Sizes(smallFiles, 1024, 1 << 20, smallTotal)).ToArray();
    var buffer = new byte[1 << 20];
    random.NextBytes(buffer);
    for (var i = 0; i < sizes.Length; i++)
    {
#pragma warning disable CA5350 // a file name shaped like WsusContent's, not a security use
        var name = Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(BitConverter.GetBytes(i)));
#pragma warning restore CA5350
        var path = Path.Combine(root, name[..2], name + ".cab");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var offset = i % 4096;
        BitConverter.TryWriteBytes(buffer.AsSpan(offset, 4), i); // every file differs
        for (var remaining = sizes[i]; remaining > 0;)
        {
            var n = (int)Math.Min(remaining, buffer.Length - offset);
            stream.Write(buffer, offset, n);
            remaining -= n;
            offset = 0;
        }
    }

    Console.WriteLine($"gen-real: {largeFiles} large files ({sizes.Take(largeFiles).Sum() >> 20} MiB, largest {(sizes.Length == 0 ? 0 : sizes.Take(largeFiles).DefaultIfEmpty().Max() >> 20)} MiB) + {smallFiles} small ({sizes.Skip(largeFiles).Sum() >> 20} MiB)");
    return 0;
}

static async Task<int> DeltaAsync(string content, string chainDir)
{
    var watch = Stopwatch.StartNew();
    var chain = await new ExportChainStore(chainDir, new PosixStateFolderProtection()).LoadAsync(CancellationToken.None).ConfigureAwait(false) ?? throw new InvalidOperationException("no chain in " + chainDir);
    var loaded = watch.Elapsed.TotalSeconds;
    var inventory = new ContentInventoryScanner(new BundlePathValidator()).Scan(content, CancellationToken.None);
    var scanned = watch.Elapsed.TotalSeconds;
    var plan = await new DeltaPlanner().PlanAsync(content, inventory, chain.ToDeltaBase(), CancellationToken.None).ConfigureAwait(false);
    Console.WriteLine($"delta: {plan.Files.Count} to send, {plan.UnchangedCount} unchanged, {plan.RemovedPaths.Count} removed in {watch.Elapsed.TotalSeconds:F2}s (chain load {loaded:F2}s, scan {scanned - loaded:F2}s, plan {watch.Elapsed.TotalSeconds - scanned:F2}s)");
    return plan.Files.Count == 0 ? 0 : 1;
}

static int ManifestGen(int entries, string bundleDir, string certDir)
{
    using var certificate = new LabCertificateFactory(TimeProvider.System).Create("CN=bench", TimeSpan.FromDays(30));
    Directory.CreateDirectory(certDir);
    File.WriteAllText(Path.Combine(certDir, "thumbprint.txt"), certificate.Thumbprint);
    var sha = new string('a', 64);
    var files = new List<BundleFileEntry>(entries);
    for (var i = 0; i < entries; i++)
    {
        files.Add(new BundleFileEntry { Path = $"{i % 256:X2}/{i:D8}0123456789ABCDEF0123456789ABCDEF01234567.cab", Size = 1000 + i, Sha256 = sha, Change = ContentChange.New });
    }

    var manifest = new BundleManifest
    {
        FormatVersion = ManifestSerializer.CurrentFormatVersion,
        BundleId = "bench",
        Sequence = 1,
        CreatedAtUtc = TimeProvider.System.GetUtcNow(),
        Source = new SourceServer { Server = "bench", WsusVersion = "10", Languages = ["en"], ExpressFiles = false },
        Metadata = new MetadataFiles(new BundleFileEntry { Path = "export.xml.gz", Size = 1, Sha256 = sha }, new BundleFileEntry { Path = "export.log", Size = 1, Sha256 = sha }),
        Files = files,
    };
    var bytes = ManifestSerializer.Serialize(manifest);
    Directory.CreateDirectory(bundleDir);
    File.WriteAllBytes(Path.Combine(bundleDir, BundleLayout.ManifestFileName), bytes);
    File.WriteAllBytes(Path.Combine(bundleDir, BundleLayout.SignatureFileName), new CmsManifestSigner(certificate).Sign(bytes));
    Console.WriteLine($"manifest: {entries} entries, {bytes.Length / 1048576.0:F1} MiB");
    return 0;
}

static async Task<int> ManifestVerifyAsync(string bundleDir, string thumbprint)
{
    var watch = Stopwatch.StartNew();
    var verifier = new BundleVerifier(new BundlePathValidator(), new ManifestSignatureVerifier(TimeProvider.System));
    var result = await verifier.VerifyAsync(bundleDir, new BundleTrustContext(new TrustedSigners([new SignerIdentity("CN=bench", thumbprint)]), null), null, CancellationToken.None).ConfigureAwait(false);

    // Expected: everything up to completeness passes (signature, trust, 1M path checks), then FileMissing (no content on disk).
    Console.WriteLine($"manifest-verify: {result.Failure?.ToString() ?? "verified"} after {watch.Elapsed.TotalSeconds:F2}s, files={result.Summary?.Files}");
    return result.Failure == VerificationFailureKind.FileMissing ? 0 : 1;
}

static async Task<int> ManifestReadAsync(string bundleDir)
{
    // Memory of the parsed manifest alone, to see how much of verify's peak is the entries themselves.
    var (manifest, _) = await ManifestSerializer.ReadFileAsync(Path.Combine(bundleDir, BundleLayout.ManifestFileName), CancellationToken.None).ConfigureAwait(false);
    var managed = GC.GetTotalMemory(forceFullCollection: true);
    using var self = Process.GetCurrentProcess();
    Console.WriteLine($"manifest-read: {manifest.Files.Count} entries, managed {managed / 1048576} MiB, peak working set {self.PeakWorkingSet64 / 1048576} MiB");
    return 0;
}

static async Task<int> VerifyPhasesAsync(string bundleDir, string thumbprint)
{
    var watch = Stopwatch.StartNew();
    await ManifestSerializer.CheckFormatAsync(Path.Combine(bundleDir, BundleLayout.ManifestFileName), CancellationToken.None).ConfigureAwait(false);
    var format = watch.Elapsed.TotalSeconds;
    var (manifest, _) = await ManifestSerializer.ReadFileAsync(Path.Combine(bundleDir, BundleLayout.ManifestFileName), CancellationToken.None).ConfigureAwait(false);
    var read = watch.Elapsed.TotalSeconds;
    var verifier = new BundleVerifier(new BundlePathValidator(), new ManifestSignatureVerifier(TimeProvider.System));
    var result = await verifier.VerifyAsync(bundleDir, new BundleTrustContext(new TrustedSigners([new SignerIdentity("CN=bench", thumbprint)]), null), null, CancellationToken.None).ConfigureAwait(false);
    var verify = watch.Elapsed.TotalSeconds;
    Console.WriteLine($"verify-phases: {manifest.Files.Count} entries; format check {format:F2}s, manifest read {read - format:F2}s, whole verify {verify - read:F2}s ({result.Failure?.ToString() ?? "verified"}); process start to Main {(TimeProvider.System.GetLocalNow().DateTime - Process.GetCurrentProcess().StartTime).TotalSeconds - verify:F2}s");
    return result.Succeeded ? 0 : 1;
}
