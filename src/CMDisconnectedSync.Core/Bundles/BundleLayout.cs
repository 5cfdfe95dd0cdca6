using System.Globalization;

namespace CMDisconnectedSync.Bundles;

/// <summary>
/// Where each thing lives inside a bundle folder (the one place that knows). Unsplit:
/// <c>manifest.json</c>, <c>manifest.json.p7s</c>, <c>metadata/&lt;name&gt;</c>, <c>content/&lt;path&gt;</c>.
/// Split into volumes: <c>volume-NNN/</c> folders, each a self-contained medium; volume 1 also holds the manifest
/// and signature; a file larger than a volume is stored as <c>volume-NNN/parts/&lt;path&gt;.NNN</c>.
/// Relative paths always use <c>/</c>.
/// </summary>
public static class BundleLayout
{
    public const string ManifestFileName = "manifest.json";
    public const string SignatureFileName = "manifest.json.p7s";
    public const string ContentFolder = "content";
    public const string MetadataFolder = "metadata";
    public const string PartsFolder = "parts";

    /// <summary>
    /// Deployment content (issue 18) is stored under its entry path, which already starts with this folder
    /// (<c>deployment-content/&lt;ContentID&gt;/&lt;FileName&gt;</c>), so its area is empty: <c>[volume-NNN/]&lt;entry path&gt;</c>.
    /// </summary>
    public const string DeploymentContentArea = "";

    /// <summary>Bytes reserved in volume 1 for the manifest and signature: a fixed allowance plus this much per entry.</summary>
    public const long ManifestReserveBase = 64 * 1024;
    public const long ManifestReservePerEntry = 512;

    public static string VolumeFolder(int volume) => "volume-" + volume.ToString("000", CultureInfo.InvariantCulture);

    /// <summary>Folder (relative) holding manifest.json and its signature.</summary>
    public static string ManifestFolder(int volumeCount) => volumeCount > 0 ? VolumeFolder(1) : string.Empty;

    public static string ManifestPath(int volumeCount) => Join(ManifestFolder(volumeCount), ManifestFileName);

    public static string SignaturePath(int volumeCount) => Join(ManifestFolder(volumeCount), SignatureFileName);

    /// <summary>Relative stored path of a whole (unsplit) content or metadata file.</summary>
    public static string StoredPath(string area, BundleFileEntry entry)
    {
        _ = entry ?? throw new ArgumentNullException(nameof(entry));
        return Join(entry.Volume > 0 ? VolumeFolder(entry.Volume) : string.Empty, area.Length == 0 ? entry.Path : area + "/" + entry.Path);
    }

    /// <summary>Relative stored path of one part of a split file.</summary>
    public static string PartPath(BundleFileEntry entry, FilePart part)
    {
        _ = entry ?? throw new ArgumentNullException(nameof(entry));
        _ = part ?? throw new ArgumentNullException(nameof(part));
        return VolumeFolder(part.Volume) + "/" + PartsFolder + "/" + entry.Path + "." + part.Index.ToString("000", CultureInfo.InvariantCulture);
    }

    /// <summary>Every file a complete bundle holds (relative, '/'), manifest and signature included.</summary>
    public static IEnumerable<StoredFile> ExpectedFiles(BundleManifest manifest)
    {
        _ = manifest ?? throw new ArgumentNullException(nameof(manifest));
        yield return new StoredFile(ManifestPath(manifest.VolumeCount), ManifestFileName, null, null, manifest.VolumeCount > 0 ? 1 : 0);
        yield return new StoredFile(SignaturePath(manifest.VolumeCount), SignatureFileName, null, null, manifest.VolumeCount > 0 ? 1 : 0);
        foreach (var (area, entry) in Entries(manifest))
        {
            if (entry.Parts is null)
            {
                yield return new StoredFile(StoredPath(area, entry), entry.Path, entry.Size, entry.Sha256, entry.Volume);
            }
            else
            {
                foreach (var part in entry.Parts)
                {
                    yield return new StoredFile(PartPath(entry, part), $"{entry.Path} (part {part.Index} of {entry.Parts.Count})", part.Size, part.Sha256, part.Volume);
                }
            }
        }
    }

    /// <summary>
    /// Metadata entries (package, log), then content entries, then deployment content entries (area
    /// <see cref="DeploymentContentArea"/>), each with its area folder name.
    /// </summary>
    public static IEnumerable<(string Area, BundleFileEntry Entry)> Entries(BundleManifest manifest)
    {
        _ = manifest ?? throw new ArgumentNullException(nameof(manifest));
        yield return (MetadataFolder, manifest.Metadata.Package);
        yield return (MetadataFolder, manifest.Metadata.Log);
        foreach (var file in manifest.Files)
        {
            yield return (ContentFolder, file);
        }

        foreach (var deployment in manifest.DeploymentContent ?? [])
        {
            yield return (DeploymentContentArea, deployment.File);
        }
    }

    public static string ToFullPath(string bundleFolder, string relativePath) =>
        Path.Combine(bundleFolder, relativePath.Replace('/', Path.DirectorySeparatorChar));

    private static string Join(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;
}

/// <summary>
/// One file inside a bundle folder: where, which entry it belongs to (for messages), and what it must hash to;
/// <c>Volume</c> is 1-based, 0 when the bundle is not split.
/// </summary>
public sealed record StoredFile(string RelativePath, string Entry, long? Size, string? Sha256, int Volume);
