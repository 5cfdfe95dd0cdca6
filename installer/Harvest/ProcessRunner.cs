using System.Diagnostics;

namespace CMDisconnectedSync.Installer.Harvest;

/// <summary>Runs a command-line tool (wixl, msibuild, msiinfo) and returns its standard output.</summary>
internal static class ProcessRunner
{
    public static string Run(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(startInfo)
                ?? throw new HarvestException($"Could not start '{fileName}'.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new HarvestException(
                $"Could not start '{fileName}' ({exception.Message}). Install msitools/wixl (./build.sh installs them as root).",
                exception);
        }

        using (process)
        {
            var errorTask = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var error = errorTask.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
            {
                throw new HarvestException(
                    $"'{fileName} {string.Join(' ', startInfo.ArgumentList)}' failed with exit code {process.ExitCode}: {error.Trim()}");
            }

            return output;
        }
    }
}
