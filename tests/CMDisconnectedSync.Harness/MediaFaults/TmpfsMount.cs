using System.Diagnostics;

namespace CMDisconnectedSync.Harness.MediaFaults;

/// <summary>
/// A real size-limited tmpfs (Linux, root): <c>mount -t tmpfs -o size=…</c>, later remounted bigger or read-only,
/// and unmounted on dispose. <see cref="TryMountAsync"/> returns null where mounting is not permitted.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public static async Task<TmpfsMount?> TryMountAsync(string path, string options)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        Directory.CreateDirectory(path);
        return await RunAsync("mount", "-t", "tmpfs", "-o", options, "tmpfs", path).ConfigureAwait(false) == 0 ? new TmpfsMount(path) : null;
    }

    public async Task RemountAsync(string options)
    {
        var exit = await RunAsync("mount", "-o", "remount," + options, Path).ConfigureAwait(false);
        if (exit != 0)
        {
            throw new InvalidOperationException($"mount -o remount,{options} {Path} failed with exit code {exit}.");
        }
    }

    public void Dispose() => RunAsync("umount", "-l", Path).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(arguments[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync().ConfigureAwait(false);
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
