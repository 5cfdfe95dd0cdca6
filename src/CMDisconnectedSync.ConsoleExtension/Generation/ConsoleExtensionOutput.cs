using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.ConsoleExtension.Generation;

/// <summary>Writes generated files to disk, stages the cab, and reports drift between the model and a folder.</summary>
public static class ConsoleExtensionOutput
{
    /// <summary>Payload file types taken from the app's build output (top level only: the cab is flat).</summary>
    private static readonly string[] PayloadPatterns = ["*.exe", "*.dll", "*.exe.config"];

    /// <summary>Writes the review tree (legacy tree + cab XML + manifest without the payload) under <paramref name="outputRoot"/>, replacing stale files.</summary>
    public static IReadOnlyList<GeneratedFile> WriteReviewTree(ConsoleExtensionDefinition definition, string outputRoot)
    {
        var files = ConsoleExtensionLayout.ReviewTree(definition);
        foreach (var stale in FindDrift(files, outputRoot).Where(d => d.Kind == DriftKind.Unexpected))
        {
            File.Delete(Path.Combine(outputRoot, stale.RelativePath));
        }

        foreach (var file in files)
        {
            var target = Path.Combine(outputRoot, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, file.Content);
        }

        RemoveEmptyFolders(Path.Combine(outputRoot, ConsoleExtensionLayout.ExtensionsRoot));
        return files;
    }

    // A folder whose files all went stale (e.g. Actions\<GUID> of a parent the model no longer has) must go too: the
    // installer harvests folders, and an empty Actions\<GUID> would still name a parent we do not ship under.
    private static void RemoveEmptyFolders(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(f => f.Length))
        {
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="stageFolder"/> (created empty) with exactly what the cab holds: the flat XML files, the
    /// wizard's build output found at the top of <paramref name="payloadFolder"/> (the net48 publish folder of
    /// CMDisconnectedSync.App: its exe, config and DLLs), and manifest.xml hashing the exact bytes written. The cab's
    /// actions start that copy (<see cref="ConsoleExtensionLayout.CabLaunch"/>), so a payload folder without
    /// CMDisconnectedSync.exe is refused: such a cab would install actions that cannot start.
    /// </summary>
    public static IReadOnlyList<CabEntry> WriteCabStage(ConsoleExtensionDefinition definition, string stageFolder, string? payloadFolder)
    {
        _ = definition ?? throw new ArgumentNullException(nameof(definition));
        if (Directory.Exists(stageFolder) && Directory.EnumerateFileSystemEntries(stageFolder).Any())
        {
            throw new IOException($"The cab stage folder '{stageFolder}' is not empty; delete it or choose an empty folder.");
        }

        var payload = CollectPayload(payloadFolder);
        if (!payload.Any(e => string.Equals(e.FileName, ConsoleExtensionOptions.ExecutableFileName, StringComparison.OrdinalIgnoreCase)))
        {
            throw new FileNotFoundException(
                $"The cab must carry the wizard its actions start, but {ConsoleExtensionOptions.ExecutableFileName} is not in the payload folder "
                + $"'{payloadFolder ?? "(none given)"}'. Publish the app first (dotnet publish src/CMDisconnectedSync.App -c Release -f net48 -o <folder>) "
                + "and pass that folder with --payload.",
                ConsoleExtensionOptions.ExecutableFileName);
        }

        Directory.CreateDirectory(stageFolder);
        var entries = new List<CabEntry>(ConsoleExtensionLayout.CabXmlEntries(definition));
        entries.AddRange(payload);
        var duplicate = entries.GroupBy(e => e.FileName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two cab files are named '{duplicate.Key}'; a cab is flat, so every file name must be unique.");
        }

        foreach (var entry in entries)
        {
            File.WriteAllBytes(Path.Combine(stageFolder, entry.FileName), entry.Content);
        }

        File.WriteAllBytes(
            Path.Combine(stageFolder, ConsoleExtensionLayout.ManifestFileName),
            ExtensionManifestWriter.Write(definition.Identity, entries));
        return entries;
    }

    public static IReadOnlyList<CabEntry> CollectPayload(string? payloadFolder)
    {
        if (payloadFolder is null || !Directory.Exists(payloadFolder))
        {
            return [];
        }

        return PayloadPatterns
            .SelectMany(pattern => Directory.EnumerateFiles(payloadFolder, pattern, SearchOption.TopDirectoryOnly))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(path => Path.GetFileName(path), StringComparer.Ordinal)
            .Select(path => new CabEntry(Path.GetFileName(path), DeploymentKind.Payload, null, File.ReadAllBytes(path)))
            .ToList();
    }

    /// <summary>
    /// Compares <paramref name="expected"/> with the files under <paramref name="root"/> in the folders we own
    /// (<c>XmlStorage/Extensions</c> and <c>extension</c>): missing, different and unexpected files.
    /// </summary>
    public static IReadOnlyList<DriftEntry> FindDrift(IReadOnlyList<GeneratedFile> expected, string root)
    {
        _ = expected ?? throw new ArgumentNullException(nameof(expected));
        var drift = new List<DriftEntry>();
        var expectedPaths = new HashSet<string>(expected.Select(f => f.RelativePath), StringComparer.Ordinal);
        foreach (var file in expected)
        {
            var path = Path.Combine(root, file.RelativePath);
            if (!File.Exists(path))
            {
                drift.Add(new DriftEntry(file.RelativePath, DriftKind.Missing));
            }
            else if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(file.Content))
            {
                drift.Add(new DriftEntry(file.RelativePath, DriftKind.Different));
            }
        }

        foreach (var owned in new[] { ConsoleExtensionLayout.ExtensionsRoot, ConsoleExtensionLayout.CabReviewFolder })
        {
            var folder = Path.Combine(root, owned);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var relative = ToRelative(root, path);
                if (!expectedPaths.Contains(relative))
                {
                    drift.Add(new DriftEntry(relative, DriftKind.Unexpected));
                }
            }
        }

        return drift;
    }

    private static string ToRelative(string root, string path)
    {
        var fullRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).Substring(fullRoot.Length).Replace('\\', '/');
    }
}

public enum DriftKind
{
    Missing,
    Different,
    Unexpected,
}

public sealed record DriftEntry(string RelativePath, DriftKind Kind);
