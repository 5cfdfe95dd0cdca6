using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CMDisconnectedSync.State;

/// <summary>
/// One workflow run's exclusive hold on a state folder (<c>import.lock</c> or <c>export.lock</c>), so two runs (a
/// scheduled task and an admin, or the wizard and the console action) never resume the same journal or rewrite
/// <c>state.json</c>, <c>inventory.json</c> or the export chain at once.
/// </summary>
/// <remarks>
/// The lock is the open handle, not the file: it is opened with <see cref="FileShare.None"/> and
/// <see cref="FileOptions.DeleteOnClose"/>, so the operating system releases it when the process ends, however it
/// ends, and a file left behind by a crash is simply opened again by the next run. Windows cannot read a file held with
/// <see cref="FileShare.None"/>, so the holder (process id, computer, start time) is also written beside it in
/// <c>*.lock.owner</c> for the refusal message; that file is only read while the lock is held, and each holder rewrites it.
/// </remarks>
public sealed class StateFolderLock : IDisposable
{
    public const string ImportLockFileName = "import.lock";
    public const string ExportLockFileName = "export.lock";
    public const string OwnerSuffix = ".owner";

    private readonly FileStream _handle;

    private StateFolderLock(string lockPath, FileStream handle)
    {
        LockPath = lockPath;
        _handle = handle;
    }

    public string LockPath { get; }

    private string OwnerPath => LockPath + OwnerSuffix;

    /// <summary>
    /// Takes the lock of <paramref name="workflow"/> (<c>import</c> or <c>export</c>) on <paramref name="stateFolder"/>,
    /// or throws <see cref="StateFolderInUseException"/> naming the run that holds it. Never waits.
    /// </summary>
    public static StateFolderLock Acquire(string stateFolder, string workflow, TimeProvider clock)
    {
        _ = stateFolder ?? throw new ArgumentNullException(nameof(stateFolder));
        _ = workflow ?? throw new ArgumentNullException(nameof(workflow));
        _ = clock ?? throw new ArgumentNullException(nameof(clock));
        Directory.CreateDirectory(stateFolder);
        var lockPath = Path.Combine(stateFolder, workflow + ".lock");
        FileStream handle;
        try
        {
            handle = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.DeleteOnClose);
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            throw new StateFolderInUseException(string.Format(CultureInfo.InvariantCulture,
                "Another cmdsync {0} ({1}) is running on the state folder '{2}' (it holds '{3}'); wait for it or stop it, then run the command again.",
                workflow, ReadOwner(lockPath + OwnerSuffix), stateFolder, lockPath), ex);
        }

        try
        {
            var owner = new UTF8Encoding(false).GetBytes(DescribeThisProcess(clock) + "\n");
            handle.SetLength(0);
            handle.Write(owner, 0, owner.Length);
            handle.Flush(flushToDisk: true);
            File.WriteAllBytes(lockPath + OwnerSuffix, owner);
            return new StateFolderLock(lockPath, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Releases the lock: the owner file goes first, then closing the handle deletes the lock file.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(OwnerPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Harmless when left: the owner file is only read while a lock is held, and the next holder rewrites it.
            Trace.TraceWarning("Could not delete '{0}': {1}", OwnerPath, ex.Message);
        }

        _handle.Dispose();
    }

    /// <summary>
    /// The open failed because another handle holds the file: on Windows ERROR_SHARING_VIOLATION (32) or
    /// ERROR_LOCK_VIOLATION (33) as an HRESULT; on Linux/macOS .NET emulates <see cref="FileShare.None"/> with
    /// <c>flock</c> and reports EWOULDBLOCK (errno 11 on Linux, 35 on macOS) as the HResult. Any other error (disk,
    /// permissions, path) is a file-system failure, not a busy state folder.
    /// </summary>
    /// <remarks>
    /// Sources: Windows System Error Codes 0-499 (learn.microsoft.com/windows/win32/debug/system-error-codes--0-499-);
    /// dotnet/runtime SafeFileHandle.Unix.cs (FileShare.None takes <c>flock(LOCK_EX | LOCK_NB)</c>, EWOULDBLOCK throws
    /// an IOException whose HResult is the errno: 0x0000000B measured on Linux with .NET 10).
    /// </remarks>
    private static bool IsHeldElsewhere(IOException exception) =>
        exception.HResult is unchecked((int)0x80070020) or unchecked((int)0x80070021) or 11 or 35;

    private static string DescribeThisProcess(TimeProvider clock)
    {
        using var process = Process.GetCurrentProcess();
        return string.Format(CultureInfo.InvariantCulture, "pid {0} on {1}, started at {2:yyyy-MM-dd HH:mm} UTC",
            process.Id, Environment.MachineName, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// The holder as its owner file names it. The holder writes that file just after it took the lock, so a run
    /// refused in that instant (two runs started together) finds it missing or empty: it is read again for up to a
    /// second before saying so (issue 19: the refusal sometimes could not name the holder).
    /// </summary>
    private static string ReadOwner(string ownerPath)
    {
        const int Attempts = 20;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var text = File.Exists(ownerPath) ? StateFileReader.ReadAllText(ownerPath, StateFileReader.MaxSmallFileBytes).Trim() : string.Empty;
                if (text.Length > 0 && text.EndsWith("UTC", StringComparison.Ordinal))
                {
                    return text;
                }

                if (attempt == Attempts)
                {
                    return text.Length > 0 ? text : "its process id is not recorded yet";
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (attempt == Attempts)
                {
                    return $"its process id could not be read from '{ownerPath}': {ex.Message}";
                }
            }

            Thread.Sleep(50);
        }
    }
}

/// <summary>Another run holds the state folder's lock (see <see cref="StateFolderLock"/>); the message names it and what to do.</summary>
public sealed class StateFolderInUseException : IOException
{
    public StateFolderInUseException()
    {
    }

    public StateFolderInUseException(string message)
        : base(message)
    {
    }

    public StateFolderInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
