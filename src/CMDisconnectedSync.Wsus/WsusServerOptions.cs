namespace CMDisconnectedSync.Wsus;

/// <summary>Settings of the WSUS adapter.</summary>
public sealed record WsusServerOptions
{
    /// <summary>
    /// Windows PowerShell 5.1 (<c>%SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe</c>): the WSUS API is a
    /// .NET Framework assembly, so PowerShell 7 (<c>pwsh</c>) cannot load it.
    /// </summary>
    public string PowerShellPath { get; init; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.System), "WindowsPowerShell", "v1.0", "powershell.exe");

    /// <summary>How long the status query may take (loading the API and reaching the WSUS database).</summary>
    public TimeSpan StatusQueryTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
