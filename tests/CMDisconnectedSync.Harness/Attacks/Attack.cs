using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Harness.Support;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.State;

namespace CMDisconnectedSync.Harness.Attacks;

/// <summary>Which valid bundle an attack starts from (see <see cref="LabBundles"/>).</summary>
internal enum BundleTemplate
{
    Full,
    Split,
    Other,
    Delta,
}

/// <summary>Which certificates the disconnected side trusts.</summary>
internal enum TrustedSignerSet
{
    ExportServer,

    /// <summary>The export server and an expired certificate someone forgot to remove from trusted-signers.txt.</summary>
    ExportServerAndExpired,
}

/// <summary>What the disconnected side knows when the hostile bundle arrives: trusted signers and the last accepted bundle.</summary>
internal sealed record TrustSetup(TrustedSignerSet Signers, long? LastSequence = null, string? LastManifestSha256 = null)
{
    public static TrustSetup Fresh { get; } = new(TrustedSignerSet.ExportServer);

    /// <summary>A short name usable as a folder name, one per distinct setup.</summary>
    public string Key => $"{Signers}-{LastSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}-{(LastManifestSha256 is { Length: > 12 } sha ? sha.Substring(0, 12) : LastManifestSha256 ?? "none")}";

    public BundleTrustContext ToContext(LabKeys keys) => new(
        Signers == TrustedSignerSet.ExportServer ? keys.TrustExportServer : keys.TrustExportServerAndExpired,
        LastSequence is null ? null : new AcceptedBundle { Sequence = LastSequence.Value, ManifestSha256 = LastManifestSha256!, BundleId = "previous", AcceptedAtUtc = LabKeys.Now.AddDays(-1) });

    public TrustedSigners TrustedSigners(LabKeys keys) => ToContext(keys).TrustedSigners;
}

/// <summary>Everything a mutation may use: the copy to damage, the lab, the keys, a seeded random and a folder outside the bundle.</summary>
internal sealed record AttackTarget(string Folder, LabBundles Lab, LabKeys Keys, Random Random, string Outside);

/// <summary>
/// One hostile bundle: its class (for the per-class table), what exactly was done, the valid bundle it starts from,
/// the state it meets, the documented exit codes a correct rejection may carry, and the damage itself.
/// </summary>
internal sealed record Attack(string Class, string Variant, BundleTemplate Template, TrustSetup Trust, IReadOnlySet<int> ExpectedExitCodes, Action<AttackTarget> Mutate)
{
    public override string ToString() => $"{Class}/{Variant}";
}
