using System.Diagnostics;

namespace CMDisconnectedSync.Harness.Support;

/// <summary>
/// Runs the real <c>cmdsync</c> (the CLI build copied beside the harness by its project reference) as a child
/// process and returns its exit code: what a scheduled task or script would see.
/// </summary>
internal static class CmdsyncProcess
{
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "cmdsync.dll");

    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException($"cmdsync.dll is not beside the harness ('{DllPath}'); build tests/CMDisconnectedSync.Harness again.", DllPath);
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false) + await error.ConfigureAwait(false));
    }
}
