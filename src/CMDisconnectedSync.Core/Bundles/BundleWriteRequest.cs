using CMDisconnectedSync.Delta;
using CMDisconnectedSync.DeploymentContent;

namespace CMDisconnectedSync.Bundles;

/// <summary>Everything <see cref="BundleWriter"/> needs to produce one bundle folder.</summary>
public sealed record BundleWriteRequest
{
    /// <summary>The WsusContent root the planned files are relative to.</summary>
    public required string ContentRoot { get; init; }

    /// <summary>The files to carry (from <see cref="DeltaPlanner"/>), and the paths the base has that are gone.</summary>
    public required DeltaPlan Plan { get; init; }

    /// <summary>wsusutil export package (<c>.xml.gz</c>) and its log.</summary>
    public required string MetadataPackagePath { get; init; }

    public required string MetadataLogPath { get; init; }

    /// <summary>New, empty (or absent) folder to write the bundle into.</summary>
    public required string OutputFolder { get; init; }

    public required long Sequence { get; init; }

    /// <summary>The state this bundle is a delta against; null for a full bundle.</summary>
    public BundleBase? Base { get; init; }

    public required SourceServer Source { get; init; }

    /// <summary>Split into <c>volume-NNN</c> folders of at most this many bytes; null for one folder.</summary>
    public long? MaxVolumeSize { get; init; }

    /// <summary>Bundle id to record; a new GUID when null.</summary>
    public string? BundleId { get; init; }

    /// <summary>
    /// Deployment content to carry (issue 18), already checked against Microsoft's digests; null (or no files) for a
    /// bundle without it, which then keeps format 1.0 byte for byte.
    /// </summary>
    public DeploymentContentToCarry? DeploymentContent { get; init; }
}

/// <summary>The deployment content a bundle carries: the content request it answers and each file, staged on this server.</summary>
/// <param name="ContentRequestId">The <see cref="ContentRequest.RequestId"/> these files answer.</param>
/// <param name="Files">The files, in any order (the writer sorts them by bundle path).</param>
public sealed record DeploymentContentToCarry(string ContentRequestId, IReadOnlyList<CarriedContentFile> Files);

/// <summary>
/// One staged deployment content file: its request entry, where its bytes are, and the SHA-256 they had when they were
/// checked against Microsoft's digest. The writer refuses the file (and writes no manifest) when the bytes it copies
/// hash differently: nothing unchecked enters the bundle.
/// </summary>
public sealed record CarriedContentFile(ContentRequestFile Request, string SourcePath, string Sha256);

/// <summary>The written bundle: its folder, manifest (and exact bytes, for the export chain) and hash.</summary>
public sealed record BundleWriteResult(string BundleFolder, BundleManifest Manifest, byte[] ManifestBytes, string ManifestSha256);
