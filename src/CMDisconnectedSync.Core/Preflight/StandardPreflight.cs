using CMDisconnectedSync.Host;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Preflight;

/// <summary>What the export preflight needs to know about the run.</summary>
/// <param name="BundleFolder">Where the bundle will be written.</param>
/// <param name="BundleBytes">Bytes the bundle will take (content delta + metadata estimate).</param>
/// <param name="MarginBytes">Headroom to keep free on the bundle volume.</param>
/// <param name="MaxSyncAge">Older last synchronizations are a warning.</param>
public sealed record ExportPreflightOptions(string BundleFolder, long BundleBytes, long MarginBytes, TimeSpan MaxSyncAge)
{
    /// <summary>The package path wsusutil export will get (its extension and UNC-ness decide what it stages in %TEMP%); null: a local <c>.xml.gz</c> in the bundle folder.</summary>
    public string? WsusUtilPackagePath { get; init; }

    /// <summary>The last export's package size, the best guess for this one (null: <see cref="WsusUtilTempSpace.ExportPackageFloorBytes"/>).</summary>
    public long? PriorPackageBytes { get; init; }
}

/// <summary>What the import preflight needs to know about the bundle.</summary>
/// <param name="ExportServerSettings">Languages/express setting recorded in the bundle manifest.</param>
/// <param name="ContentBytes">Bytes the content copy will add to WsusContent.</param>
/// <param name="MarginBytes">Headroom to keep free on the WsusContent volume (WSUS and its database need it).</param>
public sealed record ImportPreflightOptions(WsusSettings ExportServerSettings, long ContentBytes, long MarginBytes)
{
    /// <summary>The metadata package to import (its size drives what wsusutil stages in %TEMP%).</summary>
    public long MetadataPackageBytes { get; init; }

    /// <summary>The package path wsusutil import will get; null: a local <c>.xml.gz</c>.</summary>
    public string? WsusUtilPackagePath { get; init; }
}

/// <summary>The check lists shown before an export and before an import (issue 5), in the order an admin fixes them.</summary>
public static class StandardPreflight
{
    public static IReadOnlyList<IPreflightCheck> ForExport(
        IElevation elevation, IWsusServer wsus, IVolumeInspector volumes, TimeProvider clock, ExportPreflightOptions options)
    {
        _ = options ?? throw new ArgumentNullException(nameof(options));
        var status = new WsusStatusReading(wsus);
        return
        [
            new ElevatedAdministratorCheck(elevation),
            new WsusInstalledCheck(wsus),
            new LastWsusSynchronizationCheck(status, clock, options.MaxSyncAge),
            new NoWsusSynchronizationRunningCheck(status),
            new FreeSpaceCheck(volumes, "bundle target", options.BundleFolder, options.BundleBytes, options.MarginBytes),
            new WsusUtilTempSpaceCheck(volumes, wsus, WsusUtilOperation.Export,
                options.WsusUtilPackagePath ?? Path.Combine(options.BundleFolder, "export" + WsusMetadataFileNames.PackageExtension),
                options.PriorPackageBytes, options.MarginBytes),
        ];
    }

    /// <summary>
    /// Import checks. The WsusContent checks need the installation; when WSUS is not installed they are left out
    /// and the "WSUS installed" check fails with the reason.
    /// </summary>
    public static IReadOnlyList<IPreflightCheck> ForImport(
        IElevation elevation, IWsusServer wsus, IVolumeInspector volumes, ImportPreflightOptions options)
    {
        _ = wsus ?? throw new ArgumentNullException(nameof(wsus));
        _ = options ?? throw new ArgumentNullException(nameof(options));
        var status = new WsusStatusReading(wsus);
        var checks = new List<IPreflightCheck>
        {
            new ElevatedAdministratorCheck(elevation),
            new WsusInstalledCheck(wsus),
            new NotReplicaCheck(status),
            new NoWsusSynchronizationRunningCheck(status),
            new WsusSettingsMatchCheck(status, options.ExportServerSettings),
        };
        if (wsus.LocateInstallation().Installation is { } installation)
        {
            checks.Add(new ContentVolumeCheck(volumes, installation.ContentDirectory));
            checks.Add(new FreeSpaceCheck(volumes, "WsusContent", installation.ContentDirectory, options.ContentBytes, options.MarginBytes));
            checks.Add(new WsusUtilTempSpaceCheck(volumes, wsus, WsusUtilOperation.Import,
                options.WsusUtilPackagePath ?? "import" + WsusMetadataFileNames.PackageExtension, options.MetadataPackageBytes, options.MarginBytes));
        }

        return checks;
    }
}
