namespace CMDisconnectedSync.Wsus.Api;

/// <summary>
/// The Windows PowerShell script that asks the local WSUS admin API for its state and prints one JSON line. The API
/// assembly exists only on WSUS servers, so it is loaded at run time in a child process, never compiled against.
/// Member names, all from Microsoft's WSUS API reference (Microsoft.UpdateServices.Administration namespace):
/// <list type="bullet">
/// <item><c>AdminProxy.GetUpdateServer()</c>: the local server — https://learn.microsoft.com/en-us/previous-versions/windows/desktop/ms745830(v=vs.85)</item>
/// <item><c>IUpdateServer.GetConfiguration()</c> — https://learn.microsoft.com/en-us/previous-versions/windows/desktop/bb294876(v=vs.85)</item>
/// <item><c>IUpdateServerConfiguration.GetEnabledUpdateLanguages()</c>, <c>AllUpdateLanguagesEnabled</c> (see SetEnabledUpdateLanguages remarks) — https://learn.microsoft.com/en-us/previous-versions/windows/desktop/bb294859(v=vs.85)</item>
/// <item><c>IUpdateServerConfiguration.DownloadExpressPackages</c> — https://learn.microsoft.com/en-us/previous-versions/windows/desktop/ms751938(v=vs.85)</item>
/// <item><c>IUpdateServerConfiguration.IsReplicaServer</c> — https://learn.microsoft.com/en-us/previous-versions/windows/desktop/ms751943(v=vs.85)</item>
/// <item><c>ISubscription.GetLastSynchronizationInfo()</c> → <c>ISynchronizationInfo</c> (<c>Result</c>, <c>StartTime</c>, <c>EndTime</c> in UTC, <c>Error</c>, <c>ErrorText</c>) — https://learn.microsoft.com/en-us/previous-versions/windows/desktop/ms746810(v=vs.85), https://learn.microsoft.com/en-us/previous-versions/windows/desktop/aa354313(v=vs.85)</item>
/// <item><c>SynchronizationResult</c>: NeverRun, Succeeded, Failed, Canceled, Unknown — https://learn.microsoft.com/en-us/previous-versions/windows/desktop/ms752775(v=vs.85)</item>
/// <item><c>ISubscription.GetSynchronizationStatus()</c> → <c>SynchronizationStatus</c>: NotProcessing, Running, Stopping — https://learn.microsoft.com/en-us/previous-versions/windows/desktop/ms746846(v=vs.85)</item>
/// </list>
/// It must run in Windows PowerShell 5.1 (.NET Framework), not PowerShell 7: the API assembly is a .NET Framework one.
/// </summary>
internal static class WsusStatusScript
{
    /// <summary>Exit code when the API assembly is not on this computer.</summary>
    public const int ApiMissingExitCode = 3;

    /// <summary>Exit code when the API threw (service stopped, database unreachable, access denied).</summary>
    public const int ApiFailedExitCode = 4;

    public const string Text = """
        $ErrorActionPreference = 'Stop'
        $ProgressPreference = 'SilentlyContinue'
        [Console]::OutputEncoding = [Text.Encoding]::UTF8
        $assembly = [reflection.assembly]::LoadWithPartialName('Microsoft.UpdateServices.Administration')
        if ($null -eq $assembly) {
            [Console]::Error.WriteLine('The WSUS administration API (Microsoft.UpdateServices.Administration) is not installed on this computer.')
            exit 3
        }
        try {
            $server = [Microsoft.UpdateServices.Administration.AdminProxy]::GetUpdateServer()
            $configuration = $server.GetConfiguration()
            $subscription = $server.GetSubscription()
            $last = $subscription.GetLastSynchronizationInfo()
            $status = $subscription.GetSynchronizationStatus()
            $result = [ordered]@{
                allLanguages          = [bool]$configuration.AllUpdateLanguagesEnabled
                languages             = @($configuration.GetEnabledUpdateLanguages() | ForEach-Object { [string]$_ })
                expressFiles          = [bool]$configuration.DownloadExpressPackages
                isReplica             = [bool]$configuration.IsReplicaServer
                synchronizationStatus = [string]$status
                lastSynchronization   = [ordered]@{
                    result    = [string]$last.Result
                    startTime = [DateTime]::SpecifyKind($last.StartTime, 'Utc').ToString('o')
                    endTime   = [DateTime]::SpecifyKind($last.EndTime, 'Utc').ToString('o')
                    error     = [string]$last.Error
                    errorText = [string]$last.ErrorText
                }
            }
            [Console]::Out.WriteLine(($result | ConvertTo-Json -Compress -Depth 4))
            exit 0
        }
        catch {
            [Console]::Error.WriteLine($_.Exception.ToString())
            exit 4
        }
        """;
}
