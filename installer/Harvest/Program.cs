using CMDisconnectedSync.Installer.Harvest;

// msi-harvest: see InstallerBuild. Usage is printed on any argument error; exit 0 ok, 1 build failed, 2 usage.
const string Usage = """
    usage: msi-harvest --version <x.y.z> --installer <installer/> --work <dir> --out <file.msi>
                       --publish <Area>=<folder> [--publish <Area>=<folder> ...]
                       [--console-xml <console-xml/>] [--cab <ConsoleExtension.cab>] [--sources-only]
                       [--demo-assembly <name> ...]
      --demo-assembly the files of this assembly (name.exe/.dll/.exe.config, satellites) go to the Demo feature
      --sources-only  write the WiX sources to <work>/wxs and stop (to build with the WiX Toolset on Windows)
    """;

try
{
    var options = CommandLine.Parse(args);
    var result = options.SourcesOnly ? InstallerBuild.GenerateSources(options.Request) : InstallerBuild.Build(options.Request);
    foreach (var area in result.Harvest.Areas)
    {
        Console.WriteLine($"msi-harvest: {area}: {result.Harvest.FilesOf(area).Count()} files");
    }

    Console.WriteLine(options.SourcesOnly
        ? $"msi-harvest: WiX sources in {Path.Combine(options.Request.WorkFolder, "wxs")}"
        : $"msi-harvest: wrote {options.Request.OutputMsi} (ProductVersion {result.Facts.ProductVersion}, " +
          $"ProductCode {StableIds.Format(result.Facts.ProductCode)}, status shortcut: {(result.Facts.StatusWindowFileId is null ? "no app, none" : "yes")})");
    return 0;
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"msi-harvest: {exception.Message}\n{Usage}");
    return 2;
}
catch (HarvestException exception)
{
    Console.Error.WriteLine($"msi-harvest: {exception.Message}");
    return 1;
}
