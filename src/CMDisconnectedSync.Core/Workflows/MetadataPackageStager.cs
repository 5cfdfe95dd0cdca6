using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// Copies a verified bundle's wsusutil package to a local staging folder before <c>wsusutil import</c> reads it
/// (never from removable media that can be pulled mid-import), checking its SHA-256 on the way.
/// </summary>
public static class MetadataPackageStager
{
    public const string StagingFolderName = "import-staging";

    /// <summary>The staging folder of one bundle under the state folder.</summary>
    public static string FolderFor(string stateFolder, string manifestSha256) =>
        Path.Combine(stateFolder, StagingFolderName, manifestSha256.Substring(0, Math.Min(16, manifestSha256.Length)));

    /// <summary>Returns the local package path; reuses a previous copy whose hash matches.</summary>
    public static async Task<string> StageAsync(VerifiedBundle bundle, string stagingFolder, CancellationToken cancellationToken)
    {
        _ = bundle ?? throw new ArgumentNullException(nameof(bundle));
        var package = bundle.Manifest.Metadata.Package;
        var local = Path.Combine(stagingFolder, Path.GetFileName(package.Path.Replace('/', Path.DirectorySeparatorChar)));
        if (File.Exists(local) && new FileInfo(local).Length == package.Size
            && string.Equals(await Sha256Hex.OfFileAsync(local, cancellationToken).ConfigureAwait(false), package.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return local;
        }

        Directory.CreateDirectory(stagingFolder);
        if (File.Exists(local))
        {
            File.Delete(local);
        }

        if (package.Parts is null)
        {
            var source = BundleLayout.ToFullPath(bundle.Folder, BundleLayout.StoredPath(BundleLayout.MetadataFolder, package));
            await HashingFileCopier.CopyAsync(source, local, package.Sha256, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var parts = package.Parts.Select(p => BundleLayout.ToFullPath(bundle.Folder, BundleLayout.PartPath(package, p))).ToList();
            await SplitFileCopier.JoinAsync(parts, local, package.Sha256, null, cancellationToken).ConfigureAwait(false);
        }

        return local;
    }
}
