using System.Globalization;
using System.Text;

namespace CMDisconnectedSync.Lab.WsusUtil;

/// <summary>
/// <c>wsusutil-lab export &lt;package&gt; &lt;log&gt; [--content &lt;folder&gt;]</c> and
/// <c>wsusutil-lab import &lt;package&gt; &lt;log&gt; [--database &lt;file&gt;]</c>: the lab stand-in for WsusUtil.exe.
/// The content folder also comes from <c>WSUSUTIL_LAB_CONTENT</c>, the database file from <c>WSUSUTIL_LAB_DATABASE</c>
/// (default: <c>wsusutil-lab.database</c> beside the package). Export puts the products and classifications named by
/// the content's license-terms files into the package (<see cref="LicenseTermsCategories"/>); import records them in
/// <c>&lt;database&gt;.categories</c> (<see cref="CategoryTable"/>). Faults on cue: see <see cref="LabFaultCue"/>.
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

        LabFault fault;
        try
        {
            fault = LabFaultCue.Read(packagePath);
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
        using var log = new LabLog(logPath, clock);
        return verb switch
        {
            "EXPORT" => Export(packagePath, Option(options, "--content", ContentVariable, null), log, clock, fault),
            "IMPORT" => Import(packagePath, Option(options, "--database", DatabaseVariable, Path.Combine(Path.GetDirectoryName(packagePath)!, DatabaseFileName))!, log, clock, fault),
            _ => PrintUsage(),
        };
    }

    private static string? Option(Dictionary<string, string> options, string name, string variable, string? fallback) =>
        options.TryGetValue(name, out var value) ? value
        : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : fallback;

    private static int Export(string packagePath, string? contentFolder, LabLog log, TimeProvider clock, LabFault fault)
    {
        log.Info("ExportPackage", $"Starting export of update metadata to {packagePath}");
        Console.WriteLine("Exporting update metadata. This may take a while.");
        HangIfCued(fault);
        if (contentFolder is null)
        {
            log.Error("ExportPackage", $"Export failed: no content folder given (--content or {ContentVariable}).");
            return Failed;
        }

        if (File.Exists(packagePath))
        {
            log.Error("ExportPackage", $"Export failed: the package {packagePath} already exists. Specify a new package name.");
            return Failed;
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
            log.Error("ExportPackage", "Export failed: " + exception.Message);
            return Failed;
        }

        if (fault == LabFault.EmptyPackage)
        {
            // The field failure this mimics: the tool ends "normally" and leaves a zero-size package.
            File.WriteAllBytes(packagePath, []);
        }
        else
        {
            var padding = int.TryParse(Environment.GetEnvironmentVariable(PaddingVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : 0;
            MetadataPackage.Write(packagePath, entries, categories, clock.GetUtcNow(), padding);
        }

        log.Info("ExportPackage", $"Exported metadata for {entries.Count.ToString(CultureInfo.InvariantCulture)} update files and {categories.Count.ToString(CultureInfo.InvariantCulture)} categories from {contentFolder}");
        return Finish(log, fault, "ExportPackage", "Export");
    }

    private static int Import(string packagePath, string databasePath, LabLog log, TimeProvider clock, LabFault fault)
    {
        log.Info("ImportPackage", $"Starting import of update metadata from {packagePath}");
        Console.WriteLine("Importing update metadata. This may take a while.");
        HangIfCued(fault);
        IReadOnlyList<PackageEntry> entries;
        IReadOnlyList<PackageCategory> categories;
        try
        {
            (entries, categories) = MetadataPackage.ReadPackage(packagePath);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            log.Error("ImportPackage", "Import failed: " + exception.Message);
            return Failed;
        }

        var stamp = clock.GetUtcNow().ToString("o", CultureInfo.InvariantCulture);
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var lines = entries.Select(e => string.Join("\t", stamp, Path.GetFileName(packagePath), e.RelativePath, e.Size.ToString(CultureInfo.InvariantCulture)));
        File.AppendAllLines(databasePath, lines, new UTF8Encoding(false));
        var known = CategoryTable.Merge(databasePath + CategoryTable.Suffix, categories);
        log.Info("ImportPackage", $"Imported metadata for {entries.Count.ToString(CultureInfo.InvariantCulture)} update files into {databasePath}; {categories.Count.ToString(CultureInfo.InvariantCulture)} categories in the package, {known.ToString(CultureInfo.InvariantCulture)} known in all");
        return Finish(log, fault, "ImportPackage", "Import");
    }

    private static int Finish(LabLog log, LabFault fault, string component, string operation)
    {
        if (fault == LabFault.ErrorLine)
        {
            log.Error(component, "Fatal Error: System.Data.SqlClient.SqlException: Timeout expired (lab fault 'error-line').");
        }

        log.Info(component, $"{operation} complete.");
        if (fault == LabFault.ExitCode)
        {
            Console.Error.WriteLine($"{operation} ended with lab fault 'exit-code'.");
            return Failed;
        }

        Console.WriteLine($"{operation} complete.");
        return 0;
    }

    private static void HangIfCued(LabFault fault)
    {
        if (fault == LabFault.Hang)
        {
            Console.WriteLine("Lab fault 'hang': waiting until killed.");
            Thread.Sleep(Timeout.Infinite);
        }
    }

    private static int PrintUsage()
    {
        Console.Error.WriteLine("Usage: wsusutil-lab export <package.xml.gz> <log> [--content <folder>]");
        Console.Error.WriteLine("       wsusutil-lab import <package.xml.gz> <log> [--database <file>]");
        Console.Error.WriteLine($"Faults on cue: {LabFaultCue.EnvironmentVariable}=exit-code|error-line|empty-package|hang, or a {LabFaultCue.ControlFileName} file beside the package.");
        return Usage;
    }
}
