using CMDisconnectedSync.Paths;

namespace CMDisconnectedSync.Delta;

/// <summary>
/// Lists a content tree (size + last-write UTC, no hashing): one metadata read per file, which is what makes a
/// no-change delta scan cheap. Symbolic links, junctions and unsafe names are refused, naming the entry.
/// Leftover <c>.cmdsync-partial</c> files are not content and are skipped.
/// </summary>
public sealed class ContentInventoryScanner
{
    private readonly BundlePathValidator _validator;

    public ContentInventoryScanner(BundlePathValidator validator) => _validator = validator ?? throw new ArgumentNullException(nameof(validator));

    public ContentInventory Scan(string root, CancellationToken cancellationToken)
    {
        _ = root ?? throw new ArgumentNullException(nameof(root));
        var rootInfo = new DirectoryInfo(root);
        if (!rootInfo.Exists)
        {
            throw new DirectoryNotFoundException($"The content folder '{root}' does not exist. Point --content at the WsusContent folder.");
        }

        var entries = new List<InventoryEntry>();
        var pending = new Stack<(DirectoryInfo Folder, string Prefix)>();
        pending.Push((rootInfo, string.Empty));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (folder, prefix) = pending.Pop();
            foreach (var item in folder.EnumerateFileSystemInfos())
            {
                var relative = prefix + item.Name;
                if ((item.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    throw new UnsafePathException(relative, PathRule.ReparsePoint,
                        $"'{item.FullName}' is a symbolic link, junction or reparse point; content must be real files. Replace it with the file it points to.");
                }

                if (item is DirectoryInfo directory)
                {
                    pending.Push((directory, relative + "/"));
                    continue;
                }

                if (item.Name.EndsWith(IO.HashingFileCopier.PartialSuffix, StringComparison.Ordinal))
                {
                    continue;
                }

                var violation = _validator.Check(relative);
                if (violation is not null)
                {
                    throw violation.ToException();
                }

                var file = (FileInfo)item;
                entries.Add(new InventoryEntry { Path = relative, Size = file.Length, LastWriteUtc = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero) });
            }
        }

        var inventory = ContentInventory.From(entries);
        _validator.EnsureAllSafe(inventory.Entries.Select(e => e.Path));
        return inventory;
    }
}
