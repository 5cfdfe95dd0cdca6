using System.Globalization;
using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace CMDisconnectedSync.Lab.WsusUtil;

/// <summary>One update file the lab "metadata" describes.</summary>
internal sealed record PackageEntry(string RelativePath, long Size);

/// <summary>
/// The lab's metadata package: a gzip-compressed XML document listing the files of a content folder (the real
/// package holds WSUS database metadata; the lab's stands in for it with something the import can check).
/// </summary>
internal static class MetadataPackage
{
    public const string RootElement = "LabWsusMetadata";
    public const string FileElement = "Update";
    public const int FormatVersion = 1;

    public static IReadOnlyList<PackageEntry> ListContent(string contentFolder)
    {
        if (!Directory.Exists(contentFolder))
        {
            throw new DirectoryNotFoundException($"The content folder {contentFolder} does not exist.");
        }

        var root = Path.GetFullPath(contentFolder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => new PackageEntry(path.Substring(root.Length).Replace(Path.DirectorySeparatorChar, '/'), new FileInfo(path).Length))
            .OrderBy(e => e.RelativePath, StringComparer.Ordinal)
            .ToList();
    }

    public static void Write(string packagePath, IReadOnlyList<PackageEntry> entries, DateTimeOffset created)
    {
        var document = new XDocument(new XElement(RootElement,
            new XAttribute("version", FormatVersion),
            new XAttribute("created", created.ToString("o", CultureInfo.InvariantCulture)),
            entries.Select(e => new XElement(FileElement, new XAttribute("path", e.RelativePath), new XAttribute("size", e.Size)))));
        using var file = new FileStream(packagePath, FileMode.CreateNew, FileAccess.Write);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        document.Save(gzip);
    }

    /// <summary>Reads and validates a package; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static IReadOnlyList<PackageEntry> Read(string packagePath)
    {
        XDocument document;
        try
        {
            using var file = new FileStream(packagePath, FileMode.Open, FileAccess.Read);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            document = XDocument.Load(gzip);
        }
        catch (Exception exception) when (exception is InvalidDataException or XmlException or EndOfStreamException)
        {
            throw new InvalidDataException($"{packagePath} is not a gzip-compressed metadata package: {exception.Message}", exception);
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != RootElement)
        {
            throw new InvalidDataException($"{packagePath} has no <{RootElement}> root element.");
        }

        if ((string?)root.Attribute("version") != FormatVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidDataException($"{packagePath} has package version '{(string?)root.Attribute("version")}', expected {FormatVersion}.");
        }

        return root.Elements(FileElement).Select(e =>
        {
            var path = (string?)e.Attribute("path");
            if (string.IsNullOrEmpty(path) || !long.TryParse((string?)e.Attribute("size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                throw new InvalidDataException($"{packagePath} has an <{FileElement}> without a valid path and size: {e}");
            }

            return new PackageEntry(path!, size);
        }).ToList();
    }
}
