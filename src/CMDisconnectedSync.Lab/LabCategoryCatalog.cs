namespace CMDisconnectedSync.Lab;

/// <summary>The product (with its family and company) and classification one lab license-terms file belongs to.</summary>
public sealed record LabUpdateCategories(string Company, string ProductFamily, string Product, string Classification);

/// <summary>
/// The products and classifications of the lab. The first content generation spreads the license-terms files over
/// <see cref="Initial"/>; each simulated sync (<see cref="LabContentGenerator.SimulateSync"/>) brings one of
/// <see cref="Arriving"/>, so the disconnected site sees new products and classifications after the second import,
/// the situation the next-steps page is for. Names are real Microsoft Update category names, used as sample data.
/// </summary>
public static class LabCategoryCatalog
{
    public static IReadOnlyList<LabUpdateCategories> Initial { get; } =
    [
        new("Microsoft", "Windows", "Windows 11", "Security Updates"),
        new("Microsoft", "Windows", "Windows Server 2022", "Critical Updates"),
        new("Microsoft", "Office", "Microsoft 365 Apps/Office 2019/Office LTSC", "Updates"),
        new("Microsoft", "Windows", "Microsoft Defender Antivirus", "Definition Updates"),
    ];

    public static IReadOnlyList<LabUpdateCategories> Arriving { get; } =
    [
        new("Microsoft", "Windows", "Windows Server 2025", "Feature Packs"),
        new("Microsoft", "Windows", "Windows 11, version 24H2 and later, Servicing Drivers", "Update Rollups"),
        new("Microsoft", "Developer Tools, Runtimes, and Redistributables", ".NET 8.0", "Upgrades"),
    ];

    /// <summary>The categories of the <paramref name="index"/>-th license-terms file of a first generation.</summary>
    public static LabUpdateCategories ForGeneratedFile(int index) => Initial[index % Initial.Count];

    /// <summary>The categories a simulated sync with <paramref name="seed"/> brings.</summary>
    public static LabUpdateCategories ForSync(int seed) => Arriving[(seed & int.MaxValue) % Arriving.Count];
}
