using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Preflight;

/// <summary>WSUS is installed on this server and WsusUtil.exe is where the registry says.</summary>
public sealed class WsusInstalledCheck(IWsusServer wsus) : IPreflightCheck
{
    public string Name => "WSUS installed, wsusutil found";

    public Task<PreflightCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var lookup = wsus.LocateInstallation();
        if (lookup.Installation is not { } installation)
        {
            return Task.FromResult(PreflightCheckResult.Fail(Name, lookup.Problem,
                "Run this on the WSUS server that is the software update point (export: the internet-facing one; import: the disconnected one)."));
        }

        if (!installation.WsusUtilExists)
        {
            return Task.FromResult(PreflightCheckResult.Fail(Name,
                $"WSUS is registered, but {installation.WsusUtilPath} does not exist.",
                "Repair the WSUS role (Server Manager, or 'wsusutil postinstall' from a working copy) so its Tools folder is complete."));
        }

        return Task.FromResult(PreflightCheckResult.Pass(Name,
            $"WSUS {installation.Version}, content in {installation.ContentDirectory}, database {installation.SqlServerName}, wsusutil at {installation.WsusUtilPath}."));
    }
}
