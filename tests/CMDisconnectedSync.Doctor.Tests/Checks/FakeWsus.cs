using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Doctor.Tests.Checks;

/// <summary>A WSUS server as the test describes it: installed (with settings) or not, and an admin API that may fail.</summary>
internal sealed class FakeWsus : IWsusServer
{
    private readonly WsusInstallationLookup _lookup;
    private readonly WsusSettings _settings;
    private readonly WsusQueryException? _apiFailure;

    private FakeWsus(WsusInstallationLookup lookup, WsusSettings settings, WsusQueryException? apiFailure)
    {
        _lookup = lookup;
        _settings = settings;
        _apiFailure = apiFailure;
    }

    public static FakeWsus Installed(string contentDirectory = @"D:\WSUS\WsusContent", bool replica = false, bool express = false, string[]? languages = null) =>
        new(WsusInstallationLookup.Found(new WsusInstallation(contentDirectory, @"C:\Program Files\Update Services\Tools\WsusUtil.exe", true, "MICROSOFT##WID", 8530, false, "10.0.20348.1")),
            new WsusSettings(false, languages ?? ["de", "en"], express, replica), null);

    public static FakeWsus NotInstalled() =>
        new(WsusInstallationLookup.NotInstalled(@"WSUS is not installed on this server: the registry key HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup does not exist."),
            new WsusSettings(false, [], false, false), null);

    public FakeWsus WithApiFailure(WsusQueryException failure) => new(_lookup, _settings, failure);

    /// <summary>Its wsusutil stages in <paramref name="folder"/>.</summary>
    public FakeWsus WithWsusUtilTempFolder(string folder) =>
        new(WsusInstallationLookup.Found(_lookup.Installation! with { WsusUtilTempFolder = folder }), _settings, _apiFailure);

    public WsusInstallationLookup LocateInstallation() => _lookup;

    public Task<WsusStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        _apiFailure is not null
            ? Task.FromException<WsusStatus>(_apiFailure)
            : Task.FromResult(new WsusStatus(_settings, LastSynchronization.Never, false));

    public Task<WsusUtilResult> ExportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) =>
        throw new AssertFailedException("The doctor must never export.");

    public Task<WsusUtilResult> ImportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) =>
        throw new AssertFailedException("The doctor must never import.");
}
