using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.Bundles;

/// <summary>
/// Numbers every stored file of a bundle (metadata, whole content files, parts) and maps a relative path found on
/// disk back to its number, without building a path string per entry up front: a 1M-entry manifest is verified
/// in memory proportional to the manifest itself, not twice that.
/// </summary>
internal sealed class StoredFileIndex
{
    private readonly List<(string Area, BundleFileEntry Entry)> _entries;
    private readonly Dictionary<string, int> _content = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _metadata = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _deployment = new(StringComparer.Ordinal);
    private readonly int[] _firstItem;

    public StoredFileIndex(BundleManifest manifest)
    {
        _entries = new List<(string Area, BundleFileEntry Entry)>(manifest.Files.Count + 2 + (manifest.DeploymentContent?.Count ?? 0));
        _entries.AddRange(BundleLayout.Entries(manifest));
        _firstItem = new int[_entries.Count + 1];
        for (var e = 0; e < _entries.Count; e++)
        {
            var (area, entry) = _entries[e];
            (area == BundleLayout.ContentFolder ? _content : area == BundleLayout.MetadataFolder ? _metadata : _deployment)[entry.Path] = e;
            _firstItem[e + 1] = _firstItem[e] + (entry.Parts?.Count ?? 1);
        }
    }

    /// <summary>Number of stored files (parts count separately).</summary>
    public int Count => _firstItem[_entries.Count];

    /// <summary>The stored file with number <paramref name="item"/> (path built on demand).</summary>
    public StoredFile Describe(int item)
    {
        var e = EntryOf(item);
        var (area, entry) = _entries[e];
        if (entry.Parts is null)
        {
            return new StoredFile(BundleLayout.StoredPath(area, entry), entry.Path, entry.Size, entry.Sha256, entry.Volume);
        }

        var part = entry.Parts[item - _firstItem[e]];
        return new StoredFile(BundleLayout.PartPath(entry, part), $"{entry.Path} (part {part.Index} of {entry.Parts.Count})", part.Size, part.Sha256, part.Volume);
    }

    private (BundleFileEntry Entry, FilePart? Part) Locate(int item)
    {
        var e = EntryOf(item);
        var entry = _entries[e].Entry;
        return (entry, entry.Parts?[item - _firstItem[e]]);
    }

    private int EntryOf(int item)
    {
        var e = Array.BinarySearch(_firstItem, item);
        if (e < 0)
        {
            e = ~e - 1;
        }
        else
        {
            // Several entries can share a start only if one had zero items, which cannot happen (each has >= 1).
            while (e + 1 < _firstItem.Length && _firstItem[e + 1] == item)
            {
                e++;
            }
        }

        return e;
    }

    /// <summary>Expected size of stored file <paramref name="item"/> (no strings built).</summary>
    public long SizeOf(int item)
    {
        var (entry, part) = Locate(item);
        return part?.Size ?? entry.Size;
    }

    /// <summary>Expected SHA-256 of stored file <paramref name="item"/>.</summary>
    public Sha256Digest DigestOf(int item)
    {
        var (entry, part) = Locate(item);
        return part is null ? entry.Digest : Sha256Digest.TryParse(part.Sha256, out var digest) ? digest : default;
    }

    /// <summary>Relative stored path of file <paramref name="item"/> (the only string built).</summary>
    public string StoredPathOf(int item)
    {
        var e = EntryOf(item);
        var (area, entry) = _entries[e];
        return entry.Parts is null ? BundleLayout.StoredPath(area, entry) : BundleLayout.PartPath(entry, entry.Parts[item - _firstItem[e]]);
    }

    /// <summary>The number of the stored file at <paramref name="relativePath"/>, or -1 when the manifest does not place one there.</summary>
    public int Find(string relativePath)
    {
        var volume = 0;
        var rest = relativePath;
        if (rest.StartsWith("volume-", StringComparison.Ordinal) && rest.Length > 11 && rest[10] == '/'
            && TryParseDigits(rest, 7, 3, out volume) && volume > 0)
        {
            rest = rest.Substring(11);
        }
        else
        {
            volume = 0;
        }

        if (TryStrip(rest, BundleLayout.ContentFolder, out var path) && _content.TryGetValue(path, out var e))
        {
            return _entries[e].Entry.Parts is null && _entries[e].Entry.Volume == volume ? _firstItem[e] : -1;
        }

        if (TryStrip(rest, BundleLayout.MetadataFolder, out path) && _metadata.TryGetValue(path, out e))
        {
            return _entries[e].Entry.Parts is null && _entries[e].Entry.Volume == volume ? _firstItem[e] : -1;
        }

        // Deployment content is stored under its own entry path (deployment-content/<ContentID>/<FileName>).
        if (_deployment.TryGetValue(rest, out e))
        {
            return _entries[e].Entry.Parts is null && _entries[e].Entry.Volume == volume ? _firstItem[e] : -1;
        }

        if (volume > 0 && TryStrip(rest, BundleLayout.PartsFolder, out path))
        {
            var dot = path.LastIndexOf('.');
            // Parts of split metadata (a wsusutil package larger than a volume) share the parts folder with content
            // parts; the writer refuses a content path that would collide with a split metadata file's parts.
            if (dot > 0 && path.Length - dot == 4
                && TryParseDigits(path, dot + 1, 3, out var index)
                && (_content.TryGetValue(path.Substring(0, dot), out e) || _metadata.TryGetValue(path.Substring(0, dot), out e) || _deployment.TryGetValue(path.Substring(0, dot), out e)))
            {
                var parts = _entries[e].Entry.Parts;
                return parts is not null && index >= 1 && index <= parts.Count && parts[index - 1].Volume == volume ? _firstItem[e] + index - 1 : -1;
            }
        }

        return -1;
    }

    private static bool TryParseDigits(string value, int start, int length, out int number)
    {
        number = 0;
        for (var i = start; i < start + length; i++)
        {
            if (value[i] is < '0' or > '9')
            {
                return false;
            }

            number = (number * 10) + (value[i] - '0');
        }

        return true;
    }

    private static bool TryStrip(string value, string folder, out string rest)
    {
        if (value.Length > folder.Length + 1 && value.StartsWith(folder, StringComparison.Ordinal) && value[folder.Length] == '/')
        {
            rest = value.Substring(folder.Length + 1);
            return true;
        }

        rest = string.Empty;
        return false;
    }
}
