using System.Text.Json.Serialization;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.State;

namespace CMDisconnectedSync.Bundles;

/// <summary>
/// Source-generated System.Text.Json metadata for every document this product writes (no reflection, so the
/// same code runs on net48 and trims on modern .NET). Compact output: indentation would use the platform's
/// newline and break "same content, same bytes".
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(BundleManifest))]
[JsonSerializable(typeof(FormatVersionProbe))]
[JsonSerializable(typeof(ManifestHeaderProbe))]
[JsonSerializable(typeof(StateReceipt))]
[JsonSerializable(typeof(ContentInventory))]
[JsonSerializable(typeof(AcceptedState))]
internal sealed partial class BundleJsonContext : JsonSerializerContext
{
}

/// <summary>Reads only <c>formatVersion</c>, so an unknown major is reported before the rest is interpreted.</summary>
internal sealed record FormatVersionProbe(string? FormatVersion);

/// <summary>Reads only the version and sequence of a manifest (the export chain needs no entries).</summary>
internal sealed record ManifestHeaderProbe(string? FormatVersion, long Sequence);
