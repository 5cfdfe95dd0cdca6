using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.Signing;

namespace CMDisconnectedSync.Workflows;

/// <summary>What to export and where (the options of <c>cmdsync export</c> and of the export wizard).</summary>
public sealed record ExportRequest
{
    /// <summary>New or empty folder for the bundle (on the transfer media or a staging disk).</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Signs manifest.json (PFX or certificate store).</summary>
    public required IManifestSigner Signer { get; init; }

    /// <summary>The export server's state folder: the export chain (last manifest + inventory) and the journals.</summary>
    public required string StateFolder { get; init; }

    /// <summary>Name of this server, recorded in the manifest.</summary>
    public required string SourceServerName { get; init; }

    /// <summary>Send only what this state receipt (from the disconnected server) lacks, instead of the export chain.</summary>
    public string? ReceiptPath { get; init; }

    /// <summary>Use this earlier bundle as the base instead of the export chain (the chain's head, or a full bundle).</summary>
    public string? BaseBundleFolder { get; init; }

    /// <summary>Split into volume folders of at most this many bytes (FAT32: 4 GiB − 1).</summary>
    public long? MaxVolumeSize { get; init; }

    /// <summary>Headroom to keep free on the bundle volume beyond the bytes written.</summary>
    public long MarginBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>A last WSUS synchronization older than this is a preflight warning.</summary>
    public TimeSpan MaxSyncAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// When a wsusutil started by an earlier run that was killed is still running: null refuses at once (exit 5, naming
    /// the process); a duration waits up to that long for it to end, then resumes (or refuses).
    /// </summary>
    public TimeSpan? WaitForEarlierWsusUtil { get; init; }

    /// <summary>
    /// The disconnected site's content request (<c>--content-request</c>, issue 18): its files are gathered, checked
    /// against Microsoft's digests, and carried in the bundle as deployment content. Null: a bundle without it.
    /// </summary>
    public ContentRequest? ContentRequest { get; init; }

    /// <summary>
    /// A folder to take requested files from before downloading (<c>--content-from</c>): written by
    /// <c>cmdsync content fetch</c> (<c>&lt;ContentID&gt;/&lt;FileName&gt;</c>) or flat. Null: download what WsusContent lacks.
    /// </summary>
    public string? ContentFromFolder { get; init; }

    /// <summary>How requested files are downloaded (proxy, parallel connections, attempts): the options of <c>content fetch</c>.</summary>
    public ContentDownloadOptions ContentDownload { get; init; } = new();
}
