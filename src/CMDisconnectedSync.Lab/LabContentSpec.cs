namespace CMDisconnectedSync.Lab;

/// <summary>
/// The shape of a generated WsusContent tree: how many update payload files, how many license-terms (EULA) text
/// files, and roughly how many bytes in all. The same spec and seed always give the same bytes.
/// </summary>
public sealed record LabContentSpec(int PayloadFiles, int LicenseTermsFiles, long TotalPayloadBytes, int Seed)
{
    /// <summary>What <c>cmdsync demo</c> uses: big enough to show progress and rates, small enough for a minute's run.</summary>
    public static LabContentSpec Demo { get; } = new(PayloadFiles: 1_800, LicenseTermsFiles: 200, TotalPayloadBytes: 192L * 1024 * 1024, Seed: 2103);

    /// <summary>What the wizard's lab (<c>--lab</c>) starts with: big enough for its progress page to show rates and steps.</summary>
    public static LabContentSpec Wizard { get; } = new(PayloadFiles: 600, LicenseTermsFiles: 60, TotalPayloadBytes: 96L * 1024 * 1024, Seed: 2309);

    /// <summary>A few files for unit tests.</summary>
    public static LabContentSpec Tiny { get; } = new(PayloadFiles: 24, LicenseTermsFiles: 4, TotalPayloadBytes: 256 * 1024, Seed: 7);
}
