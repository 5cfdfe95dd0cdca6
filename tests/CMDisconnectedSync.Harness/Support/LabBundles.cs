using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.Signing;

namespace CMDisconnectedSync.Harness.Support;

/// <summary>
/// Valid, signed bundles written by the real <see cref="BundleWriter"/> from a small WsusContent-like tree: the
/// templates every hostile bundle is derived from. <c>Full</c> (sequence 5, one folder), <c>Split</c> (sequence 5,
/// volume-NNN folders with a file in parts), <c>Other</c> (sequence 6, different content, for mix-and-match) and
/// <c>Delta</c> (sequence 6 against Full).
/// </summary>
internal sealed class LabBundles
{
    public const long FullSequence = 5;

    /// <summary>A content tree shaped like WsusContent: two-hex-digit folders, cabs, a license-terms text, an empty file.</summary>
    public static readonly IReadOnlyList<(string Path, int Length)> ContentFiles =
    [
        ("0A/0A1B2C3D.cab", 3000), ("0A/0A9F00EE.exe", 1200), ("3D/3D4E5F60.cab", 5000),
        ("7C/7C00AA11.psf", 150_000), ("FF/FFEE0001.txt", 400), ("FF/FFEE0002.txt", 0),
    ];

    private LabBundles(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string ContentRoot => Path.Combine(Root, "export", "WsusContent");

    public string OtherContentRoot => Path.Combine(Root, "export2", "WsusContent");

    public string Full => Path.Combine(Root, "bundles", "full");

    public string Split => Path.Combine(Root, "bundles", "split");

    public string Other => Path.Combine(Root, "bundles", "other");

    public string Delta => Path.Combine(Root, "bundles", "delta");

    public string FullManifestSha256 { get; private set; } = string.Empty;

    public string OtherManifestSha256 { get; private set; } = string.Empty;

    public static async Task<LabBundles> CreateAsync(string root, LabKeys keys, CancellationToken cancellationToken)
    {
        var lab = new LabBundles(root);
        WriteTree(lab.ContentRoot, ContentFiles, seed: 1);
        WriteTree(lab.OtherContentRoot, ContentFiles.Select(f => (f.Path, f.Length + 7)).Append(("AB/AB000001.cab", 2222)).ToList(), seed: 2);
        var metadata = Path.Combine(root, "export", "meta");
        WriteTree(metadata, [("export.xml.gz", 2048), ("export.log", 300)], seed: 3);

        var writer = new BundleWriter(keys.ExportServerSigner, new FixedClock(LabKeys.Now), new BundlePathValidator());
        var full = await WriteAsync(writer, lab.ContentRoot, metadata, lab.Full, FullSequence, null, null, cancellationToken).ConfigureAwait(false);
        lab.FullManifestSha256 = full.ManifestSha256;
        await WriteAsync(writer, lab.ContentRoot, metadata, lab.Split, FullSequence, null, 80_000, cancellationToken).ConfigureAwait(false);
        var other = await WriteAsync(writer, lab.OtherContentRoot, metadata, lab.Other, FullSequence + 1, null, null, cancellationToken).ConfigureAwait(false);
        lab.OtherManifestSha256 = other.ManifestSha256;
        await WriteAsync(writer, lab.OtherContentRoot, metadata, lab.Delta, FullSequence + 1, new BundleBase(FullSequence, full.ManifestSha256), null, cancellationToken).ConfigureAwait(false);
        return lab;
    }

    public static SourceServer Source => new() { Server = "WSUS01.corp.example", WsusVersion = "10.0.20348.1", Languages = ["de", "en"], ExpressFiles = false };

    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static void WriteTree(string root, IEnumerable<(string Path, int Length)> files, int seed)
    {
        foreach (var (path, length) in files)
        {
            var full = Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, Bytes(length, seed + path.Length + length));
        }
    }

    private static async Task<BundleWriteResult> WriteAsync(
        BundleWriter writer, string contentRoot, string metadata, string output, long sequence, BundleBase? bundleBase, long? maxVolumeSize, CancellationToken cancellationToken)
    {
        var inventory = new ContentInventoryScanner(new BundlePathValidator()).Scan(contentRoot, cancellationToken);
        var plan = await new DeltaPlanner().PlanAsync(contentRoot, inventory, null, cancellationToken).ConfigureAwait(false);
        return await writer.WriteAsync(
            new BundleWriteRequest
            {
                ContentRoot = contentRoot,
                Plan = plan,
                MetadataPackagePath = Path.Combine(metadata, "export.xml.gz"),
                MetadataLogPath = Path.Combine(metadata, "export.log"),
                OutputFolder = output,
                Sequence = sequence,
                Base = bundleBase,
                Source = Source,
                MaxVolumeSize = maxVolumeSize,
            },
            null,
            cancellationToken).ConfigureAwait(false);
    }
}
