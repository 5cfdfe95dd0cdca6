using CMDisconnectedSync.Preflight;

namespace CMDisconnectedSync.Workflows;

/// <summary>What an export run did (or, with <see cref="Failure"/>, where it stopped): what the CLI, --json and the wizard show.</summary>
public sealed record ExportOutcome
{
    public required string BundleFolder { get; init; }

    public required long Sequence { get; init; }

    /// <summary>The sequence the bundle is a delta against; null for a full bundle.</summary>
    public long? BaseSequence { get; init; }

    /// <summary>Content files in the bundle (new + changed).</summary>
    public int Files { get; init; }

    /// <summary>Content bytes in the bundle.</summary>
    public long Bytes { get; init; }

    /// <summary>Files left out because the other side already has them.</summary>
    public int UnchangedFiles { get; init; }

    /// <summary>Deployment content files carried for the content request (issue 18), each checked against Microsoft's digest.</summary>
    public int DeploymentContentFiles { get; init; }

    /// <summary>Bytes of deployment content carried.</summary>
    public long DeploymentContentBytes { get; init; }

    public int VolumeCount { get; init; }

    /// <summary>Subject and thumbprint of the signing certificate.</summary>
    public required string Signer { get; init; }

    public string? ManifestSha256 { get; init; }

    /// <summary>The wsusutil export package and log in the staging folder (copied into the bundle's metadata folder).</summary>
    public string? MetadataPackagePath { get; init; }

    public string? WsusUtilLogPath { get; init; }

    /// <summary>What wsusutil reported (success message, or the quoted error lines).</summary>
    public string? WsusUtilMessage { get; init; }

    public PreflightReport? Preflight { get; init; }

    /// <summary>Steps that had finished in an earlier, interrupted run and were not redone.</summary>
    public IReadOnlyList<string> ResumedSteps { get; init; } = [];

    public required string JournalPath { get; init; }

    /// <summary>Null when the export completed.</summary>
    public WorkflowFailure? Failure { get; init; }

    public bool Succeeded => Failure is null;
}

/// <summary>The <c>--what-if</c> answer for an export: what would run and be written; nothing was changed.</summary>
public sealed record ExportPlan
{
    public required string BundleFolder { get; init; }

    public required long Sequence { get; init; }

    public long? BaseSequence { get; init; }

    /// <summary>Where the base comes from: export chain, receipt, base bundle, or none (full bundle).</summary>
    public required string BaseDescription { get; init; }

    public required int Files { get; init; }

    public required long Bytes { get; init; }

    public required int UnchangedFiles { get; init; }

    /// <summary>Deployment content files the content request names (gathered and carried by the run).</summary>
    public int DeploymentContentFiles { get; init; }

    public long DeploymentContentBytes { get; init; }

    public required IReadOnlyList<PlannedStep> Steps { get; init; }

    public required PreflightReport Preflight { get; init; }

    public required string Signer { get; init; }
}
