using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CMDisconnectedSync.Installer.Harvest;

/// <summary>A project's publish output and the area name it ships under (CMDisconnectedSync.Cli → Cli).</summary>
internal sealed record PublishedArea(string Area, string Folder);

/// <summary>Everything one MSI build needs; every path absolute or relative to the current directory.</summary>
/// <param name="InstallerFolder">installer/ with the hand-written Product.wxs and Shortcuts.wxs.</param>
/// <param name="ConsoleXmlFolder">The console-xml/ tree; only its XmlStorage/ sub-tree is installed into the console.</param>
/// <param name="ConsoleExtensionCab">The 2103+ console extension cab, placed in the install folder when it exists.</param>
/// <param name="DemoAssemblies">Assembly names (wsusutil-lab, CMDisconnectedSync.Lab) whose files are taken out of the
/// published areas into the Demo area, which Product.wxs installs only on request (see <see cref="DemoFiles"/>).</param>
internal sealed record MsiBuildRequest(
    string InstallerFolder,
    string WorkFolder,
    string OutputMsi,
    string ProductVersion,
    IReadOnlyList<PublishedArea> Published,
    string? ConsoleXmlFolder,
    string? ConsoleExtensionCab,
    IReadOnlyList<string>? DemoAssemblies = null);

internal sealed record MsiBuildResult(HarvestResult Harvest, BuildFacts Facts, IReadOnlyList<string> WixSources);

/// <summary>harvest → generated WiX sources → wixl → patch what wixl cannot express. Used by build.sh and the tests.</summary>
internal static partial class InstallerBuild
{
    /// <summary>Directory ids declared in Product.wxs that harvested files are installed below.</summary>
    public const string InstallFolderId = "INSTALLFOLDER";
    public const string ConsoleFolderId = "CONSOLEDIR";

    public const string ConsoleXmlArea = "ConsoleXml";
    public const string ConsoleExtensionCabArea = "ConsoleExtensionCab";
    public const string DemoArea = "Demo";

    /// <summary>The WinForms app; its presence decides whether the Start-menu shortcut exists.</summary>
    public const string StatusWindowExe = "CMDisconnectedSync.exe";

    /// <summary>Console XML is installed exactly as laid out below this folder of console-xml/ (design.md §6).</summary>
    public const string ConsoleXmlRoot = "XmlStorage";

    public static MsiBuildResult GenerateSources(MsiBuildRequest request)
    {
        ValidateVersion(request.ProductVersion);
        if (request.Published.Count == 0)
        {
            throw new HarvestException("No published project to ship: list at least one in installer/shipped-projects.txt.");
        }

        var demoAssemblies = request.DemoAssemblies ?? [];
        var published = request.Published
            .Select(area => HarvestSource.FromFolder(area.Area, area.Folder, InstallFolderId))
            .ToList();
        var sources = published
            .Select(area => area with { Files = area.Files.Where(file => !DemoFiles.IsDemoFile(file.InstallPath, demoAssemblies)).ToList() })
            .Append(new HarvestSource(
                DemoArea,
                InstallFolderId,
                published.SelectMany(area => area.Files).Where(file => DemoFiles.IsDemoFile(file.InstallPath, demoAssemblies)).ToList()))
            .Append(request.ConsoleExtensionCab is null
                ? HarvestSource.Empty(ConsoleExtensionCabArea, InstallFolderId)
                : HarvestSource.FromOptionalFile(ConsoleExtensionCabArea, request.ConsoleExtensionCab, InstallFolderId))
            .Append(request.ConsoleXmlFolder is null
                ? HarvestSource.Empty(ConsoleXmlArea, ConsoleFolderId)
                : HarvestSource.FromOptionalFolder(
                    ConsoleXmlArea, Path.Combine(request.ConsoleXmlFolder, ConsoleXmlRoot), ConsoleFolderId, ConsoleXmlRoot))
            .ToList();

        var harvest = Harvester.Harvest(sources);
        var applicationAreas = request.Published.Select(published => published.Area).ToList();
        if (!harvest.Files.Any(file => applicationAreas.Contains(file.Area)))
        {
            throw new HarvestException(
                $"The publish folders ({string.Join(", ", request.Published.Select(p => p.Folder))}) hold no file to ship.");
        }

        var productWxs = Path.Combine(request.InstallerFolder, "Product.wxs");
        var facts = new BuildFacts(
            request.ProductVersion,
            StableIds.NameBasedGuid($"product/{UpgradeCodeOf(productWxs)}/{request.ProductVersion}"),
            harvest.Files.FirstOrDefault(file => applicationAreas.Contains(file.Area)
                && file.InstallPath.Equals(StatusWindowExe, StringComparison.OrdinalIgnoreCase))?.FileId);

        var generated = WixSourceWriter.WriteAll(harvest, applicationAreas, facts, SourcesFolder(request));
        var handWritten = Directory.GetFiles(Path.GetFullPath(request.InstallerFolder), "*.wxs").Order(StringComparer.Ordinal);
        return new MsiBuildResult(harvest, facts, handWritten.Concat(generated).ToList());
    }

    public static MsiBuildResult Build(MsiBuildRequest request)
    {
        var result = GenerateSources(request);
        var output = Path.GetFullPath(request.OutputMsi);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.Delete(output);

        // -a x64: ProgramFiles64Folder and the x64 summary-information template. Toolset=wixl hides from wixl the
        // WiX elements it rejects (Feature/Condition), which WixlGapPatcher then writes into the database.
        // wixl runs in the generated-sources folder, which File/@Source paths are relative to.
        var sourcesFolder = SourcesFolder(request);
        ProcessRunner.Run(
            "wixl",
            new[] { "-a", "x64", "-D", "Toolset=wixl", "-I", sourcesFolder, "-o", output }.Concat(result.WixSources),
            sourcesFolder);
        WixlGapPatcher.Patch(output, result.WixSources);
        return result;
    }

    public static string SourcesFolder(MsiBuildRequest request) => Path.GetFullPath(Path.Combine(request.WorkFolder, "wxs"));

    /// <summary>The UpgradeCode stays in Product.wxs (one place, with its comment); ProductCode is derived from it.</summary>
    public static string UpgradeCodeOf(string productWxs)
    {
        var upgradeCode = (string?)XDocument.Load(productWxs).Descendants(WixSourceWriter.Wix + "Product")
            .SingleOrDefault()?.Attribute("UpgradeCode");
        return upgradeCode ?? throw new HarvestException($"{productWxs} has no Product/@UpgradeCode.");
    }

    private static void ValidateVersion(string version)
    {
        // MSI ProductVersion: major.minor.build with major, minor ≤ 255 and build ≤ 65535 (a 4th field is ignored).
        var match = ProductVersionPattern().Match(version);
        if (!match.Success || int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 255
            || int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > 255
            || int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) > 65535)
        {
            throw new HarvestException(
                $"'{version}' is not an MSI ProductVersion (major.minor.build, at most 255.255.65535). " +
                "Fix VersionPrefix in Directory.Build.props.");
        }
    }

    [GeneratedRegex(@"^(\d{1,3})\.(\d{1,3})\.(\d{1,5})$")]
    private static partial Regex ProductVersionPattern();
}
