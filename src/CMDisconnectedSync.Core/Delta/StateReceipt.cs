using System.Text.Json.Serialization;
using CMDisconnectedSync.Bundles;

namespace CMDisconnectedSync.Delta;

/// <summary>
/// What the disconnected side has (<c>cmdsync receipt</c>): its content inventory with hashes and the last
/// accepted sequence + manifest hash. Carried back to the export side so the next bundle sends exactly what is
/// missing, even after a lost bundle.
/// </summary>
public sealed record StateReceipt
{
    public const string CurrentFormatVersion = "1.0";

    public string FormatVersion { get; init; } = CurrentFormatVersion;

    [JsonConverter(typeof(UtcTimestampConverter))]
    public required DateTimeOffset CreatedAtUtc { get; init; }

    /// <summary>The server the receipt was made on, for the export log.</summary>
    public required string Server { get; init; }

    /// <summary>Last accepted bundle; null when nothing was imported yet.</summary>
    public BundleBase? LastAccepted { get; init; }

    public required ContentInventory Inventory { get; init; }

    /// <summary>The base an export against this receipt declares, and whose inventory it may omit.</summary>
    public DeltaBase ToDeltaBase() => new(LastAccepted, Inventory, TimestampsComparable: false);
}
