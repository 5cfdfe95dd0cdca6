using System.Security.Cryptography;

namespace CMDisconnectedSync.Installer.Harvest;

/// <summary>A shipped file with the ids the generated WiX uses for it.</summary>
/// <param name="DirectoryId">Id of the Directory the file is installed into (a generated one or a Product.wxs root).</param>
internal sealed record HarvestedFile(
    string Area,
    string SourcePath,
    string TargetDirectoryId,
    string InstallPath,
    string DirectoryId,
    string FileId,
    string ComponentId,
    Guid ComponentGuid)
{
    public string FileName => InstallPath[(InstallPath.LastIndexOf('/') + 1)..];
}

/// <summary>A sub-folder created below a Product.wxs root directory.</summary>
internal sealed record HarvestedDirectory(string Id, string ParentId, string Name);

internal sealed record HarvestResult(
    IReadOnlyList<string> Areas,
    IReadOnlyList<HarvestedFile> Files,
    IReadOnlyList<HarvestedDirectory> Directories)
{
    public IEnumerable<HarvestedFile> FilesOf(string area) => Files.Where(file => file.Area == area);
}

/// <summary>
/// Assigns ids to the files of every area and merges areas that install into the same folder. The App and the CLI
/// both ship e.g. CMDisconnectedSync.Core.dll into INSTALLFOLDER: the first area keeps it, a later byte-identical
/// copy is dropped, and a later copy with different bytes stops the build (two versions cannot share one path).
/// </summary>
internal static class Harvester
{
    public static HarvestResult Harvest(IReadOnlyList<HarvestSource> sources)
    {
        var claimed = new Dictionary<string, HarvestedFile>(StringComparer.OrdinalIgnoreCase);
        var directories = new Dictionary<string, HarvestedDirectory>(StringComparer.Ordinal);
        var files = new List<HarvestedFile>();

        foreach (var source in sources)
        {
            foreach (var file in source.Files)
            {
                var locationKey = source.TargetDirectoryId + "/" + file.InstallPath;
                if (claimed.TryGetValue(locationKey, out var owner))
                {
                    EnsureSameContent(owner, source.Area, file);
                    continue;
                }

                var directoryId = EnsureDirectories(source.TargetDirectoryId, file.InstallPath, directories);
                var harvested = new HarvestedFile(
                    source.Area,
                    file.SourcePath,
                    source.TargetDirectoryId,
                    file.InstallPath,
                    directoryId,
                    StableIds.Identifier("fil", locationKey),
                    StableIds.Identifier("cmp", locationKey),
                    StableIds.NameBasedGuid("component/" + locationKey));
                claimed.Add(locationKey, harvested);
                files.Add(harvested);
            }
        }

        return new HarvestResult(
            sources.Select(source => source.Area).ToList(),
            files,
            directories.Values.OrderBy(directory => directory.Id, StringComparer.Ordinal).ToList());
    }

    private static string EnsureDirectories(string rootId, string installPath, Dictionary<string, HarvestedDirectory> directories)
    {
        var parentId = rootId;
        var segments = installPath.Split('/');
        var path = rootId;
        foreach (var folder in segments[..^1])
        {
            path += "/" + folder;
            var id = StableIds.Identifier("dir", path);
            directories.TryAdd(id, new HarvestedDirectory(id, parentId, folder));
            parentId = id;
        }

        return parentId;
    }

    private static void EnsureSameContent(HarvestedFile owner, string area, SourceFile candidate)
    {
        if (!HashOf(owner.SourcePath).AsSpan().SequenceEqual(HashOf(candidate.SourcePath)))
        {
            throw new HarvestException(
                $"{area} ships '{candidate.SourcePath}' and {owner.Area} ships a different '{owner.SourcePath}' to the same " +
                $"place ({owner.TargetDirectoryId}/{owner.InstallPath}). Align the package versions of both projects " +
                "(Directory.Packages.props) so they publish the same file.");
        }
    }

    private static byte[] HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return SHA256.HashData(stream);
    }
}
