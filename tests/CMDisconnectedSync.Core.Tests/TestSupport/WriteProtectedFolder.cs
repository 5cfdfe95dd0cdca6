using System.Diagnostics;

namespace CMDisconnectedSync.Core.Tests.TestSupport;

/// <summary>
/// Makes an existing folder refuse new files for the account running the tests, and undoes it on dispose. An ordinary
/// account gets mode 0555; root ignores modes, so for root the folder gets the ext4/xfs immutable attribute
/// (<c>chattr +i</c>, chattr(1): "no files can be created in this directory", which binds root too). Where neither is
/// possible (Windows, a file system without the attribute) <see cref="TryProtect"/> says why, for Assert.Inconclusive.
/// </summary>
internal sealed class WriteProtectedFolder : IDisposable
{
    private readonly string _path;
    private readonly bool _immutable;

    private WriteProtectedFolder(string path, bool immutable)
    {
        _path = path;
        _immutable = immutable;
    }

    public static WriteProtectedFolder? TryProtect(string path, out string whyNot)
    {
        whyNot = string.Empty;
        if (OperatingSystem.IsWindows())
        {
            whyNot = "write-protecting a folder for the test account is not implemented on Windows.";
            return null;
        }

        if (Environment.UserName != "root")
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            return new WriteProtectedFolder(path, immutable: false);
        }

        var (code, output) = Chattr("+i", path);
        if (code != 0)
        {
            whyNot = $"running as root, and 'chattr +i {path}' failed ({output.Trim()}): this file system has no immutable attribute.";
            return null;
        }

        return new WriteProtectedFolder(path, immutable: true);
    }

    public void Dispose()
    {
        if (_immutable)
        {
            _ = Chattr("-i", _path);
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static (int Code, string Output) Chattr(string change, string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [change, path]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, "chattr is not installed: " + ex.Message);
        }
    }
}
