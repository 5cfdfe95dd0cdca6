using System.Runtime.InteropServices;

namespace CMDisconnectedSync.Wsus;

/// <summary>How many bytes wsusutil will put in its temp folder, and why (for the preflight message).</summary>
/// <param name="Bytes">Bytes to reserve.</param>
/// <param name="Reason">What they are for, in the admin's words.</param>
public sealed record WsusUtilTempNeed(long Bytes, string Reason);

/// <summary>
/// Where wsusutil stages its files and how much room it needs there: the one place for these facts.
/// <para>
/// Read from <c>Microsoft.UpdateServices.BaseApi.dll</c> file version 10.0.10011.16384 (public copy in
/// github.com/Yevrag35/UpdateManagement, <c>MG.UpdateManagement/Assemblies/</c>, commit 1dcde147; decompiled with ILSpy,
/// <c>ImportExportHandler</c> and <c>ImportLogCallback</c>). Every temp file comes from <c>Path.GetTempPath()</c> /
/// <c>Path.GetTempFileName()</c> of the account that runs wsusutil:
/// <list type="bullet">
/// <item>Both verbs write their log into a temp file and copy it to the log path when they end.</item>
/// <item>Import of a package whose name does not end in <c>.gz</c> (the old <c>.cab</c>): a copy of the package in a
/// temp file, expanded into <c>%TEMP%\Exp&lt;guid&gt;</c> (<c>package.xml</c> + <c>metadata.txt</c>). A <c>.gz</c>
/// package is read where it is, unless its path is UNC (then it is first copied to a temp file).</item>
/// <item>Export to a <c>.gz</c> name gzips straight into the package path, unless that path is UNC (then into a temp
/// file, copied at the end). Any other name: <c>package.xml</c> and <c>metadata.txt</c> in temp files, then the cab in
/// another temp file.</item>
/// </list>
/// So with our local <c>.xml.gz</c> packages (design.md §4) only the log is staged in %TEMP%; a UNC package path or a
/// <c>.cab</c> package puts the multi-GB package (and, for a cab, its expanded metadata) there too.
/// </para>
/// <para>
/// The sizes are <b>unconfirmed</b> estimates, kept here so a field measurement changes one line (see
/// <c>cmdsync doctor</c>'s wsusutil temp folder row):
/// <see cref="LogBytesPerPackageByte"/>, <see cref="CabExpansionFactor"/>, <see cref="LogFloorBytes"/>,
/// <see cref="ExportPackageFloorBytes"/>.
/// </para>
/// </summary>
public static class WsusUtilTempSpace
{
    /// <summary>
    /// Log bytes reserved per package byte: 1. The log holds per update its id, revision and (export) title and file
    /// paths, a few hundred bytes; the package holds per update the same id plus its whole metadata XML (applicability
    /// rules, localized properties, file digests and URLs), which stays larger than the log entry even gzipped.
    /// So the package's size bounds the log's from above. Unconfirmed.
    /// </summary>
    public const double LogBytesPerPackageByte = 1.0;

    /// <summary>The least reserved for the log, however small the package: 256 MiB. Unconfirmed.</summary>
    public const long LogFloorBytes = 256L * 1024 * 1024;

    /// <summary>
    /// How much larger a <c>.cab</c> package's expanded <c>package.xml</c> + <c>metadata.txt</c> are than the cab:
    /// 10, the usual ratio for MSZIP-compressed XML text. Unconfirmed (our packages are <c>.xml.gz</c>).
    /// </summary>
    public const int CabExpansionFactor = 10;

    /// <summary>An export's package size when no earlier export says better: 1 GiB. Unconfirmed.</summary>
    public const long ExportPackageFloorBytes = 1024L * 1024 * 1024;

    /// <summary>The variables <c>Path.GetTempPath()</c> reads, in order: Windows <c>GetTempPath2W</c> (TMP, TEMP, USERPROFILE), .NET on Unix (TMPDIR).</summary>
    public static IReadOnlyList<string> TempVariables { get; } =
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ["TMP", "TEMP", "USERPROFILE"] : ["TMPDIR"];

    /// <summary>
    /// The temp folder wsusutil will use when started by this process with <paramref name="environmentOverrides"/>
    /// (it inherits our environment): the first of <see cref="TempVariables"/> that is set, overrides first, else
    /// this process's <see cref="Path.GetTempPath"/>.
    /// </summary>
    public static string FolderFor(IReadOnlyDictionary<string, string>? environmentOverrides)
    {
        foreach (var variable in TempVariables)
        {
            if (environmentOverrides is not null && environmentOverrides.TryGetValue(variable, out var overridden))
            {
                if (!string.IsNullOrWhiteSpace(overridden))
                {
                    return Path.GetFullPath(overridden);
                }

                continue;
            }

            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } inherited && !string.IsNullOrWhiteSpace(inherited))
            {
                return Path.GetFullPath(inherited);
            }
        }

        return Path.GetTempPath();
    }

    /// <summary>
    /// What wsusutil <paramref name="operation"/> of <paramref name="packagePath"/> will stage in its temp folder.
    /// <paramref name="packageBytes"/>: the package to import, or the expected export package (an earlier export's
    /// size; null: <see cref="ExportPackageFloorBytes"/>).
    /// </summary>
    public static WsusUtilTempNeed Estimate(WsusUtilOperation operation, string packagePath, long? packageBytes)
    {
        _ = packagePath ?? throw new ArgumentNullException(nameof(packagePath));
        var package = Math.Max(0, packageBytes ?? (operation == WsusUtilOperation.Export ? ExportPackageFloorBytes : 0));
        var packageSource = packageBytes is null && operation == WsusUtilOperation.Export
            ? "no earlier export to go by, so " + Size(package) + " assumed"
            : Size(package);
        var log = Math.Max(LogFloorBytes, (long)(package * LogBytesPerPackageByte));
        var parts = new List<string> { $"its log ~{Size(log)}" };
        long bytes = log;
        var gzip = packagePath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        if (!gzip)
        {
            var expanded = package * CabExpansionFactor;
            bytes += package + expanded;
            parts.Add(operation == WsusUtilOperation.Import
                ? $"a copy of the package ({Size(package)}) and its expanded metadata (~{CabExpansionFactor}x, {Size(expanded)})"
                : $"package.xml + metadata.txt (~{CabExpansionFactor}x the package, {Size(expanded)}) and the cab ({Size(package)})");
        }
        else if (IsUnc(packagePath))
        {
            bytes += package;
            parts.Add($"the package ({Size(package)}), because its path is a network share");
        }

        var verb = operation == WsusUtilOperation.Export ? "export" : "import";
        return new WsusUtilTempNeed(bytes, $"wsusutil {verb} stages {string.Join(" and ", parts)} there (package {packageSource})");
    }

    private static bool IsUnc(string path) =>
        path.StartsWith(@"\\", StringComparison.Ordinal) || path.StartsWith("//", StringComparison.Ordinal);

    private static string Size(long bytes) => Preflight.FreeSpaceCheck.FormatBytes(bytes);
}
