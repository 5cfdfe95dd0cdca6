namespace CMDisconnectedSync.Wsus;

/// <summary>A WSUS installation found on this machine (registry values of <c>…\Update Services\Server\Setup</c>).</summary>
/// <param name="ContentDirectory">Where update files live: <c>ContentDir\WsusContent</c>.</param>
/// <param name="WsusUtilPath"><c>TargetDir\Tools\WsusUtil.exe</c>.</param>
/// <param name="WsusUtilExists">Whether that file is present (a broken install can lack it).</param>
/// <param name="SqlServerName">The WSUS database server (<c>SqlServerName</c>), e.g. <c>MICROSOFT##WID</c> for the Windows Internal Database.</param>
/// <param name="PortNumber">The WSUS web site port (<c>PortNumber</c>), usually 8530 or 8531.</param>
/// <param name="UsingSsl">Whether WSUS is configured for SSL (<c>UsingSSL</c> = 1).</param>
/// <param name="Version">File version of WsusUtil.exe, or <c>unknown</c> when the file has none.</param>
public sealed record WsusInstallation(
    string ContentDirectory,
    string WsusUtilPath,
    bool WsusUtilExists,
    string SqlServerName,
    int PortNumber,
    bool UsingSsl,
    string Version)
{
    /// <summary>
    /// The temp folder wsusutil will stage in (<see cref="WsusUtilTempSpace"/>), when the server that runs it knows
    /// better than this process's own (e.g. it starts wsusutil with TMP/TEMP set); null: <see cref="WsusUtilTempSpace.FolderFor"/>
    /// with no overrides, the temp folder wsusutil inherits from us.
    /// </summary>
    public string? WsusUtilTempFolder { get; init; }
}

/// <summary>The answer to "is WSUS installed here?": either an installation or the reason there is none.</summary>
public sealed record WsusInstallationLookup
{
    private WsusInstallationLookup(WsusInstallation? installation, string problem)
    {
        Installation = installation;
        Problem = problem;
    }

    /// <summary>The installation, or null when <see cref="IsInstalled"/> is false.</summary>
    public WsusInstallation? Installation { get; }

    /// <summary>Why WSUS is not usable (empty when installed): names the registry key or value and the fix.</summary>
    public string Problem { get; }

    public bool IsInstalled => Installation is not null;

    public static WsusInstallationLookup Found(WsusInstallation installation) =>
        new(installation ?? throw new ArgumentNullException(nameof(installation)), string.Empty);

    public static WsusInstallationLookup NotInstalled(string problem) =>
        new(null, string.IsNullOrWhiteSpace(problem) ? throw new ArgumentException("Say why WSUS is not installed.", nameof(problem)) : problem);
}
