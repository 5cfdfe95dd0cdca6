using System.Diagnostics;
using System.Globalization;
using CMDisconnectedSync.Wsus.Registry;

namespace CMDisconnectedSync.Wsus;

/// <summary>
/// Finds the WSUS installation from <c>HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup</c> (design.md §4):
/// <c>ContentDir</c> (content is <c>ContentDir\WsusContent</c>), <c>TargetDir</c> (tool at
/// <c>TargetDir\Tools\WsusUtil.exe</c>), <c>SqlServerName</c>, <c>PortNumber</c>, <c>UsingSSL</c>.
/// </summary>
public static class WsusSetupRegistry
{
    public const string SetupKeyPath = @"SOFTWARE\Microsoft\Update Services\Server\Setup";
    public const string ContentDirValue = "ContentDir";
    public const string TargetDirValue = "TargetDir";
    public const string SqlServerNameValue = "SqlServerName";
    public const string PortNumberValue = "PortNumber";
    public const string UsingSslValue = "UsingSSL";
    public const string ContentFolderName = "WsusContent";

    /// <summary>Default WSUS web site port when the value is absent (WSUS 3.2+ on Windows Server 2012 and later).</summary>
    public const int DefaultPortNumber = 8530;

    public static WsusInstallationLookup Read(IRegistryReader registry)
    {
        _ = registry ?? throw new ArgumentNullException(nameof(registry));
        var values = registry.ReadLocalMachineKey(SetupKeyPath);
        if (values is null)
        {
            return WsusInstallationLookup.NotInstalled(
                $@"WSUS is not installed on this server: the registry key HKLM\{SetupKeyPath} does not exist.");
        }

        var contentDir = Text(values, ContentDirValue);
        var targetDir = Text(values, TargetDirValue);
        var missing = new[] { (ContentDirValue, contentDir), (TargetDirValue, targetDir) }.Where(v => v.Item2.Length == 0).Select(v => v.Item1).ToList();
        if (missing.Count > 0)
        {
            return WsusInstallationLookup.NotInstalled(
                $@"WSUS setup is incomplete on this server: HKLM\{SetupKeyPath} has no {string.Join(" or ", missing)} value. "
                + @"Finish the WSUS post-installation (Server Manager, or '%ProgramFiles%\Update Services\Tools\WsusUtil.exe postinstall CONTENT_DIR=…').");
        }

        var wsusUtilPath = Path.Combine(targetDir, "Tools", "WsusUtil.exe");
        var wsusUtilExists = File.Exists(wsusUtilPath);
        return WsusInstallationLookup.Found(new WsusInstallation(
            ContentDirectory: Path.Combine(contentDir, ContentFolderName),
            WsusUtilPath: wsusUtilPath,
            WsusUtilExists: wsusUtilExists,
            SqlServerName: Text(values, SqlServerNameValue),
            PortNumber: Number(values, PortNumberValue) ?? DefaultPortNumber,
            UsingSsl: Number(values, UsingSslValue) == 1,
            Version: wsusUtilExists ? FileVersion(wsusUtilPath) : "unknown"));
    }

    private static string Text(IReadOnlyDictionary<string, object> values, string name) =>
        values.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? string.Empty : string.Empty;

    private static int? Number(IReadOnlyDictionary<string, object> values, string name) =>
        values.TryGetValue(name, out var value) switch
        {
            false => null,
            true when value is int number => number,
            true when value is long number => (int)number,
            true when int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };

    private static string FileVersion(string path)
    {
        var version = FileVersionInfo.GetVersionInfo(path).FileVersion;
        return string.IsNullOrWhiteSpace(version) ? "unknown" : version!;
    }
}
