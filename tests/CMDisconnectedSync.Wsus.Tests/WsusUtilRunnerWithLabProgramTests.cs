using System.Diagnostics;
using System.IO.Compression;
using CMDisconnectedSync.Wsus.Processes;
using CMDisconnectedSync.Wsus.Tests.TestSupport;

namespace CMDisconnectedSync.Wsus.Tests;

/// <summary>
/// The Core wsusutil runner driving a real child process: the lab wsusutil, started by the real
/// <see cref="ProcessRunner"/>, once per fault it can be told to have.
/// </summary>
[TestClass]
public sealed class WsusUtilRunnerWithLabProgramTests
{
    private TempFolder _folder = null!;
    private CollectingLogger _log = null!;

    [TestInitialize]
    public void CreateLab()
    {
        _folder = new TempFolder("cmdsync-wsusutil-");
        _folder.WriteFile(Path.Combine("WsusContent", "0A", "0A1B2C.cab"), "cab bytes");
        _folder.WriteFile(Path.Combine("WsusContent", "B7", "eula.txt"), "license terms");
        _log = new CollectingLogger();
    }

    [TestCleanup]
    public void DeleteLab() => _folder.Delete();

    private WsusUtilRunner CreateSut(string? fault = null, TimeSpan? timeout = null, string? tempFolder = null)
    {
        var environment = new Dictionary<string, string>
        {
            [LabWsusUtil.ContentVariable] = _folder.Combine("WsusContent"),
            [LabWsusUtil.DatabaseVariable] = _folder.Combine("import-server", "database.txt"),
        };
        if (tempFolder is not null)
        {
            // Path.GetTempPath reads TMPDIR on Linux and TMP/TEMP on Windows.
            environment["TMPDIR"] = tempFolder;
            environment["TMP"] = tempFolder;
            environment["TEMP"] = tempFolder;
        }

        if (fault is not null)
        {
            environment[LabWsusUtil.FaultVariable] = fault;
        }

        return new WsusUtilRunner(new ProcessRunner(), _log.Logger,
            new WsusUtilRunnerOptions { Timeout = timeout ?? TimeSpan.FromMinutes(1), Environment = environment });
    }

    private Task<WsusUtilResult> ExportAsync(WsusUtilRunner sut, CancellationToken cancellationToken = default) =>
        sut.RunAsync(LabWsusUtil.Path, WsusUtilOperation.Export, _folder.Combine("out", "export.xml.gz"), _folder.Combine("out", "export.log"), cancellationToken);

    [TestMethod]
    public async Task RunAsync_ExportThatSucceeds_ReportsSuccessWithARealGzipPackage()
    {
        var result = await ExportAsync(CreateSut());

        Assert.AreEqual(WsusUtilFailure.None, result.Failure, result.Message);
        Assert.IsTrue(result.Succeeded);
        Assert.AreEqual(0, result.ExitCode);
        Assert.AreEqual(new FileInfo(result.PackagePath).Length, result.PackageBytes);
        using var gzip = new GZipStream(File.OpenRead(result.PackagePath), CompressionMode.Decompress);
        var xml = new StreamReader(gzip).ReadToEnd();
        StringAssert.Contains(xml, "0A/0A1B2C.cab");
        StringAssert.Contains(xml, "B7/eula.txt");
        Assert.IsTrue(_log.Messages.Any(m => m.Contains("Exporting update metadata", StringComparison.Ordinal)), "wsusutil's standard output goes to our log");
    }

    [TestMethod]
    public async Task RunAsync_ImportOfAnExportedPackage_SucceedsAndRecordsEveryEntry()
    {
        var sut = CreateSut();
        var export = await ExportAsync(sut);

        var import = await sut.RunAsync(LabWsusUtil.Path, WsusUtilOperation.Import, export.PackagePath, _folder.Combine("import-server", "import.log"), CancellationToken.None);

        Assert.AreEqual(WsusUtilFailure.None, import.Failure, import.Message);
        var database = File.ReadAllLines(_folder.Combine("import-server", "database.txt"));
        Assert.HasCount(2, database);
    }

    [TestMethod]
    public async Task RunAsync_NonZeroExitCode_FailsOnTheExitCodeAndQuotesTheLog()
    {
        var result = await ExportAsync(CreateSut("exit-code"));

        Assert.AreEqual(WsusUtilFailure.ExitCode, result.Failure);
        Assert.AreEqual(1, result.ExitCode);
        StringAssert.Contains(result.Message, "exit code 1");
        StringAssert.Contains(result.Message, "Its log lists 2 update(s) exported and no ExportError", "with no error, the XML log is summarised, not quoted");
        StringAssert.Contains(result.Message, "lab fault 'exit-code'", "standard error is quoted too");
    }

    [TestMethod]
    public async Task RunAsync_ErrorLineInLogWithExitCodeZero_FailsAndQuotesTheErrorLine()
    {
        var result = await ExportAsync(CreateSut("error-line"));

        Assert.AreEqual(WsusUtilFailure.ErrorLinesInLog, result.Failure);
        Assert.AreEqual(0, result.ExitCode);
        Assert.HasCount(1, result.ErrorLines);
        StringAssert.Contains(result.ErrorLines[0], "SqlException: Timeout expired");
        StringAssert.Contains(result.Message, result.ErrorLines[0]);
    }

    [TestMethod]
    public async Task RunAsync_ZeroBytePackage_FailsOnThePackage()
    {
        var result = await ExportAsync(CreateSut("empty-package"));

        Assert.AreEqual(WsusUtilFailure.PackageMissingOrEmpty, result.Failure);
        Assert.AreEqual(0, result.ExitCode);
        Assert.AreEqual(0L, result.PackageBytes);
        StringAssert.Contains(result.Message, "empty (0 bytes)");
    }

    [TestMethod]
    public async Task RunAsync_HangPastTimeout_KillsWaitsAndReportsTimedOut()
    {
        var watch = Stopwatch.StartNew();
        var result = await ExportAsync(CreateSut("hang", TimeSpan.FromSeconds(2)));
        watch.Stop();

        Assert.AreEqual(WsusUtilFailure.TimedOut, result.Failure);
        Assert.IsNull(result.ExitCode);
        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(30), $"returned after {watch.Elapsed}");
        var processId = ProcessIdFromOutput();
        Assert.IsFalse(IsRunning(processId), $"wsusutil-lab {processId} must be gone when the runner returns");
        StringAssert.Contains(result.Message, "did not finish within");
    }

    [TestMethod]
    public async Task RunAsync_Cancelled_KillsWaitsAndThrows()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var sut = CreateSut("hang");

        await Assert.ThrowsExactlyAsync<OperationCanceledException>(() => ExportAsync(sut, cancellation.Token));

        var processId = ProcessIdFromOutput();
        Assert.IsFalse(IsRunning(processId), $"wsusutil-lab {processId} must be gone when the runner throws");
        Assert.IsTrue(_log.Messages.Any(m => m.Contains("cancelled", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task RunAsync_ImportOfACorruptPackage_FailsWithTheLabsErrorLine()
    {
        var package = _folder.WriteFile(Path.Combine("in", "damaged.xml.gz"), "this is not gzip");

        var result = await CreateSut().RunAsync(LabWsusUtil.Path, WsusUtilOperation.Import, package, _folder.Combine("in", "import.log"), CancellationToken.None);

        Assert.AreEqual(WsusUtilFailure.ExitCode, result.Failure);
        StringAssert.Contains(result.Message, "Import failed");
    }

    [TestMethod]
    public async Task RunAsync_ExportThatSucceeds_WritesTheRealOneLineXmlLogAndCountsItsUpdates()
    {
        var result = await ExportAsync(CreateSut());

        Assert.AreEqual(WsusUtilFailure.None, result.Failure, result.Message);
        var text = File.ReadAllText(result.LogPath);
        StringAssert.StartsWith(text, "<?xml version=\"1.0\" encoding=\"utf-8\"?><ExportLog Time=\"");
        Assert.IsFalse(text.Contains('\n', StringComparison.Ordinal), "one line, as XmlTextWriter writes it");
        Assert.AreEqual(WsusUtilLogFormat.Xml, result.Log!.Format);
        Assert.AreEqual(2, result.Log.Updates);
        StringAssert.Contains(result.Message, "2 update(s) exported");
    }

    [TestMethod]
    public async Task RunAsync_ErrorCueOnImport_FailsQuotingTheImportErrorMessage()
    {
        var export = await ExportAsync(CreateSut());

        var import = await CreateSut("error-line").RunAsync(LabWsusUtil.Path, WsusUtilOperation.Import, export.PackagePath, _folder.Combine("import-server", "import.log"), CancellationToken.None);

        Assert.AreEqual(WsusUtilFailure.ErrorLinesInLog, import.Failure);
        Assert.AreEqual(2, import.Log!.Updates);
        StringAssert.Contains(import.Message, "  Fatal Error: System.Data.SqlClient.SqlException: Timeout expired (lab fault 'error-line').");
    }

    [TestMethod]
    public async Task RunAsync_Hang_StagesTheLogInTheTempFolderItIsGiven()
    {
        var temp = Directory.CreateDirectory(_folder.Combine("wsusutil-temp")).FullName;
        var sut = CreateSut("hang", TimeSpan.FromSeconds(2), temp);

        var result = await ExportAsync(sut);

        Assert.AreEqual(WsusUtilFailure.TimedOut, result.Failure);
        Assert.IsFalse(File.Exists(result.LogPath), "like wsusutil, the log reaches its path only when the run ends");
        // Path.GetTempFileName names its files *.tmp (the runtime puts its own diagnostic pipes there too).
        var staged = Directory.GetFiles(temp, "*.tmp");
        Assert.HasCount(1, staged, "the log being written (still empty: XmlTextWriter buffers, as in the real tool)");
        Assert.IsEmpty(Directory.GetFiles(Path.GetDirectoryName(result.LogPath)!, "*.tmp"), "nothing is staged beside the package");
    }

    [TestMethod]
    public async Task RunAsync_FaultCueInAControlFileBesideThePackage_IsObeyed()
    {
        _folder.WriteFile(Path.Combine("out", LabWsusUtil.ControlFileName), "empty-package");

        var result = await ExportAsync(CreateSut());

        Assert.AreEqual(WsusUtilFailure.PackageMissingOrEmpty, result.Failure);
    }

    /// <summary>The lab says its process id on standard output when cued to hang; the runner logs that line.</summary>
    private int ProcessIdFromOutput()
    {
        var line = _log.Messages.First(m => m.Contains("Lab fault 'hang': process ", StringComparison.Ordinal));
        var match = System.Text.RegularExpressions.Regex.Match(line, @"process (\d+) waiting");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
