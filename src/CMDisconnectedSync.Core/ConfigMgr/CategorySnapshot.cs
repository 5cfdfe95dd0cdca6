namespace CMDisconnectedSync.ConfigMgr;

/// <summary>The site's update categories at one moment, kept so the next import can list what is new.</summary>
/// <param name="SiteCode">The site the categories were read from.</param>
/// <param name="TakenAt">When (UTC).</param>
/// <param name="Categories">Every category with its subscription state.</param>
public sealed record CategorySnapshot(string SiteCode, DateTimeOffset TakenAt, IReadOnlyList<UpdateCategory> Categories)
{
    /// <summary>The on-disk format version; a reader refuses versions it does not know.</summary>
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
}
