using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.State;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Core.Tests.TestSupport;

/// <summary>
/// An export server's WsusContent + wsusutil output and a disconnected server, under one temp folder, so a test
/// reads as the admin's story: <c>new BundleScenario().WithContent("0A/x.cab", 5000).WriteBundleAsync()</c>.
/// </summary>
internal sealed class BundleScenario : IDisposable
{
    private readonly TempFolder _temp = new("scenario");

    public BundleScenario()
    {
        Directory.CreateDirectory(ContentRoot);
        _temp.WriteFile("export/meta/export.xml.gz", Bytes(2048, 7));
        _temp.WriteFile("export/meta/export.log", "Export completed\n"u8.ToArray());
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero));

    public string ContentRoot => _temp.Combine("export", "WsusContent");

    public string MetadataPackage => _temp.Combine("export", "meta", "export.xml.gz");

    public string MetadataLog => _temp.Combine("export", "meta", "export.log");

    public string BundleFolder => _temp.Combine("bundle");

    public string Destination => _temp.Combine("disconnected", "WsusContent");

    public string StateFolder => _temp.Combine("disconnected", "state");

    public string Scratch(string name) => _temp.Combine(name);

    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public BundleScenario WithContent(string path, int length, int seed = 1)
    {
        _temp.WriteFile("export/WsusContent/" + path, Bytes(length, seed));
        return this;
    }

    public BundleScenario WithContent(string path, byte[] bytes)
    {
        _temp.WriteFile("export/WsusContent/" + path, bytes);
        return this;
    }

    /// <summary>Deployment content staged for the next <see cref="WriteBundleAsync"/> (issue 18), already checked against its FileHash.</summary>
    public List<CarriedContentFile> DeploymentContent { get; } = [];

    /// <summary>The content request id the bundle answers when it carries <see cref="DeploymentContent"/>.</summary>
    public string ContentRequestId { get; } = "5b0c2a1e9f8d4c7bb1a2c3d4e5f60718";

    /// <summary>
    /// A requested update file staged on the export server (<c>staged/&lt;ContentID&gt;/&lt;FileName&gt;</c>) with its request
    /// entry; FileHash is Microsoft's SHA-1 of the bytes in the SMS Provider's <c>SHA1:&lt;hex&gt;</c> form.
    /// </summary>
    public BundleScenario WithDeploymentContent(uint contentId, string fileName, int length, int seed = 3)
    {
        var bytes = Bytes(length, seed);
        var relative = "staged/" + contentId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + fileName;
        _temp.WriteFile(relative, bytes);
        DeploymentContent.Add(new CarriedContentFile(RequestFile(contentId, fileName, bytes), _temp.Combine(relative.Split('/')), Sha(bytes)));
        return this;
    }

    /// <summary>The request entry for <paramref name="bytes"/> as the site would list it.</summary>
    public static ContentRequestFile RequestFile(uint contentId, string fileName, byte[] bytes) => new()
    {
        CiUniqueId = "8f1e2d3c-4b5a-6978-8a9b-" + contentId.ToString("x12", System.Globalization.CultureInfo.InvariantCulture),
        CiId = 16_777_000 + (int)contentId,
        ArticleId = "50" + contentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Title = "Cumulative Update KB50" + contentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ContentId = contentId,
        FileName = fileName,
        FileSize = bytes.Length,
        SourceUrl = "http://download.windowsupdate.com/d/msdownload/update/software/secu/2026/12/" + fileName,
        LanguageId = 0,
#pragma warning disable CA5350 // SHA-1 is what Microsoft's FileHash carries.
        FileHash = "SHA1:" + Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(bytes)),
#pragma warning restore CA5350
    };

    public static SourceServer Source => new() { Server = "WSUS01.corp.example", WsusVersion = "10.0.20348.1", Languages = ["en", "de"], ExpressFiles = false };

    public async Task<DeltaPlan> PlanAsync(DeltaBase? baseline = null)
    {
        var inventory = new ContentInventoryScanner(new BundlePathValidator()).Scan(ContentRoot, CancellationToken.None);
        return await new DeltaPlanner().PlanAsync(ContentRoot, inventory, baseline, CancellationToken.None);
    }

    public async Task<BundleWriteResult> WriteBundleAsync(
        long sequence = 1, BundleBase? bundleBase = null, long? maxVolumeSize = null, IManifestSigner? signer = null, string? outputFolder = null, DeltaPlan? plan = null)
    {
        var writer = new BundleWriter(signer ?? LabCertificates.ExportServerSigner, Clock, new BundlePathValidator());
        return await writer.WriteAsync(
            new BundleWriteRequest
            {
                ContentRoot = ContentRoot,
                Plan = plan ?? await PlanAsync(),
                MetadataPackagePath = MetadataPackage,
                MetadataLogPath = MetadataLog,
                OutputFolder = outputFolder ?? BundleFolder,
                Sequence = sequence,
                Base = bundleBase,
                Source = Source,
                MaxVolumeSize = maxVolumeSize,
                DeploymentContent = DeploymentContent.Count > 0 ? new DeploymentContentToCarry(ContentRequestId, DeploymentContent) : null,
            },
            null,
            CancellationToken.None);
    }

    /// <summary>A verifier whose "now" is <see cref="Clock"/>, never the real date.</summary>
    public BundleVerifier CreateVerifier() => new(new BundlePathValidator(), new ManifestSignatureVerifier(Clock));

    public Task<BundleVerificationResult> VerifyAsync(
        AcceptedBundle? lastAccepted = null, bool allowRollback = false, TrustedSigners? trusted = null, string? folder = null, long highestAccepted = 0) =>
        CreateVerifier().VerifyAsync(
            folder ?? BundleFolder, new BundleTrustContext(trusted ?? LabCertificates.TrustExportServer, lastAccepted, allowRollback, highestAccepted), null, CancellationToken.None);

    public async Task<VerifiedBundle> VerifiedAsync(string? folder = null)
    {
        var result = await VerifyAsync(folder: folder);
        Assert.IsTrue(result.Succeeded, result.Cause);
        return result.Bundle!;
    }

    /// <summary>Replaces the manifest with <paramref name="edit"/>(bytes) and signs it again with a trusted key: a tampered-but-signed bundle.</summary>
    public void ResignManifest(Func<byte[], byte[]> edit, string? manifestRelative = null)
    {
        var manifestPath = BundleLayout.ToFullPath(BundleFolder, manifestRelative ?? BundleLayout.ManifestFileName);
        var bytes = edit(File.ReadAllBytes(manifestPath));
        File.WriteAllBytes(manifestPath, bytes);
        File.WriteAllBytes(manifestPath + ".p7s", LabCertificates.ExportServerSigner.Sign(bytes));
    }

    public static AcceptedBundle Accepted(long sequence, string manifestSha256) =>
        new() { Sequence = sequence, ManifestSha256 = manifestSha256, BundleId = "previous", AcceptedAtUtc = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero) };

    public static string Sha(byte[] bytes) => Sha256Hex.OfBytes(bytes);

    public void Dispose() => _temp.Dispose();
}
