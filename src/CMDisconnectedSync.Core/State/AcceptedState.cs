using System.Text.Json.Serialization;
using CMDisconnectedSync.Bundles;

namespace CMDisconnectedSync.State;

/// <summary>The last bundle the disconnected side accepted: the anchor for replay/rollback and base checks.</summary>
public sealed record AcceptedBundle
{
    public required long Sequence { get; init; }

    public required string ManifestSha256 { get; init; }

    public required string BundleId { get; init; }

    [JsonConverter(typeof(UtcTimestampConverter))]
    public required DateTimeOffset AcceptedAtUtc { get; init; }
}

/// <summary>An admin accepted an older or equal sequence on purpose; kept forever for audit.</summary>
public sealed record RollbackOverride
{
    public required long FromSequence { get; init; }

    public required long ToSequence { get; init; }

    public required string Reason { get; init; }

    [JsonConverter(typeof(UtcTimestampConverter))]
    public required DateTimeOffset AtUtc { get; init; }
}

/// <summary><c>state.json</c> in the disconnected side's state folder.</summary>
public sealed record AcceptedState
{
    public const string CurrentFormatVersion = "1.0";

    public string FormatVersion { get; init; } = CurrentFormatVersion;

    public AcceptedBundle? LastAccepted { get; init; }

    /// <summary>
    /// The highest sequence this server ever accepted; never lowered, not even by a rollback override (which lowers
    /// <see cref="LastAccepted"/>). Anything at or below it needs an override. A state file written before this
    /// existed loads with <see cref="LastAccepted"/>'s sequence.
    /// </summary>
    public long HighestAcceptedSequence { get; init; }

    public IReadOnlyList<RollbackOverride> RollbackOverrides { get; init; } = [];
}
