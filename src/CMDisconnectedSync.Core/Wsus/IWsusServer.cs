namespace CMDisconnectedSync.Wsus;

/// <summary>
/// The local WSUS server, in our words (design.md §2, §4). Implemented by <c>CMDisconnectedSync.Wsus</c> with the
/// registry, a PowerShell child process that loads the WSUS admin API at run time, and <c>WsusUtil.exe</c>; the lab
/// and tests use stand-ins. Nothing here returns a WSUS API type.
/// </summary>
public interface IWsusServer
{
    /// <summary>
    /// Where WSUS is installed (registry <c>HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup</c>). Never throws
    /// for "not installed": the lookup says so, with the reason an admin can act on.
    /// </summary>
    WsusInstallationLookup LocateInstallation();

    /// <summary>
    /// Settings, last synchronization and whether a synchronization is running, read in one query of the WSUS
    /// admin API. Throws <see cref="WsusQueryException"/> when WSUS cannot be asked (not installed, API missing,
    /// service stopped, access denied), naming the server and what to do next.
    /// </summary>
    Task<WsusStatus> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>
    /// <c>wsusutil export &lt;packagePath&gt; &lt;logPath&gt;</c>: full metadata export. Both names must not exist yet
    /// (see <see cref="WsusMetadataFileNames"/>). The result is a success only under the strict rule of
    /// <see cref="WsusUtilRunner"/>; cancellation kills wsusutil, waits for it to end, then throws.
    /// </summary>
    Task<WsusUtilResult> ExportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken);

    /// <summary><c>wsusutil import &lt;packagePath&gt; &lt;logPath&gt;</c>; content must already be in WsusContent.</summary>
    Task<WsusUtilResult> ImportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken);
}
