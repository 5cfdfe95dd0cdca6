namespace CMDisconnectedSync.Harness.Support;

/// <summary>Plain recursive folder copy (the harness's own, so the engine under test is not used to set up its tests).</summary>
internal static class TreeCopy
{
    public static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            Copy(folder, Path.Combine(destination, Path.GetFileName(folder)));
        }
    }

    /// <summary>Clears read-only bits (Windows) and restores owner write permission (Unix) so a tree can be deleted.</summary>
    public static void MakeWritable(string root)
    {
        foreach (var item in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Append(new DirectoryInfo(root)))
        {
            if (item.LinkTarget is not null)
            {
                continue;
            }

            if (OperatingSystem.IsWindows())
            {
                item.Attributes &= ~FileAttributes.ReadOnly;
            }
            else
            {
                File.SetUnixFileMode(item.FullName, File.GetUnixFileMode(item.FullName) | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }
}
