using System.Text.Json.Serialization;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.Bundles;

/// <summary>
/// <c>manifest.json</c>: what a transfer bundle contains and where it fits in the export chain (design.md §3).
/// Serialize only through <see cref="ManifestSerializer"/>, which makes the bytes canonical (the signature covers
/// them exactly). Property order here is the order on disk.
/// </summary>
public sealed record BundleManifest
{
    /// <summary>"major.minor". Readers accept any minor of a major they know and reject other majors.</summary>
    public required string FormatVersion { get; init; }

    /// <summary>Unique id of this bundle (a GUID in "N" form), for logs and receipts.</summary>
    public required string BundleId { get; init; }

    /// <summary>Position in the export chain; strictly increasing, so the disconnected side can refuse replays.</summary>
    public required long Sequence { get; init; }

    [JsonConverter(typeof(UtcTimestampConverter))]
    public required DateTimeOffset CreatedAtUtc { get; init; }

    public required SourceServer Source { get; init; }

    /// <summary>The state this bundle is a delta against; null for a full bundle.</summary>
    public BundleBase? Base { get; init; }

    /// <summary>Largest number of bytes stored in one volume folder; null when the bundle is not split.</summary>
    public long? MaxVolumeSize { get; init; }

    /// <summary>Number of <c>volume-NNN</c> folders; 0 when the bundle is not split.</summary>
    public int VolumeCount { get; init; }

    /// <summary>The wsusutil export package and its log.</summary>
    public required MetadataFiles Metadata { get; init; }

    /// <summary>Content files carried by this bundle, WsusContent-relative, sorted ordinal by path.</summary>
    public required IReadOnlyList<BundleFileEntry> Files { get; init; }

    /// <summary>Paths present in the base but gone from the source (informational; import never deletes).</summary>
    public IReadOnlyList<string> RemovedPaths { get; init; } = [];

    /// <summary>
    /// The <see cref="DeploymentContent.ContentRequest.RequestId"/> of the content request this bundle's
    /// <see cref="DeploymentContent"/> answers; null when it carries none (format 1.1).
    /// </summary>
    public string? ContentRequestId { get; init; }

    /// <summary>
    /// Deployment content (issue 18): update files the disconnected site requested, stored in the bundle under
    /// <c>deployment-content/&lt;ContentID&gt;/&lt;FileName&gt;</c>, sorted ordinal by that path. Kept apart from
    /// <see cref="Files"/> on purpose: they never go into WsusContent, and a 1.0 reader, which skips members it does not
    /// know, then cannot mistake them for WsusContent files (format 1.1). Null (not written) when the bundle carries
    /// none, so a bundle without deployment content keeps the 1.0 bytes.
    /// </summary>
    public IReadOnlyList<DeploymentContentEntry>? DeploymentContent { get; init; }
}

/// <summary>
/// One carried deployment content file: the request entry it answers, verbatim (with Microsoft's <c>FileHash</c>,
/// the second anchor on import), and where and how it is stored in the bundle (bundle-relative path
/// <see cref="DeploymentContent.ContentRequestSerializer.BundleRelativePath"/>, size, SHA-256, volume or parts).
/// </summary>
public sealed record DeploymentContentEntry
{
    public required DeploymentContent.ContentRequestFile Request { get; init; }

    public required BundleFileEntry File { get; init; }
}

/// <summary>The export server and the WSUS settings the import server must match (design.md §4).</summary>
public sealed record SourceServer
{
    public required string Server { get; init; }

    public required string WsusVersion { get; init; }

    /// <summary>Update languages enabled on the export WSUS (sorted ordinal on write).</summary>
    public required IReadOnlyList<string> Languages { get; init; }

    /// <summary>Whether the export WSUS downloads express installation files.</summary>
    public required bool ExpressFiles { get; init; }
}

/// <summary>What the export believed the disconnected side already had: its sequence and manifest hash.</summary>
public sealed record BundleBase(long Sequence, string ManifestSha256);

/// <summary>wsusutil <c>export</c>'s package (<c>.xml.gz</c>) and log, stored under <c>metadata/</c>.</summary>
public sealed record MetadataFiles(BundleFileEntry Package, BundleFileEntry Log);

/// <summary>Whether a content file is new to the base or replaces a file with different bytes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContentChange>))]
public enum ContentChange
{
    New,
    Changed,
}

/// <summary>
/// One file in the bundle: relative path with <c>/</c>, size and SHA-256 of the whole file, and where its bytes
/// are stored: either whole in <see cref="Volume"/>, or as <see cref="Parts"/> when larger than a volume.
/// </summary>
public sealed record BundleFileEntry
{
    // The SHA-256 is held as 32 bytes, not as its 64-character hex string (~150 bytes per entry): a million-entry
    // manifest is verified in ~120 MB less memory. Text that is not 64 lowercase hex digits (null, upper case,
    // truncated) is kept verbatim, so the getter returns exactly what was set and validation still rejects it.
    private readonly Sha256Digest _digest;
    private readonly string? _sha256Text;
    private readonly bool _isDigest;

    public required string Path { get; init; }

    public required long Size { get; init; }

    /// <summary>Lowercase hex SHA-256 of the whole file (built from the compact digest on each read).</summary>
    public required string Sha256
    {
        get => _isDigest ? _digest.ToString() : _sha256Text!;
        init
        {
            _isDigest = Sha256Digest.TryParse(value, out _digest);
            _sha256Text = _isDigest ? null : value;
        }
    }

    /// <summary>The SHA-256 as a compact digest; default when <see cref="Sha256"/> is not well-formed.</summary>
    internal Sha256Digest Digest => _digest;

    /// <summary>New or changed against the base (content files only; null for metadata).</summary>
    public ContentChange? Change { get; init; }

    /// <summary>Volume number (1-based) holding the whole file; 0 when the bundle is not split or the file is in parts.</summary>
    public int Volume { get; init; }

    /// <summary>The file's consecutive byte ranges when it was split across volumes; null when stored whole.</summary>
    public IReadOnlyList<FilePart>? Parts { get; init; }
}

/// <summary>One consecutive byte range of a split file, stored in one volume with its own SHA-256.</summary>
public sealed record FilePart(int Index, int Volume, long Size, string Sha256);
