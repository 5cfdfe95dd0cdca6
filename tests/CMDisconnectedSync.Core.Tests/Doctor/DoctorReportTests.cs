using System.Text.Json;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Doctor;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Core.Tests.Doctor;

[TestClass]
public sealed class DoctorReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);
    private static readonly FieldFact Registry = new("wsus.registry.setupKey", "WSUS", "WSUS setup registry key", @"HKLM\…\Setup exists", "Microsoft, 'Verifying WSUS Server Settings'");
    private static readonly FieldFact Console = new("console.path", "Console", "ConfigMgr console (AdminConsole folder)", "an AdminConsole folder", "design.md §6");
    private static readonly FieldFact Sync = new("configmgr.sup.syncSource", "ConfigMgr", "Software update point sync source", "DoNotSynchronize", "design.md §5");

    private static DoctorRunner CreateSut() => new(new FakeTimeProvider(Now), TestLogger.Silent);

    private static DoctorReport Report(params DoctorFinding[] findings) => new("WSUS01", DoctorSide.Import, Now, "0.1.0", findings);

    [TestMethod]
    [DataRow(new[] { CheckStatus.Confirmed, CheckStatus.NotApplicable }, DoctorVerdict.AllConfirmed)]
    [DataRow(new[] { CheckStatus.AccessDenied, CheckStatus.Confirmed }, DoctorVerdict.AccessDenied)]
    [DataRow(new[] { CheckStatus.AccessDenied, CheckStatus.Missing }, DoctorVerdict.Missing)]
    [DataRow(new[] { CheckStatus.Missing, CheckStatus.Differs, CheckStatus.AccessDenied }, DoctorVerdict.Differs)]
    public void Verdict_WorstStatusWins(CheckStatus[] statuses, DoctorVerdict expected)
    {
        var report = Report([.. statuses.Select(s => Registry.Finding(s, "x", "y"))]);

        Assert.AreEqual(expected, report.Verdict);
    }

    [TestMethod]
    public async Task RunAsync_CheckThrows_ReportsItsPrimaryFactMissingAndRunsTheOthers()
    {
        var checks = new IDoctorCheck[]
        {
            new ScriptedCheck(Registry, () => throw new InvalidOperationException("registry provider crashed")),
            new ScriptedCheck(Console, () => [Console.Confirmed(@"C:\Program Files (x86)\Microsoft Configuration Manager\AdminConsole")]),
        };

        var report = await CreateSut().RunAsync("WSUS01", DoctorSide.Import, "0.1.0", checks, CancellationToken.None);

        Assert.HasCount(2, report.Findings);
        Assert.AreEqual(CheckStatus.Missing, report.Findings[0].Status);
        StringAssert.Contains(report.Findings[0].Detail, "registry provider crashed");
        Assert.AreEqual(CheckStatus.Confirmed, report.Findings[1].Status);
        Assert.AreEqual(Now, report.CreatedUtc);
    }

    [TestMethod]
    public async Task RunAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsExactlyAsync<OperationCanceledException>(() =>
            CreateSut().RunAsync("WSUS01", DoctorSide.Import, "0.1.0", [new ScriptedCheck(Registry, () => [])], cancellation.Token));
    }

    [TestMethod]
    public void Json_Report_HasTheDocumentedShape()
    {
        var report = Report(
            Registry.Missing("(key absent)", "WSUS is not installed on this machine."),
            Sync.Differs("MicrosoftUpdate (DefaultUseParentWSUS = 0)", "Choose 'Do not synchronize'."));

        using var json = JsonDocument.Parse(DoctorReportJson.Serialize(report));
        var root = json.RootElement;

        CollectionAssert.AreEqual(
            new[] { "schemaVersion", "tool", "toolVersion", "machine", "side", "createdUtc", "verdict", "counts", "findings" },
            root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.AreEqual("WSUS01", root.GetProperty("machine").GetString());
        Assert.AreEqual("Import", root.GetProperty("side").GetString());
        Assert.AreEqual("Differs", root.GetProperty("verdict").GetString());
        Assert.AreEqual(1, root.GetProperty("counts").GetProperty("Missing").GetInt32());
        Assert.AreEqual(0, root.GetProperty("counts").GetProperty("Confirmed").GetInt32());
        var finding = root.GetProperty("findings")[1];
        CollectionAssert.AreEqual(
            new[] { "id", "area", "assumption", "status", "found", "expected", "source", "detail", "isProblem" },
            finding.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual("configmgr.sup.syncSource", finding.GetProperty("id").GetString());
        Assert.AreEqual("Differs", finding.GetProperty("status").GetString());
        Assert.AreEqual("DoNotSynchronize", finding.GetProperty("expected").GetString());
        Assert.AreEqual("Choose 'Do not synchronize'.", finding.GetProperty("detail").GetString());
    }

    [TestMethod]
    public void Table_Report_AlignsColumnsAndListsWhatToFix()
    {
        var report = Report(
            Registry.Missing("(key absent)", "WSUS is not installed on this machine."),
            Console.Confirmed(@"C:\AdminConsole"),
            Sync.NotApplicable("Needs the SMS Provider connection."));

        var lines = DoctorTable.Render(report).Split(Environment.NewLine);

        var header = lines.Single(l => l.StartsWith("STATUS", StringComparison.Ordinal));
        var rows = lines.SkipWhile(l => l != header).Skip(1).TakeWhile(l => l.Length > 0).ToList();
        CollectionAssert.AreEqual(new[] { "Missing", "Confirmed", "NotApplicable" }, rows.Select(r => r.Split(' ')[0]).ToArray());
        foreach (var row in rows)
        {
            Assert.AreEqual(header.IndexOf("AREA", StringComparison.Ordinal), row.IndexOf(row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], StringComparison.Ordinal));
            Assert.AreEqual(header.IndexOf("FOUND", StringComparison.Ordinal), row.IndexOf(row == rows[0] ? "(key absent)" : row == rows[1] ? @"C:\AdminConsole" : "(not checked)", StringComparison.Ordinal));
        }

        var text = string.Join("\n", lines);
        StringAssert.Contains(text, "[Missing] wsus.registry.setupKey");
        StringAssert.Contains(text, "what now: WSUS is not installed on this machine.");
        StringAssert.Contains(text, "configmgr.sup.syncSource: Needs the SMS Provider connection.");
        StringAssert.Contains(text, "3 checks: 1 confirmed, 0 differ, 1 missing, 1 not applicable, 0 access denied.");
        Assert.DoesNotContain('\u001b', text, "no ANSI colour codes");
    }

    private sealed class ScriptedCheck(FieldFact fact, Func<IReadOnlyList<DoctorFinding>> run) : IDoctorCheck
    {
        public string Name => fact.Assumption;

        public FieldFact PrimaryFact => fact;

        public Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken) => Task.FromResult(run());
    }
}
