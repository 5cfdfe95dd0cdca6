using System.Text.Json;
using CMDisconnectedSync.Doctor;

namespace CMDisconnectedSync.Cli.Tests.Commands;

/// <summary>
/// <c>cmdsync doctor</c> end to end with the real composition on this (Linux) build machine: no WSUS, no console, no
/// SDK. It must say so honestly (Missing / NotApplicable, never Confirmed) and exit with the documented code.
/// </summary>
[TestClass]
public sealed class DoctorCommandTests
{
    private string _root = null!;

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("cmdsync-cli-doctor-").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("This end-to-end test describes a machine without WSUS or a ConfigMgr console (the Linux build machine).");
        }

        if (Environment.GetEnvironmentVariable("SMS_ADMIN_UI_PATH") is not null)
        {
            Assert.Inconclusive("SMS_ADMIN_UI_PATH is set: this machine claims a ConfigMgr console.");
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync([.. args, "--log", Path.Combine(_root, "cmdsync.log")], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [TestMethod]
    public async Task Doctor_OnLinux_ReportsWsusAndConsoleMissingAndExits68()
    {
        var (exitCode, output, _) = await RunAsync("doctor");

        Assert.AreEqual(ExitCodes.DoctorFindingsMissing, exitCode);
        var rows = output.Split(Environment.NewLine).Where(l => l.Length > 0 && char.IsUpper(l[0]) && !l.StartsWith("STATUS", StringComparison.Ordinal)).ToList();
        Assert.IsTrue(rows.Any(r => r.StartsWith("Missing", StringComparison.Ordinal) && r.Contains("WSUS setup registry key", StringComparison.Ordinal)), output);
        Assert.IsTrue(rows.Any(r => r.StartsWith("Missing", StringComparison.Ordinal) && r.Contains("ConfigMgr console (AdminConsole folder)", StringComparison.Ordinal)), output);
        Assert.IsFalse(rows.Any(r => r.StartsWith("Confirmed", StringComparison.Ordinal)), "nothing can be confirmed on a machine without WSUS or a console:\n" + output);
        StringAssert.Contains(output, "SMS Provider reachable");
        StringAssert.Contains(output, "0 confirmed");
    }

    [TestMethod]
    public async Task Doctor_JsonAndOut_WritesTheSameReportToBoth()
    {
        var reportPath = Path.Combine(_root, "report.json");

        var (exitCode, output, _) = await RunAsync("doctor", "--json", "--out", reportPath, "--side", "export");

        Assert.AreEqual(ExitCodes.DoctorFindingsMissing, exitCode);
        using var printed = JsonDocument.Parse(output);
        using var saved = JsonDocument.Parse(File.ReadAllText(reportPath));
        Assert.AreEqual(printed.RootElement.GetProperty("findings").GetArrayLength(), saved.RootElement.GetProperty("findings").GetArrayLength());
        Assert.AreEqual("Export", saved.RootElement.GetProperty("side").GetString());
        Assert.AreEqual("Missing", saved.RootElement.GetProperty("verdict").GetString());
        var statuses = saved.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("status").GetString()).ToList();
        Assert.DoesNotContain("Confirmed", statuses);
        var ids = saved.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();
        CollectionAssert.IsSubsetOf(FieldFacts.All.Where(f => f.Id != "configmgr.sup.syncSource").Select(f => f.Id).ToArray(), ids.ToArray());
    }

    [TestMethod]
    public async Task Doctor_OutFolderMissing_ExitsFailureNamingThePath()
    {
        var reportPath = Path.Combine(_root, "no-such-folder", "report.json");

        var (exitCode, _, error) = await RunAsync("doctor", "--out", reportPath);

        Assert.AreEqual(ExitCodes.Failure, exitCode);
        StringAssert.Contains(error, reportPath);
    }

    [TestMethod]
    [DataRow(DoctorVerdict.AllConfirmed, ExitCodes.Success)]
    [DataRow(DoctorVerdict.Differs, ExitCodes.DoctorFindingsDiffer)]
    [DataRow(DoctorVerdict.Missing, ExitCodes.DoctorFindingsMissing)]
    [DataRow(DoctorVerdict.AccessDenied, ExitCodes.DoctorAccessDenied)]
    public void ForDoctor_Verdict_MapsToItsDocumentedCode(DoctorVerdict verdict, int expected)
    {
        Assert.AreEqual(expected, ExitCodes.ForDoctor(verdict));
    }
}
