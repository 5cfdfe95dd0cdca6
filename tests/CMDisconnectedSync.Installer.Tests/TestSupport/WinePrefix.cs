using System.Globalization;
using System.Text;

namespace CMDisconnectedSync.Installer.Tests.TestSupport;

/// <summary>
/// A private wine prefix (a throw-away Windows: registry + C: drive) under a temp folder, with Windows Installer's
/// msiexec and reg.exe as Debian's wine ships them. One per test class: `wineboot -i` builds it once (the slow part),
/// every msiexec run afterwards takes about a second. WINEDEBUG=-all keeps wine quiet; no DISPLAY, so nothing opens a
/// window; WINEDLLOVERRIDES disables the wine-mono/gecko download prompts, which msiexec does not need.
/// Wine missing fails the test: CI installs it (build.sh DEBIAN_PACKAGES), so a skip would hide a broken machine.
/// </summary>
internal sealed class WinePrefix : IDisposable
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private readonly string root;
    private readonly Dictionary<string, string?> environment;
    private int logNumber;

    private WinePrefix(string root)
    {
        this.root = root;
        environment = new Dictionary<string, string?>
        {
            ["WINEPREFIX"] = Path.Combine(root, "prefix"),
            ["WINEDEBUG"] = "-all",
            ["WINEDLLOVERRIDES"] = "mscoree,mshtml=",
            ["DISPLAY"] = null,
            ["WAYLAND_DISPLAY"] = null,
        };
    }

    public string DriveC => Path.Combine(root, "prefix", "drive_c");

    /// <summary>Creates and boots the prefix; fails the test (never skips) when wine is not installed.</summary>
    public static WinePrefix Create()
    {
        foreach (var command in new[] { "wine", "wineboot", "wineserver" })
        {
            if (!ToolProcess.IsOnPath(command))
            {
                Assert.Fail($"'{command}' is not installed. ./build.sh test installs Debian's wine and wine64 (DEBIAN_PACKAGES); " +
                            "by hand: apt-get install -y wine wine64.");
            }
        }

        var prefix = new WinePrefix(Directory.CreateTempSubdirectory("cmdsync-wine-").FullName);
        try
        {
            prefix.Wine("wineboot", ["-i"], BootTimeout);
            prefix.Wine("wineserver", ["-w"], BootTimeout);
            return prefix;
        }
        catch
        {
            prefix.Dispose();
            throw;
        }
    }

    /// <summary>A C:\… path as a file-system path inside the prefix.</summary>
    public string HostPath(string windowsPath)
    {
        if (!windowsPath.StartsWith(@"C:\", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{windowsPath}' is not on C:.", nameof(windowsPath));
        }

        return Path.Combine([DriveC, .. windowsPath[3..].Split('\\', StringSplitOptions.RemoveEmptyEntries)]);
    }

    /// <summary>Copies a Linux file into the prefix (C:\Packages\name) and returns its Windows path.</summary>
    public string CopyIn(string file)
    {
        var target = HostPath(@"C:\Packages\" + Path.GetFileName(file));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(file, target, overwrite: true);
        return @"C:\Packages\" + Path.GetFileName(file);
    }

    /// <summary>
    /// msiexec with a verbose log (C:\logs\N.log); /qn is added. Fails the test with the log's tail when msiexec does not
    /// return 0 (ERROR_SUCCESS) or 3010 (success, restart required). Returns the log's text.
    /// </summary>
    public string Msiexec(params string[] arguments)
    {
        var log = $@"C:\logs\{Interlocked.Increment(ref logNumber):00}.log";
        Directory.CreateDirectory(HostPath(@"C:\logs"));
        var result = Wine("wine", ["msiexec", .. arguments, "/qn", "/l*v", log], CommandTimeout, throwOnFailure: false);
        if (result.ExitCode is not (0 or 3010))
        {
            Assert.Fail($"msiexec {string.Join(' ', arguments)} returned {result.ExitCode}.\n{Tail(HostPath(log))}\n{result.Both}");
        }

        return ReadLog(HostPath(log));
    }

    /// <summary>msiexec without checking the result, for cleaning up after a failed test; returns its exit code.</summary>
    public int MsiexecUnchecked(params string[] arguments) =>
        Wine("wine", ["msiexec", .. arguments, "/qn"], CommandTimeout, throwOnFailure: false).ExitCode;

    /// <summary>Sets a DWORD under HKLM in the 64-bit view (reg.exe of wine64).</summary>
    public void SetDword(string key, string name, int value) =>
        Wine("wine", ["reg", "add", @"HKLM\" + key, "/v", name, "/t", "REG_DWORD", "/d", value.ToString(CultureInfo.InvariantCulture), "/f", "/reg:64"], CommandTimeout);

    /// <summary>The values of an HKLM key (64-bit view by default) as reg.exe prints them, or null when the key is absent.</summary>
    public IReadOnlyDictionary<string, string>? RegistryValues(string key, bool wow64 = false)
    {
        var result = Wine("wine", ["reg", "query", @"HKLM\" + key, wow64 ? "/reg:32" : "/reg:64"], CommandTimeout, throwOnFailure: false);
        if (result.ExitCode != 0)
        {
            return null;
        }

        // "    Name    REG_SZ    Value": four-space separated columns below the key line.
        return result.Output.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.StartsWith("    ", StringComparison.Ordinal))
            .Select(line => line.Trim().Split("    ", 3, StringSplitOptions.None))
            .Where(columns => columns.Length == 3)
            .ToDictionary(columns => columns[0], columns => columns[2], StringComparer.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        // Stop this prefix's wineserver before deleting its files.
        ToolProcess.Run("wineserver", ["-k"], environment, CommandTimeout);
        Directory.Delete(root, recursive: true);
    }

    private ToolResult Wine(string command, string[] arguments, TimeSpan timeout, bool throwOnFailure = true)
    {
        var result = ToolProcess.Run(command, arguments, environment, timeout);
        if (throwOnFailure && result.ExitCode != 0)
        {
            Assert.Fail($"{command} {string.Join(' ', arguments)} (WINEPREFIX {environment["WINEPREFIX"]}) returned {result.ExitCode}: {result.Both}");
        }

        return result;
    }

    /// <summary>The last lines of an msiexec log (wine writes it as UTF-16 or UTF-8; a BOM decides).</summary>
    private static string Tail(string log)
    {
        if (!File.Exists(log))
        {
            return $"(no log at {log})";
        }

        return string.Join('\n', ReadLog(log).Split('\n').TakeLast(40));
    }

    private static string ReadLog(string log)
    {
        var bytes = File.ReadAllBytes(log);
        return bytes.Length > 1 && bytes[1] == 0 ? Encoding.Unicode.GetString(bytes) : Encoding.UTF8.GetString(bytes);
    }
}
