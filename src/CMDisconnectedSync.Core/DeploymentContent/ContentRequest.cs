using System.Text.Json.Serialization;
using CMDisconnectedSync.Bundles;

namespace CMDisconnectedSync.DeploymentContent;

/// <summary>
/// <c>request.json</c>: the deployment content (update files clients install) a disconnected site asks the internet
/// side for, written by <c>cmdsync content request</c> from the site's own SMS Provider (issue 18). Each file is one
/// <c>SMS_CIContentFiles</c> row of a content (<c>SMS_CIToContent</c>) of a requested update, with Microsoft's
/// <c>FileHash</c> kept exactly as the provider returned it (parsed by <c>MicrosoftFileDigest</c>, not here).
/// Serialize only through <see cref="ContentRequestSerializer"/> (canonical order, versioned). Property order here is
/// the order on disk.
/// </summary>
/// <remarks>
/// Sources: SMS_CIContentFiles
/// (https://learn.microsoft.com/mem/configmgr/develop/reference/sum/sms_cicontentfiles-server-wmi-class: ContentID
/// UInt32, FileName String "including the subdirectory path under the root directory", FileHash String, FileSize
/// SInt64, LanguageID UInt32, SourceURL String) and SMS_CIToContent
/// (https://learn.microsoft.com/mem/configmgr/develop/reference/sum/sms_citocontent-server-wmi-class).
/// </remarks>
public sealed record ContentRequest
{
    /// <summary>"major.minor". Readers accept any minor of a major they know and reject other majors.</summary>
    public required string FormatVersion { get; init; }

    /// <summary>Unique id of this request (a GUID in "N" form): the bundle that answers it names it.</summary>
    public required string RequestId { get; init; }

    /// <summary>The site code of the disconnected site that wrote the request (its SMS Provider's ConnectedSiteCode).</summary>
    public required string SiteCode { get; init; }

    /// <summary>When the request was written (UTC; stored as <c>2026-11-25T14:00:00.0000000Z</c>).</summary>
    [JsonConverter(typeof(UtcTimestampConverter))]
    public required DateTimeOffset CreatedAtUtc { get; init; }

    /// <summary>How the updates were chosen (informational: for the admin reading the file and for logs).</summary>
    public required ContentSelection Selection { get; init; }

    /// <summary>
    /// The language IDs (LCIDs, <c>SMS_CIContentFiles.LanguageID</c>) files were limited to; empty when no language
    /// filter was applied. Language-neutral files (LanguageID 0 or absent) are always requested.
    /// </summary>
    public IReadOnlyList<uint> Languages { get; init; } = [];

    /// <summary>Every requested file, sorted by content ID then file name (ordinal).</summary>
    public required IReadOnlyList<ContentRequestFile> Files { get; init; }
}

/// <summary>What the admin selected: software update groups by name, every required update, and/or single updates.</summary>
public sealed record ContentSelection
{
    /// <summary>
    /// Software update groups by name (<c>SMS_AuthorizationList.LocalizedDisplayName</c>) or by CI_ID written as
    /// <c>CI:16777400</c> (<c>SMS_AuthorizationList.CI_ID</c>, what the console's row action passes).
    /// </summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>True when every update the site's clients report as required was selected.</summary>
    public bool Required { get; init; }

    /// <summary>Updates as typed: KB article IDs (<c>KB5005565</c> or <c>5005565</c>) or CI_IDs.</summary>
    public IReadOnlyList<string> Updates { get; init; } = [];
}

/// <summary>
/// One file of one content of one update. <see cref="FileHash"/> is <c>SMS_CIContentFiles.FileHash</c> verbatim.
/// In a bundle the file travels as <c>deployment-content/&lt;ContentId&gt;/&lt;FileName&gt;</c>
/// (<see cref="ContentRequestSerializer.BundleRelativePath"/>).
/// </summary>
public sealed record ContentRequestFile
{
    /// <summary><c>SMS_SoftwareUpdate.CI_UniqueID</c> of the update this content belongs to (the update's GUID).</summary>
    public required string CiUniqueId { get; init; }

    /// <summary><c>SMS_SoftwareUpdate.CI_ID</c> on the requesting site (site-local).</summary>
    public required int CiId { get; init; }

    /// <summary><c>SMS_SoftwareUpdate.ArticleID</c> (the KB number without "KB"); may be empty.</summary>
    public string ArticleId { get; init; } = string.Empty;

    /// <summary><c>SMS_SoftwareUpdate.LocalizedDisplayName</c>.</summary>
    public required string Title { get; init; }

    /// <summary><c>SMS_CIContentFiles.ContentID</c> / <c>SMS_CIToContent.ContentID</c> (UInt32): what <c>AddUpdateContent</c> takes.</summary>
    public required uint ContentId { get; init; }

    /// <summary><c>SMS_CIContentFiles.FileName</c>, with <c>/</c> between folders when it holds a subdirectory path.</summary>
    public required string FileName { get; init; }

    /// <summary><c>SMS_CIContentFiles.FileSize</c> (SInt64), in bytes.</summary>
    public required long FileSize { get; init; }

    /// <summary><c>SMS_CIContentFiles.SourceURL</c>: where Microsoft serves the file (http or https).</summary>
    public required string SourceUrl { get; init; }

    /// <summary><c>SMS_CIContentFiles.LanguageID</c> (UInt32, may be null on the provider; 0 = language-neutral).</summary>
    public uint? LanguageId { get; init; }

    /// <summary><c>SMS_CIContentFiles.FileHash</c> exactly as the SMS Provider returned it.</summary>
    public required string FileHash { get; init; }
}
