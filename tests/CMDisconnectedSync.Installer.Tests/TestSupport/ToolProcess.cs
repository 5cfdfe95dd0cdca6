using System.Diagnostics;

namespace CMDisconnectedSync.Installer.Tests.TestSupport;

/// <summary>What a finished tool run printed and returned.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public string Both => Output + Error;
}

/// <summary>
/// Runs a Linux tool (wine, osslsigncode, msiextract, a shell script) with extra environment variables and a time limit.
/// A tool that is not installed fails the test with the package to install: the tests never skip quietly.
/// </summary>
internal static class ToolProcess
{
    public static ToolResult Run(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start '{fileName}'.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            Assert.Fail($"'{fileName}' could not be started ({exception.Message}). ./build.sh test installs it (DEBIAN_PACKAGES).");
            throw;
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            var limit = timeout ?? TimeSpan.FromMinutes(2);
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"'{fileName} {string.Join(' ', startInfo.ArgumentList)}' did not finish within {limit.TotalSeconds:0} s.");
            }

            process.WaitForExit();
            return new ToolResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
    }

    /// <summary>True when <paramref name="command"/> is an executable file on PATH.</summary>
    public static bool IsOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, command)));
}
