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

        // WsusContent fans out into 256 top-level folders: scanning them in parallel (bounded by cores) keeps a
        // no-change delta at metadata speed on large trees.
        var top = rootInfo.EnumerateFileSystemInfos().ToList();
        var entries = new List<InventoryEntry>();
        ScanFolder(top.Where(i => i is not DirectoryInfo || (i.Attributes & FileAttributes.ReparsePoint) != 0), string.Empty, entries, cancellationToken);
        var results = new List<InventoryEntry>[top.Count];
        try
        {
            Parallel.For(
                0,
                top.Count,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                i =>
                {
                    if (top[i] is DirectoryInfo directory && (directory.Attributes & FileAttributes.ReparsePoint) == 0)
                    {
                        var found = new List<InventoryEntry>();
#if NETFRAMEWORK
                        ScanTree(directory, directory.Name + "/", found, cancellationToken);
#else
                        ScanTreeFast(directory.FullName, directory.Name + "/", found, cancellationToken);
#endif
                        results[i] = found;
                    }
                });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Report the first problem itself (an UnsafePathException naming the entry), not a wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        foreach (var found in results.Where(r => r is not null))
        {
            entries.AddRange(found);
        }

        var inventory = ContentInventory.From(entries);
        _validator.EnsureAllSafe(inventory.Entries.Select(e => e.Path));
        return inventory;
    }

#if !NETFRAMEWORK
    /// <summary>
    /// The same walk as <see cref="ScanTree"/> over <see cref="System.IO.Enumeration.FileSystemEnumerable{TResult}"/>:
    /// size and last-write come from the directory entry itself, with no <see cref="FileInfo"/> object per file
    /// (measured on 55,000 files: a third of the scan's time was those objects).
    /// </summary>
    private void ScanTreeFast(string root, string rootPrefix, List<InventoryEntry> entries, CancellationToken cancellationToken)
    {
        var rootLength = root.Length;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false, ReturnSpecialDirectories = false };
        var items = new System.IO.Enumeration.FileSystemEnumerable<InventoryEntry?>(
            root,
            (ref System.IO.Enumeration.FileSystemEntry item) =>
            {
                if ((item.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    throw new UnsafePathException(Relative(ref item, rootPrefix, rootLength), PathRule.ReparsePoint,
                        $"'{item.ToFullPath()}' is a symbolic link, junction or reparse point; content must be real files. Replace it with the file it points to.");
                }

                if (item.IsDirectory || item.FileName.EndsWith(IO.HashingFileCopier.PartialSuffix.AsSpan(), StringComparison.Ordinal))
                {
                    return null;
                }

                var relative = Relative(ref item, rootPrefix, rootLength);
                var violation = _validator.Check(relative);
                if (violation is not null)
                {
                    throw violation.ToException();
                }

                return new InventoryEntry { Path = relative, Size = item.Length, LastWriteUtc = item.LastWriteTimeUtc.ToUniversalTime() };
            },
            options)
        {
            // Never descend through a link; the transform above reports it.
            ShouldRecursePredicate = (ref System.IO.Enumeration.FileSystemEntry item) => (item.Attributes & FileAttributes.ReparsePoint) == 0,
        };

        foreach (var entry in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }
    }

    /// <summary>The entry's path relative to the content root, with '/'.</summary>
    private static string Relative(ref System.IO.Enumeration.FileSystemEntry item, string rootPrefix, int rootLength)
    {
        var folder = item.Directory.Length > rootLength ? item.Directory.Slice(rootLength + 1).ToString().Replace(Path.DirectorySeparatorChar, '/') + "/" : string.Empty;
        return string.Concat(rootPrefix, folder, item.FileName.ToString());
    }
#endif

    private void ScanTree(DirectoryInfo root, string rootPrefix, List<InventoryEntry> entries, CancellationToken cancellationToken)
    {
        var pending = new Stack<(DirectoryInfo Folder, string Prefix)>();
        pending.Push((root, rootPrefix));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (folder, prefix) = pending.Pop();
            foreach (var directory in ScanFolder(folder.EnumerateFileSystemInfos(), prefix, entries, cancellationToken))
            {
                pending.Push((directory, prefix + directory.Name + "/"));
            }
        }
    }

    /// <summary>Adds the files among <paramref name="items"/> to <paramref name="entries"/>; returns the subfolders.</summary>
    private List<DirectoryInfo> ScanFolder(IEnumerable<FileSystemInfo> items, string prefix, List<InventoryEntry> entries, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var folders = new List<DirectoryInfo>();
        foreach (var item in items)
        {
            var relative = prefix + item.Name;
            if ((item.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                throw new UnsafePathException(relative, PathRule.ReparsePoint,
                    $"'{item.FullName}' is a symbolic link, junction or reparse point; content must be real files. Replace it with the file it points to.");
            }

            if (item is DirectoryInfo directory)
            {
                folders.Add(directory);
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

        return folders;
    }
}
