using CMDisconnectedSync.Host;

namespace CMDisconnectedSync.Preflight;

/// <summary>
/// Import side: the WsusContent folder is on an NTFS volume we can write to. WSUS requires NTFS for its content
/// folder (WSUS setup refuses other file systems); a read-only or wrong volume would fail the content copy halfway.
/// </summary>
public sealed class ContentVolumeCheck(IVolumeInspector volumes, string contentDirectory) : IPreflightCheck
{
    /// <summary>The file system WSUS content must be on.</summary>
    public const string RequiredFileSystem = "NTFS";

    public string Name => "WsusContent on a writable NTFS volume";

    public Task<PreflightCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var volume = volumes.Inspect(contentDirectory);
        if (!string.Equals(volume.FileSystem, RequiredFileSystem, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(PreflightCheckResult.Fail(Name,
                $"{contentDirectory} is on {volume.RootPath}, a {volume.FileSystem} volume; WSUS content must be on NTFS.",
                "Move the WSUS content folder to an NTFS volume ('wsusutil movecontent <new folder> <log>'), then rerun."));
        }

        return Task.FromResult(volume.IsWritable
            ? PreflightCheckResult.Pass(Name, $"{contentDirectory} is on {volume.RootPath} (NTFS) and writable.")
            : PreflightCheckResult.Fail(Name, $"{contentDirectory} on {volume.RootPath} (NTFS) is not writable by this account.",
                "Run elevated as a local Administrator and check the folder's permissions (the WSUS setup grants Administrators full control)."));
    }
}
