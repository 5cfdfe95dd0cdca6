using System.Globalization;
using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace CMDisconnectedSync.Lab.WsusUtil;

/// <summary>One update file the lab "metadata" describes.</summary>
internal sealed record PackageEntry(string RelativePath, long Size);

/// <summary>
/// A software update category the lab "metadata" carries (the real package carries WSUS's products and
/// classifications the same way: as metadata, not content). <paramref name="Type"/> uses ConfigMgr's
/// <c>CategoryTypeName</c> words: <c>Company</c>, <c>ProductFamily</c>, <c>Product</c>, <c>UpdateClassification</c>.
/// </summary>
internal sealed record PackageCategory(string UniqueId, string Type, string Name, string? ParentUniqueId);

/// <summary>
/// The lab's metadata package: a gzip-compressed XML document listing the files of a content folder (the real
/// package holds WSUS database metadata; the lab's stands in for it with something the import can check).
/// </summary>
internal static class MetadataPackage
{
    public const string RootElement = "LabWsusMetadata";
    public const string FileElement = "Update";
    public const string CategoryElement = "Category";
    public const string PaddingElement = "Padding";
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

    public static void Write(string packagePath, IReadOnlyList<PackageEntry> entries, DateTimeOffset created) =>
        Write(packagePath, entries, [], created);

    /// <summary>
    /// Writes a package; <paramref name="paddingBytes"/> adds that many incompressible characters in a
    /// <c>Padding</c> element the import ignores, so a test can make a package as large as real WSUS metadata
    /// (hundreds of MB) is relative to its volumes without a huge content tree.
    /// </summary>
    public static void Write(string packagePath, IReadOnlyList<PackageEntry> entries, IReadOnlyList<PackageCategory> categories, DateTimeOffset created, int paddingBytes = 0)
    {
        var document = new XDocument(new XElement(RootElement,
            new XAttribute("version", FormatVersion),
            new XAttribute("created", created.ToString("o", CultureInfo.InvariantCulture)),
            categories.Select(c => new XElement(CategoryElement,
                new XAttribute("id", c.UniqueId),
                new XAttribute("type", c.Type),
                new XAttribute("name", c.Name),
                c.ParentUniqueId is null ? null : new XAttribute("parent", c.ParentUniqueId))),
            entries.Select(e => new XElement(FileElement, new XAttribute("path", e.RelativePath), new XAttribute("size", e.Size))),
            paddingBytes > 0 ? new XElement(PaddingElement, Padding(paddingBytes)) : null));
        using var file = new FileStream(packagePath, FileMode.CreateNew, FileAccess.Write);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        document.Save(gzip);
    }

    private static string Padding(int length)
    {
        // Base64 of random bytes: gzip cannot shrink it below about three quarters. Fixed seed: same padding every run.
        var bytes = new byte[(length * 3 / 4) + 3];
#pragma warning disable CA5394 // Not security: filler for a lab package.
        new Random(20261125).NextBytes(bytes);
#pragma warning restore CA5394
        return Convert.ToBase64String(bytes).Substring(0, length);
    }

    /// <summary>Reads and validates a package; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static IReadOnlyList<PackageEntry> Read(string packagePath) => ReadPackage(packagePath).Entries;

    /// <summary>Reads and validates a package: its files and its categories (none in a package without them).</summary>
    public static (IReadOnlyList<PackageEntry> Entries, IReadOnlyList<PackageCategory> Categories) ReadPackage(string packagePath)
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

        var categories = root.Elements(CategoryElement).Select(e =>
        {
            var id = (string?)e.Attribute("id");
            var type = (string?)e.Attribute("type");
            var name = (string?)e.Attribute("name");
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(type) || string.IsNullOrEmpty(name))
            {
                throw new InvalidDataException($"{packagePath} has a <{CategoryElement}> without id, type and name: {e}");
            }

            return new PackageCategory(id!, type!, name!, (string?)e.Attribute("parent"));
        }).ToList();

        var entries = root.Elements(FileElement).Select(e =>
        {
            var path = (string?)e.Attribute("path");
            if (string.IsNullOrEmpty(path) || !long.TryParse((string?)e.Attribute("size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                throw new InvalidDataException($"{packagePath} has an <{FileElement}> without a valid path and size: {e}");
            }

            return new PackageEntry(path!, size);
        }).ToList();
        return (entries, categories);
    }
}
