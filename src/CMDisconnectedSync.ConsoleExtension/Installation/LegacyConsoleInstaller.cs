using System.Globalization;
using CMDisconnectedSync.ConsoleExtension.Generation;
using CMDisconnectedSync.ConsoleExtension.Model;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.ConsoleExtension.Installation;

/// <summary>
/// Installs and removes the legacy (pre-2103 style) console XML in <c>&lt;AdminConsole&gt;\XmlStorage\Extensions</c>.
/// Refuses while a console runs (it reads the XML only at start-up; Microsoft's how-to articles start with "If the
/// console is open, close it"). Backs up every file it overwrites or removes, records what it installed in a receipt,
/// and on uninstall removes only the files and folders in that receipt. A file that was already there with the same
/// bytes and is not in our receipt belongs to someone else (the MSI installs the same XML): it is left out of the
/// receipt, so uninstall never removes it; a file of someone else's that we overwrite is put back on uninstall.
/// </summary>
public sealed class LegacyConsoleInstaller
{
    private readonly IConsoleProcessProbe _probe;
    private readonly TimeProvider _clock;

    public LegacyConsoleInstaller(IConsoleProcessProbe probe, TimeProvider clock)
    {
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    public InstallOutcome Install(ConsoleExtensionDefinition definition, string adminConsolePath, string stateFolder)
    {
        _ = definition ?? throw new ArgumentNullException(nameof(definition));
        RefuseWhileConsoleRuns("install");
        var backup = new BackupFolder(stateFolder, _clock.GetUtcNow());
        var previous = InstallReceipt.Load(stateFolder);
        if (previous is not null && !PathsEqual(previous.AdminConsolePath, adminConsolePath))
        {
            throw new ConsoleExtensionInstalledElsewhereException(
                $"The console actions are installed in '{previous.AdminConsolePath}' (receipt in '{stateFolder}'). Run 'cmdsync console uninstall' "
                + $"first, then install into '{adminConsolePath}'. Nothing was changed.");
        }

        var createdFolders = new List<string>(previous?.CreatedFolders ?? []);
        var ours = (previous?.Files ?? []).ToDictionary(f => f.RelativePath, StringComparer.OrdinalIgnoreCase);
        var installed = new List<InstalledFile>();
        int written = 0, unchanged = 0;
        var completed = false;
        try
        {
            foreach (var file in ConsoleExtensionLayout.LegacyFiles(definition))
            {
                var target = FullPath(adminConsolePath, file.RelativePath);
                ours.TryGetValue(file.RelativePath, out var earlier);
                string? replaced = earlier?.ReplacedBackup;
                if (File.Exists(target) && File.ReadAllBytes(target).AsSpan().SequenceEqual(file.Content))
                {
                    unchanged++;
                    if (earlier is null)
                    {
                        // Someone else's identical file (the MSI's): not ours to record or remove.
                        continue;
                    }
                }
                else
                {
                    if (File.Exists(target))
                    {
                        var saved = backup.Save(target, file.RelativePath);
                        replaced ??= earlier is null ? saved : null;
                    }

                    CreateFolders(adminConsolePath, Path.GetDirectoryName(target)!, createdFolders);
                    WriteAtomically(target, file.Content);
                    written++;
                }

                installed.Add(new InstalledFile(file.RelativePath, Sha256Hex.OfBytes(file.Content), replaced));
            }

            completed = true;
        }
        finally
        {
            if (!completed)
            {
                // A failed install still records what it wrote (plus what was there before), so uninstall can remove it.
                var known = new HashSet<string>(installed.Select(f => f.RelativePath), StringComparer.OrdinalIgnoreCase);
                var partial = installed.Concat(previous?.Files.Where(f => !known.Contains(f.RelativePath)) ?? []).ToList();
                new InstallReceipt(adminConsolePath, definition.Identity.Version, _clock.GetUtcNow(), partial, createdFolders).Save(stateFolder);
            }
        }

        // A newer model may have renamed or dropped a file: remove what the previous install left that is no longer ours.
        var removed = 0;
        if (previous is not null)
        {
            var current = new HashSet<string>(installed.Select(f => f.RelativePath), StringComparer.OrdinalIgnoreCase);
            foreach (var stale in previous.Files.Where(f => !current.Contains(f.RelativePath)))
            {
                var target = FullPath(adminConsolePath, stale.RelativePath);
                if (File.Exists(target))
                {
                    backup.Save(target, stale.RelativePath);
                    File.Delete(target);
                    removed++;
                }
            }
        }

        new InstallReceipt(adminConsolePath, definition.Identity.Version, _clock.GetUtcNow(), installed, createdFolders).Save(stateFolder);
        return new InstallOutcome(adminConsolePath, written, unchanged, removed, backup.PathIfUsed, installed.Select(f => f.RelativePath).ToList());
    }

    public UninstallOutcome Uninstall(string stateFolder)
    {
        RefuseWhileConsoleRuns("uninstall");
        var receipt = InstallReceipt.Load(stateFolder)
            ?? throw new ConsoleExtensionNotInstalledException(
                $"No install receipt in '{stateFolder}': 'cmdsync console install --legacy' has not installed the console actions on this machine "
                + "(or used another --state folder). Nothing was removed.");
        var backup = new BackupFolder(stateFolder, _clock.GetUtcNow());
        int removed = 0, missing = 0, modified = 0, restored = 0;
        foreach (var file in receipt.Files)
        {
            var target = FullPath(receipt.AdminConsolePath, file.RelativePath);
            if (!File.Exists(target))
            {
                missing++;
                continue;
            }

            if (!string.Equals(Sha256Hex.OfBytes(File.ReadAllBytes(target)), file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                modified++;
            }

            // Read first: this run's backup may share the install run's folder when both ran within one millisecond.
            var original = file.ReplacedBackup is { } saved && File.Exists(saved) ? File.ReadAllBytes(saved) : null;
            backup.Save(target, file.RelativePath);
            if (original is not null)
            {
                // The file was someone else's before we overwrote it: put theirs back.
                WriteAtomically(target, original);
                restored++;
                continue;
            }

            File.Delete(target);
            removed++;
        }

        // Deepest first; a folder that now holds someone else's files stays.
        foreach (var folder in receipt.CreatedFolders.OrderByDescending(f => f.Length))
        {
            var full = FullPath(receipt.AdminConsolePath, folder);
            if (Directory.Exists(full) && !Directory.EnumerateFileSystemEntries(full).Any())
            {
                Directory.Delete(full);
            }
        }

        InstallReceipt.Delete(stateFolder);
        return new UninstallOutcome(receipt.AdminConsolePath, removed, missing, modified, backup.PathIfUsed) { Restored = restored };
    }

    private void RefuseWhileConsoleRuns(string operation)
    {
        var running = _probe.RunningConsoleProcessIds();
        if (running.Count > 0)
        {
            throw new ConsoleRunningException(string.Format(
                CultureInfo.InvariantCulture,
                "The Configuration Manager console is running (Microsoft.ConfigurationManagement.exe, process id {0}). Close every console on "
                + "this machine, then run the {1} again; the console reads its XmlStorage only when it starts. Nothing was changed.",
                string.Join(", ", running),
                operation));
        }
    }

    private static void CreateFolders(string adminConsolePath, string folder, List<string> createdFolders)
    {
        var missing = new Stack<string>();
        var root = Path.GetFullPath(adminConsolePath);
        for (var current = Path.GetFullPath(folder); !Directory.Exists(current) && current.Length > root.Length; current = Path.GetDirectoryName(current)!)
        {
            missing.Push(current);
        }

        foreach (var path in missing)
        {
            Directory.CreateDirectory(path);
            var relative = path.Substring(root.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Replace('\\', '/');
            if (!createdFolders.Contains(relative, StringComparer.OrdinalIgnoreCase))
            {
                createdFolders.Add(relative);
            }
        }
    }

    private static void WriteAtomically(string target, byte[] content)
    {
        var temporary = target + ".cmdsync-tmp";
        File.WriteAllBytes(temporary, content);
        if (File.Exists(target))
        {
            File.Replace(temporary, target, destinationBackupFileName: null);
        }
        else
        {
            File.Move(temporary, target);
        }
    }

    private static string FullPath(string root, string relative) =>
        Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd('\\', '/'), Path.GetFullPath(b).TrimEnd('\\', '/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>One timestamped backup folder per run, created only when a file needs saving.</summary>
    private sealed class BackupFolder
    {
        private readonly string _path;

        public BackupFolder(string stateFolder, DateTimeOffset now) =>
            _path = Path.Combine(stateFolder, "backup", now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture));

        public string? PathIfUsed { get; private set; }

        /// <summary>Copies <paramref name="source"/> into the backup; returns the copy's full path.</summary>
        public string Save(string source, string relativePath)
        {
            var target = Path.Combine(_path, relativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
            PathIfUsed = _path;
            return target;
        }
    }
}

public sealed record InstallOutcome(string AdminConsolePath, int Written, int Unchanged, int RemovedStale, string? BackupFolder, IReadOnlyList<string> Files);

public sealed record UninstallOutcome(string AdminConsolePath, int Removed, int AlreadyMissing, int ModifiedSinceInstall, string? BackupFolder)
{
    /// <summary>Files that were someone else's before the install overwrote them, put back instead of removed.</summary>
    public int Restored { get; init; }
}

/// <summary>Uninstall found no receipt of a legacy install.</summary>
public sealed class ConsoleExtensionNotInstalledException : Exception
{
    public ConsoleExtensionNotInstalledException(string message)
        : base(message)
    {
    }

    public ConsoleExtensionNotInstalledException()
    {
    }

    public ConsoleExtensionNotInstalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A legacy install receipt names another console folder than the one being installed to.</summary>
public sealed class ConsoleExtensionInstalledElsewhereException : Exception
{
    public ConsoleExtensionInstalledElsewhereException(string message)
        : base(message)
    {
    }

    public ConsoleExtensionInstalledElsewhereException()
    {
    }

    public ConsoleExtensionInstalledElsewhereException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
