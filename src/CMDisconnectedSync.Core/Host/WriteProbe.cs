namespace CMDisconnectedSync.Host;

/// <summary>
/// Whether a file can be created in a folder, learned by trying: opens a uniquely named file with
/// <see cref="FileOptions.DeleteOnClose"/>, so the OS removes it when the handle closes and nothing is left behind. The
/// only way to learn what the effective ACL, a read-only volume or a write-protected USB stick really allow.
/// </summary>
public static class WriteProbe
{
    public static bool CanCreateFile(string folder)
    {
        _ = folder ?? throw new ArgumentNullException(nameof(folder));
        var probe = Path.Combine(folder, ".cmdsync-write-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                return true;
            }
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            // Read-only media, write-protected volume: not writable, which is the answer we were asked for.
            return false;
        }
    }
}
