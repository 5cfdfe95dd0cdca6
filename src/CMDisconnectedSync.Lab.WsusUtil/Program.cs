using System.Globalization;
using System.Text;

namespace CMDisconnectedSync.Lab.WsusUtil;

/// <summary>
/// <c>wsusutil-lab export &lt;package&gt; &lt;log&gt; [--content &lt;folder&gt;]</c> and
/// <c>wsusutil-lab import &lt;package&gt; &lt;log&gt; [--database &lt;file&gt;]</c>: the lab stand-in for WsusUtil.exe.
/// The content folder also comes from <c>WSUSUTIL_LAB_CONTENT</c>, the database file from <c>WSUSUTIL_LAB_DATABASE</c>
/// (default: <c>wsusutil-lab.database</c> beside the package). Export puts the products and classifications named by
/// the content's license-terms files into the package (<see cref="LicenseTermsCategories"/>); import records them in
/// <c>&lt;database&gt;.categories</c> (<see cref="CategoryTable"/>). The log is wsusutil's real one-line XML log, staged in
/// the temp folder like the real tool's (<see cref="LabLog"/>). Faults on cue: see <see cref="LabFaultCue"/>.
/// Exit codes: 0 done, 1 failed (see the log), 2 usage.
/// </summary>
internal static class Program
{
    public const string ContentVariable = "WSUSUTIL_LAB_CONTENT";
    public const string DatabaseVariable = "WSUSUTIL_LAB_DATABASE";

    /// <summary>Bytes of filler the export adds to the package (see <see cref="MetadataPackage.Write(string, IReadOnlyList{PackageEntry}, IReadOnlyList{PackageCategory}, DateTimeOffset, int)"/>).</summary>
    public const string PaddingVariable = "WSUSUTIL_LAB_PACKAGE_PADDING";
    public const string DatabaseFileName = "wsusutil-lab.database";
    private const int Failed = 1;
    private const int Usage = 2;

    public static int Main(string[] args)
    {
        if (args.Length < 3 || (args.Length - 3) % 2 != 0)
        {
            return PrintUsage();
        }

        var verb = args[0].ToUpperInvariant();
        var packagePath = Path.GetFullPath(args[1]);
        var logPath = Path.GetFullPath(args[2]);
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 3; i < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        LabCue cue;
        try
        {
            cue = LabFaultCue.Read(packagePath);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            return Usage;
        }

        if (File.Exists(logPath))
        {
            Console.Error.WriteLine($"The log file {logPath} already exists. Specify a new log file name.");
            return Failed;
        }

        var clock = TimeProvider.System;
        return verb switch
        {
            "EXPORT" => Export(packagePath, logPath, Option(options, "--content", ContentVariable, null), clock, cue),
            "IMPORT" => Import(packagePath, logPath, Option(options, "--database", DatabaseVariable, Path.Combine(Path.GetDirectoryName(packagePath)!, DatabaseFileName))!, clock, cue),
            _ => PrintUsage(),
        };
    }

    private static string? Option(Dictionary<string, string> options, string name, string variable, string? fallback) =>
        options.TryGetValue(name, out var value) ? value
        : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : fallback;

    /// <summary>The title the lab's export log gives the "update" of a content file.</summary>
    public static string TitleOf(PackageEntry entry) => "Lab update for " + entry.RelativePath;

    private static int Export(string packagePath, string logPath, string? contentFolder, TimeProvider clock, LabCue cue)
    {
        Console.WriteLine("Exporting update metadata. This may take a while.");
        using var log = new LabLog(import: false, clock);
        HangIfCued(cue);
        if (contentFolder is null)
        {
            return Fail(log, logPath, $"Export failed: no content folder given (--content or {ContentVariable}).");
        }

        if (File.Exists(packagePath))
        {
            return Fail(log, logPath, $"Export failed: the package {packagePath} already exists. Specify a new package name.");
        }

        IReadOnlyList<PackageEntry> entries;
        IReadOnlyList<PackageCategory> categories;
        try
        {
            entries = MetadataPackage.ListContent(contentFolder);
            categories = LicenseTermsCategories.Read(contentFolder);
        }
        catch (IOException exception)
        {
            return Fail(log, logPath, "Export failed: " + exception.Message);
        }

        if (cue.Fault == LabFault.EmptyPackage)
        {
            // The field failure this mimics: the tool ends "normally" and leaves a zero-size package.
            File.WriteAllBytes(packagePath, []);
        }
        else
        {
            var padding = int.TryParse(Environment.GetEnvironmentVariable(PaddingVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : 0;
            MetadataPackage.Write(packagePath, entries, categories, clock.GetUtcNow(), padding);
        }

        foreach (var entry in entries)
        {
            log.UpdateExported(entry.RelativePath, TitleOf(entry));
        }

        Console.WriteLine($"Exported metadata for {entries.Count.ToString(CultureInfo.InvariantCulture)} update files and {categories.Count.ToString(CultureInfo.InvariantCulture)} categories from {contentFolder}");
        return Finish(log, logPath, cue, "Export");
    }

    private static int Import(string packagePath, string logPath, string databasePath, TimeProvider clock, LabCue cue)
    {
        Console.WriteLine("Importing update metadata. This may take a while.");
        using var log = new LabLog(import: true, clock);
        HangIfCued(cue);
        IReadOnlyList<PackageEntry> entries;
        IReadOnlyList<PackageCategory> categories;
        try
        {
            (entries, categories) = MetadataPackage.ReadPackage(packagePath);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return Fail(log, logPath, "Import failed: " + exception.Message);
        }

        var stamp = clock.GetUtcNow().ToString("o", CultureInfo.InvariantCulture);
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // Rows: stamp, package, relative path, size. A path already there is an update WSUS already had.
        var known = new HashSet<string>(
            File.Exists(databasePath) ? File.ReadLines(databasePath).Select(l => l.Split('\t')).Where(c => c.Length > 2).Select(c => c[2]) : [],
            StringComparer.Ordinal);
        var lines = entries.Select(e => string.Join("\t", stamp, Path.GetFileName(packagePath), e.RelativePath, e.Size.ToString(CultureInfo.InvariantCulture)));
        File.AppendAllLines(databasePath, lines, new UTF8Encoding(false));
        foreach (var entry in entries)
        {
            log.UpdateInserted(entry.RelativePath, known.Contains(entry.RelativePath));
        }

        var categoriesKnown = CategoryTable.Merge(databasePath + CategoryTable.Suffix, categories);
        Console.WriteLine($"Imported metadata for {entries.Count.ToString(CultureInfo.InvariantCulture)} update files into {databasePath}; {categories.Count.ToString(CultureInfo.InvariantCulture)} categories in the package, {categoriesKnown.ToString(CultureInfo.InvariantCulture)} known in all");
        return Finish(log, logPath, cue, "Import");
    }

    /// <summary>As the real tool: the error goes into the log as an error element, the log is put in place, the run fails.</summary>
    private static int Fail(LabLog log, string logPath, string message)
    {
        log.Error(message);
        log.Finish(logPath, replayLogPath: null);
        Console.Error.WriteLine(message);
        return Failed;
    }

    private static int Finish(LabLog log, string logPath, LabCue cue, string operation)
    {
        if (cue.Fault == LabFault.ErrorLine)
        {
            log.Error("Fatal Error: System.Data.SqlClient.SqlException: Timeout expired (lab fault 'error-line').");
        }

        log.Finish(logPath, cue.ReplayLogPath);
        if (cue.Fault == LabFault.ExitCode)
        {
            Console.Error.WriteLine($"{operation} ended with lab fault 'exit-code'.");
            return Failed;
        }

        Console.WriteLine($"{operation} complete.");
        return 0;
    }

    private static void HangIfCued(LabCue cue)
    {
        if (cue.Fault == LabFault.Hang)
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            Console.WriteLine($"Lab fault 'hang': process {self.Id.ToString(CultureInfo.InvariantCulture)} waiting until killed.");
            Thread.Sleep(Timeout.Infinite);
        }
    }

    private static int PrintUsage()
    {
        Console.Error.WriteLine("Usage: wsusutil-lab export <package.xml.gz> <log> [--content <folder>]");
        Console.Error.WriteLine("       wsusutil-lab import <package.xml.gz> <log> [--database <file>]");
        Console.Error.WriteLine($"Faults on cue: {LabFaultCue.EnvironmentVariable}=exit-code|error-line|empty-package|hang|replay-log:<path>, or a {LabFaultCue.ControlFileName} file beside the package.");
        return Usage;
    }
}
