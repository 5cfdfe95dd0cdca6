using System.Diagnostics;
using System.Reflection;
using CMDisconnectedSync.Lab;
using CMDisconnectedSync.Lab.ConfigMgr;
using CMDisconnectedSync.Lab.Wsus;
using CMDisconnectedSync.Testing;

namespace CMDisconnectedSync.App.Tests;

/// <summary>
/// Starts CMDisconnectedSync.exe (net48) under Mono in a virtual X display with a lab (real Core workflows on the lab
/// servers; the test builds the lab on .NET, since Mono cannot create its certificate) and the
/// <c>--auto-advance</c> hook, which walks every page and saves a screenshot of each (ImageMagick <c>import</c>) to
/// <c>artifacts/screenshots/</c>. Fails when the app exits non-zero, logs an exception, or a page's screenshot is
/// missing or blank. Inconclusive (never passed) where Mono, Xvfb or ImageMagick are not installed.
/// </summary>
[TestClass]
[TestCategory("UI")]
public sealed class UiSmokeTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private string _lab = string.Empty;

    [TestInitialize]
    public void CreateLabFolder()
    {
        _lab = Path.Combine(Path.GetTempPath(), "cmds-ui-lab-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_lab);
    }

    [TestCleanup]
    public void DeleteLabFolder()
    {
        if (Directory.Exists(_lab))
        {
            Directory.Delete(_lab, recursive: true);
        }
    }

    [TestMethod]
    [DataRow("export", "Preflight", "ExportOptions", "ExportSummary-whatif", "Progress", "ExportSummary")]
    [DataRow("import", "ChooseBundle", "Verification", "Preflight", "Progress", "Progress-sync", "NextSteps")]
    [DataRow("status", "status", "check")]
    public void Action_UnderMonoAndXvfb_RendersEveryPageWithoutAnException(string action, params string[] expectedPages)
    {
        RequireTools("mono", "xvfb-run", "import", "identify");
        var exe = FindAppExe();
        var screenshots = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");
        var prefix = action.Replace("-", string.Empty, StringComparison.Ordinal);
        Directory.CreateDirectory(screenshots);
        foreach (var old in Directory.GetFiles(screenshots, prefix + "-*.png"))
        {
            File.Delete(old);
        }

        var pageLog = Path.Combine(_lab, "shots");
        PrepareLab(action switch
        {
            "export" => LabWizardPreparation.Stage.NothingExported,
            "import" => LabWizardPreparation.Stage.BundleWaiting,
            _ => LabWizardPreparation.Stage.BundleImported,
        });
        var run = Run(
            "xvfb-run",
            "-a", "-s", "-screen 0 1024x768x24",
            "mono", exe, action, "--lab", Path.Combine(_lab, "lab"), "--screenshot-dir", pageLog, "--auto-advance");

        Assert.AreEqual(0, run.ExitCode, $"{action} exited {run.ExitCode}.{Environment.NewLine}stdout: {run.Output}{Environment.NewLine}stderr: {run.Errors}");
        Assert.DoesNotContain("exception", run.Errors.ToLowerInvariant(), "stderr: " + run.Errors);
        var pages = File.ReadAllLines(Path.Combine(pageLog, "pages.txt")).Select(line => line.Split(' ')).ToList();
        CollectionAssert.AreEqual(expectedPages, pages.Select(p => p[1]).ToArray(), "pages captured, in order");
        foreach (var page in pages)
        {
            var shot = Path.Combine(pageLog, page[2]);
            AssertNotBlank(shot);
            File.Copy(shot, Path.Combine(screenshots, page[2]), overwrite: true);
        }

        // Issue 17: no text is clipped on any page of any walk (verification, preflight, progress, status, check…).
        ClippedTextReport.AssertNoneOn(pageLog);

        if (action == "import")
        {
            // The walk ticks two rows and selects Finish without subscribing: the wizard asks first (answered by the hook).
            var questions = Path.Combine(pageLog, "questions.txt");
            Assert.IsTrue(File.Exists(questions), "Finish with ticked, unsubscribed rows closed without asking");
            StringAssert.StartsWith(File.ReadAllText(questions), "2 ticked product(s) or classification(s) are not subscribed yet:");

            // Issue 17: the import wrote the state receipt into the state folder and Next steps says where, unclipped.
            var receipt = File.ReadAllText(Path.Combine(pageLog, "receipt.txt"));
            StringAssert.StartsWith(receipt, "Receipt for the export side: " + Path.Combine(_lab, "lab", "disconnected-state", "receipts", "receipt-000001.json"));
        }
    }

    [TestMethod]
    public void Home_FirstRunOnTheExportSide_ClicksExportPlansRunsItNowAndWritesTheBundleWithNoClippedText()
    {
        RequireTools("mono", "xvfb-run", "import", "identify");
        var lab = PrepareLab(LabWizardPreparation.Stage.NothingExported);
        var pageLog = Path.Combine(_lab, "shots");

        var run = RunApp("home", pageLog);

        Assert.AreEqual(0, run.ExitCode, $"home exited {run.ExitCode}.{Environment.NewLine}stderr: {run.Errors}");
        Assert.DoesNotContain("exception", run.Errors.ToLowerInvariant(), "stderr: " + run.Errors);
        var pages = CopyScreenshots(pageLog, "home");
        CollectionAssert.AreEqual(
            new[] { "home", "Preflight", "ExportOptions", "ExportSummary-whatif", "Progress", "ExportSummary", "home-after-export" },
            pages,
            "the home window's Export… opens the wizard; a what-if plan, then Run it now, then back home");
        var bundle = Path.Combine(lab.MediaFolder, "CMDS-000001");
        Assert.IsTrue(File.Exists(Path.Combine(bundle, "manifest.json.p7s")), bundle + " was not written and signed by Run it now");
        ClippedTextReport.AssertNoneOn(pageLog, [.. pages]);
    }

    [TestMethod]
    public void Export_AfterTheFirstBundle_OptionsExplainWhyFullExportIsNotOfferedAndTheDeltaRuns()
    {
        RequireTools("mono", "xvfb-run", "import", "identify");
        var lab = PrepareLab(LabWizardPreparation.Stage.BundleWaiting);
        lab.SimulateExportServerSync(added: 2, changed: 1, seed: 0, TimeProvider.System);
        var pageLog = Path.Combine(_lab, "shots");

        var run = RunApp("export", pageLog);

        Assert.AreEqual(0, run.ExitCode, $"export exited {run.ExitCode}.{Environment.NewLine}stderr: {run.Errors}");
        var pages = CopyScreenshots(pageLog, "export2");
        // A four-file delta may finish between two looks at the progress page, so its capture is not required here.
        CollectionAssert.AreEqual(
            new[] { "Preflight", "ExportOptions", "ExportSummary-whatif", "ExportSummary" },
            pages.Where(p => p != "Progress").ToArray());
        Assert.IsTrue(File.Exists(Path.Combine(lab.MediaFolder, "CMDS-000002", "manifest.json.p7s")), "the delta was not written");
        ClippedTextReport.AssertNoneOn(pageLog, "ExportOptions", "ExportSummary-whatif", "ExportSummary");
    }

    [TestMethod]
    public void NextSteps_TickSubscribeFullSyncThenRequestContent_SubscribesOnTheLabSiteWaitsForTheSyncAndWritesTheRequest()
    {
        RequireTools("mono", "xvfb-run", "import", "identify");
        var lab = PrepareLab(LabWizardPreparation.Stage.BundleImported);
        var site = new LabConfigMgrSite(lab.SiteFolder, lab.DisconnectedServer, TimeProvider.System, new Serilog.LoggerConfiguration().CreateLogger());
        var subscribedBefore = Subscribed(site);
        var triggersBefore = site.SyncTriggers.Count;
        var pageLog = Path.Combine(_lab, "shots");

        var run = RunApp("next-steps", pageLog);

        Assert.AreEqual(0, run.ExitCode, $"next-steps exited {run.ExitCode}.{Environment.NewLine}stderr: {run.Errors}");
        Assert.DoesNotContain("exception", run.Errors.ToLowerInvariant(), "stderr: " + run.Errors);
        var pages = CopyScreenshots(pageLog, "nextsteps");
        CollectionAssert.AreEqual(new[] { "review", "subscribed", "full-sync", "synced", "request", "request-written" }, pages);
        var subscribedAfter = Subscribed(site);
        Assert.HasCount(subscribedBefore.Count + 2, subscribedAfter, "the two rows ticked in the list are subscribed on the site");
        CollectionAssert.IsSubsetOf(subscribedBefore, subscribedAfter);
        CollectionAssert.AreEqual(new[] { true }, site.SyncTriggers.Skip(triggersBefore).ToArray(), "one full sync was triggered");
        Assert.IsFalse(File.Exists(Path.Combine(pageLog, "questions.txt")), "nothing was left unsaved, so closing asked nothing");
        // "Request content for these updates…" opened the dialog with nothing ticked; the walk ticked every group: the
        // expired group adds nothing, so the request lists the Patch Tuesday group's four files not already in a package.
        var request = CMDisconnectedSync.DeploymentContent.ContentRequestSerializer.ReadFile(File.ReadAllLines(Path.Combine(pageLog, "request.txt"))[0]);
        Assert.HasCount(4, request.Files);
        CollectionAssert.AreEquivalent(site.ContentCatalog.Groups.Select(g => "CI:" + g.CiId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), request.Selection.Groups.ToArray());
        ClippedTextReport.AssertNoneOn(pageLog, [.. pages]);
    }

    [TestMethod]
    public void RequestContent_FromASoftwareUpdateGroupRow_WritesWhatTheLabSiteSaysThatGroupNeedsAndKeepsItsCopy()
    {
        RequireTools("mono", "xvfb-run", "import", "identify");
        var lab = PrepareLab(LabWizardPreparation.Stage.NothingExported);
        var catalog = new LabConfigMgrSite(lab.SiteFolder, lab.DisconnectedServer, TimeProvider.System, new Serilog.LoggerConfiguration().CreateLogger()).ContentCatalog;
        var group = catalog.Groups.Single(g => g.Name == LabDeploymentContent.PatchTuesdayGroup);
        var inPackages = catalog.PackageContents.Select(p => p.ContentId).ToHashSet();
        // What the site's own tables say this group needs: every file of its updates' contents, less what a package holds.
        var expected = catalog.Files
            .Where(f => group.UpdateCiIds.Contains(f.CiId) && !inPackages.Contains(f.ContentId))
            .OrderBy(f => f.ContentId).ThenBy(f => f.FileName, StringComparer.Ordinal)
            .Select(f => $"{f.ContentId} {f.FileName} {f.FileSize} {f.FileHash} {f.SourceUrl}")
            .ToList();
        Assert.HasCount(4, expected, "the lab group has four files to request (one content is already in the lab package)");
        var pageLog = Path.Combine(_lab, "shots");

        // The console row action's command line (console-xml/…/2853886b-…/50_RequestContentForGroup.xml) with the row's values.
        var run = RunApp(
            "request-content", pageLog,
            "--site-server", LabEnvironment.DisconnectedServerName, "--namespace", @"ROOT\SMS\site_" + LabEnvironment.SiteCode,
            "--group-id", group.CiId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.AreEqual(0, run.ExitCode, $"request-content exited {run.ExitCode}.{Environment.NewLine}stderr: {run.Errors}");
        Assert.DoesNotContain("exception", run.Errors.ToLowerInvariant(), "stderr: " + run.Errors);
        var pages = CopyScreenshots(pageLog, "requestcontent");
        CollectionAssert.AreEqual(new[] { "request", "request-written" }, pages);
        var paths = File.ReadAllLines(Path.Combine(pageLog, "request.txt"));
        StringAssert.StartsWith(paths[0], lab.MediaFolder, "the lab proposes its media folder");
        var written = CMDisconnectedSync.DeploymentContent.ContentRequestSerializer.ReadFile(paths[0]);
        Assert.AreEqual(LabEnvironment.SiteCode, written.SiteCode);
        CollectionAssert.AreEqual(new[] { "CI:" + group.CiId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, written.Selection.Groups.ToArray());
        CollectionAssert.AreEqual(expected, written.Files.Select(f => $"{f.ContentId} {f.FileName} {f.FileSize} {f.FileHash} {f.SourceUrl}").ToList());
        var kept = CMDisconnectedSync.DeploymentContent.KeptContentRequests.PathFor(lab.DisconnectedStateFolder, written.RequestId);
        Assert.AreEqual(kept, paths[1]);
        CollectionAssert.AreEqual(File.ReadAllBytes(paths[0]), File.ReadAllBytes(kept), "the kept copy is the request, byte for byte");
        ClippedTextReport.AssertNoneOn(pageLog, [.. pages]);
    }

    [TestMethod]
    public void Import_TamperedBundle_ShowsTheRefusalAndGoesNoFurther()
    {
        RequireTools("mono", "xvfb-run", "import", "identify");
        var lab = PrepareLab(LabWizardPreparation.Stage.BundleWaiting);
        var victim = Directory.EnumerateFiles(Path.Combine(lab.MediaFolder, "bundle-001", "content"), "*.cab", SearchOption.AllDirectories).First();
        var bytes = File.ReadAllBytes(victim);
        bytes[0] ^= 0xFF;
        File.WriteAllBytes(victim, bytes);
        var pageLog = Path.Combine(_lab, "shots");

        var run = Run(
            "xvfb-run",
            "-a", "-s", "-screen 0 1024x768x24",
            "mono", FindAppExe(), "import", "--lab", Path.Combine(_lab, "lab"), "--screenshot-dir", pageLog, "--auto-advance");

        Assert.AreEqual(0, run.ExitCode, "stderr: " + run.Errors);
        var pages = File.ReadAllLines(Path.Combine(pageLog, "pages.txt")).Select(line => line.Split(' ')).ToList();
        CollectionAssert.AreEqual(new[] { "ChooseBundle", "Verification-refused" }, pages.Select(p => p[1]).ToArray());
        var refused = Path.Combine(pageLog, pages[1][2]);
        AssertNotBlank(refused);
        File.Copy(refused, Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots", "import-refused-tampered.png"), overwrite: true);
    }

    [TestMethod]
    public void Import_UntrustedSigner_ShowsTheCertificateIsTrustedFromTheWizardAndImports()
    {
        RequireTools("mono", "xvfb-run", "import", "identify");
        var lab = PrepareLab(LabWizardPreparation.Stage.BundleWaiting);
        // The disconnected server has never trusted the export server's certificate: the first run of a new admin.
        File.Delete(Path.Combine(lab.DisconnectedStateFolder, CMDisconnectedSync.State.DisconnectedStateStore.TrustedSignersFileName));
        var pageLog = Path.Combine(_lab, "shots");

        var run = Run(
            "xvfb-run",
            "-a", "-s", "-screen 0 1024x768x24",
            "mono", FindAppExe(), "import", "--lab", Path.Combine(_lab, "lab"), "--screenshot-dir", pageLog, "--auto-advance");

        Assert.AreEqual(0, run.ExitCode, $"stdout: {run.Output}{Environment.NewLine}stderr: {run.Errors}");
        var pages = File.ReadAllLines(Path.Combine(pageLog, "pages.txt")).Select(line => line.Split(' ')).ToList();
        CollectionAssert.AreEqual(
            new[] { "ChooseBundle", "Verification-untrusted", "Trust", "Verification", "Preflight", "Progress", "Progress-sync", "NextSteps" },
            pages.Select(p => p[1]).ToArray());
        var trusted = File.ReadAllText(Path.Combine(lab.DisconnectedStateFolder, CMDisconnectedSync.State.DisconnectedStateStore.TrustedSignersFileName));
        StringAssert.Contains(trusted, lab.Signer.Thumbprint, "the wizard wrote the trusted signer");
        StringAssert.Contains(trusted, "[expires ", "with its expiry, for keys list");
        Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots"));
        foreach (var page in pages.Where(p => p[1] is "Verification-untrusted" or "Trust"))
        {
            var shot = Path.Combine(pageLog, page[2]);
            AssertNotBlank(shot);
            File.Copy(shot, Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots", "import-untrusted-" + page[1].ToLowerInvariant() + ".png"), overwrite: true);
        }

        // The refusal with the certificate, the trust dialog and every page after it, measured.
        ClippedTextReport.AssertNoneOn(pageLog);
    }

    [TestMethod]
    public void Status_ImportCancelledDuringVerify_ListsTheBundleAndTheStepWithResume()
    {
        RequireTools("mono", "xvfb-run", "import", "identify");
        var lab = PrepareLab(LabWizardPreparation.Stage.BundleWaiting);
        using (var cancelled = new CancellationTokenSource())
        {
            cancelled.Cancel();
            var demo = new LabDemo(lab, LabWsusUtilProgram.Locate(), TimeProvider.System, new Serilog.LoggerConfiguration().CreateLogger());
            Assert.Throws<OperationCanceledException>(() => demo.ImportAsync(1, CMDisconnectedSync.Workflows.WorkflowProgress.None, cancelled.Token).GetAwaiter().GetResult());
        }

        var pageLog = Path.Combine(_lab, "shots");
        var run = Run(
            "xvfb-run",
            "-a", "-s", "-screen 0 1024x768x24",
            "mono", FindAppExe(), "status", "--lab", Path.Combine(_lab, "lab"), "--screenshot-dir", pageLog, "--auto-advance");

        Assert.AreEqual(0, run.ExitCode, "stderr: " + run.Errors);
        var pages = File.ReadAllLines(Path.Combine(pageLog, "pages.txt")).Select(line => line.Split(' ')).ToList();
        Assert.AreEqual("status", pages[0][1]);
        var shot = Path.Combine(pageLog, pages[0][2]);
        AssertNotBlank(shot);
        Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots"));
        File.Copy(shot, Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots", "status-cancelled-resumable.png"), overwrite: true);
        var record = CMDisconnectedSync.Workflows.LastRunRecord.Read(lab.DisconnectedStateFolder, "import");
        Assert.AreEqual(CMDisconnectedSync.Workflows.LastRunOutcome.Cancelled, record?.Outcome);
        ClippedTextReport.AssertNoneOn(pageLog, "status");
    }

    [TestMethod]
    public void Status_ImportCancelled_ResumeFromTheStatusWindowFinishesTheImportByteForByte()
    {
        // Issue 17's "a cancel and resume": the run is cancelled (as Cancel on the progress page does, through the same
        // token), then the admin resumes it from the status window and the walk ends on a finished import.
        RequireTools("mono", "xvfb-run", "import", "identify");
        var lab = PrepareLab(LabWizardPreparation.Stage.BundleWaiting);
        var bundleContent = Path.Combine(lab.MediaFolder, "bundle-001", "content");
        using (var cancelled = new CancellationTokenSource())
        {
            cancelled.Cancel();
            var demo = new LabDemo(lab, LabWsusUtilProgram.Locate(), TimeProvider.System, new Serilog.LoggerConfiguration().CreateLogger());
            Assert.Throws<OperationCanceledException>(() => demo.ImportAsync(1, CMDisconnectedSync.Workflows.WorkflowProgress.None, cancelled.Token).GetAwaiter().GetResult());
        }

        var cancelledState = ImportState(lab);
        var pageLog = Path.Combine(_lab, "shots");
        var run = RunApp("status", pageLog, "--expect", "resumed");

        Assert.AreEqual(0, run.ExitCode, $"stdout: {run.Output}{Environment.NewLine}stderr: {run.Errors}");
        Assert.DoesNotContain("exception", run.Errors.ToLowerInvariant(), "stderr: " + run.Errors);
        Assert.AreEqual("Cancelled, sequence 0", cancelledState);
        Assert.AreEqual("Finished, sequence 1", ImportState(lab));
        var pages = CopyScreenshots(pageLog, "status-cancel-resume");
        Assert.AreEqual("status", pages[0]);
        Assert.AreEqual("NextSteps", pages.Where(p => p != "status-after-resume").Last(), "the resumed walk ends on a finished import's Next steps");
        var content = LabContentComparison.CompareAsync(bundleContent, lab.DisconnectedServer.ContentDirectory, CancellationToken.None).GetAwaiter().GetResult();
        Assert.IsTrue(content.Identical, "WsusContent differs from the bundle: " + string.Join("; ", content.Differences.Take(5)));
        ClippedTextReport.AssertNoneOn(pageLog, [.. pages]);
    }

    [TestMethod]
    public void Import_WsusUtilFails_EndsOnAFailurePageNamingTheStepAndTheFixWithOpenLogAndCopyDetails()
    {
        RequireTools("mono", "xvfb-run", "import", "identify");
        var lab = PrepareLab(LabWizardPreparation.Stage.BundleWaiting);
        CueWsusUtilFault(lab, "exit-code");
        var pageLog = Path.Combine(_lab, "shots");

        var run = RunApp("import", pageLog, "--expect", "failure");

        Assert.AreEqual(0, run.ExitCode, $"stdout: {run.Output}{Environment.NewLine}stderr: {run.Errors}");
        Assert.DoesNotContain("exception", run.Errors.ToLowerInvariant(), "stderr: " + run.Errors);
        var pages = CopyScreenshots(pageLog, "import-failed");
        // A lab import may finish its copy between two looks at the progress page, so that capture is not required here.
        CollectionAssert.AreEqual(
            new[] { "ChooseBundle", "Verification", "Preflight", "Progress-failed" },
            pages.Where(p => p != "Progress").ToArray(),
            "the walk ends on the failure page, the scenario's expected outcome");
        var failure = File.ReadAllText(Path.Combine(pageLog, "failure.txt"));
        var shown = failure[..failure.IndexOf("----", StringComparison.Ordinal)];
        StringAssert.Contains(shown, "Import WSUS metadata (wsusutil import)", "the page names the step that failed: " + shown);
        StringAssert.Contains(shown, "exit code 1", "and what went wrong: " + shown);
        StringAssert.Contains(shown, "Resume", "and what to do next: " + shown);
        StringAssert.Contains(failure, "Log: ", "Copy details carries the log's path");
        Assert.AreEqual(CMDisconnectedSync.Workflows.LastRunOutcome.Failed, CMDisconnectedSync.Workflows.LastRunRecord.Read(lab.DisconnectedStateFolder, "import")?.Outcome);
        ClippedTextReport.AssertNoneOn(pageLog, [.. pages]);
    }

    [TestMethod]
    public void Status_ImportInterruptedByAWsusUtilFailure_ResumeFromTheStatusWindowFinishesTheImportByteForByte()
    {
        RequireTools("mono", "xvfb-run", "import", "identify");
        var lab = PrepareLab(LabWizardPreparation.Stage.BundleWaiting);
        var bundleContent = Path.Combine(lab.MediaFolder, "bundle-001", "content");
        var states = new List<string> { "before: " + ImportState(lab) };

        // The interruption, clicked in the wizard: wsusutil fails after the content was copied, the page says so.
        CueWsusUtilFault(lab, "exit-code");
        var interrupted = RunApp("import", Path.Combine(_lab, "interrupted"), "--expect", "failure");
        Assert.AreEqual(0, interrupted.ExitCode, $"the interrupted import: {interrupted.Errors}");
        states.Add("interrupted: " + ImportState(lab));

        // The cause is fixed; the admin opens the status window, which lists the unfinished run, and clicks Resume….
        CueWsusUtilFault(lab, null);
        var pageLog = Path.Combine(_lab, "shots");
        var run = RunApp("status", pageLog, "--expect", "resumed");

        Assert.AreEqual(0, run.ExitCode, $"stdout: {run.Output}{Environment.NewLine}stderr: {run.Errors}");
        Assert.DoesNotContain("exception", run.Errors.ToLowerInvariant(), "stderr: " + run.Errors);
        states.Add("resumed: " + ImportState(lab));
        var pages = CopyScreenshots(pageLog, "status-resume");
        CollectionAssert.AreEqual(
            new[] { "status", "ChooseBundle", "Verification", "Preflight", "Progress-sync", "NextSteps", "status-after-resume" },
            pages.Where(p => p != "Progress").ToArray(),
            "Resume… opens the import wizard on the unfinished run's bundle and walks it to a finished import");
        CollectionAssert.AreEqual(
            new[] { "before: no run, sequence 0", "interrupted: Failed, sequence 0", "resumed: Finished, sequence 1" },
            states,
            "the import's recorded state, step by step");
        var content = LabContentComparison.CompareAsync(bundleContent, lab.DisconnectedServer.ContentDirectory, CancellationToken.None).GetAwaiter().GetResult();
        Assert.IsTrue(content.Identical, "WsusContent differs from the bundle: " + string.Join("; ", content.Differences.Take(5)));
        Assert.IsGreaterThan(0, content.Files, "the bundle carried content");
        StringAssert.StartsWith(
            File.ReadAllText(Path.Combine(pageLog, "result.txt")),
            "Imported sequence 1: content already copied by the earlier run.",
            "the resumed run does not report an empty copy");
        ClippedTextReport.AssertNoneOn(pageLog, [.. pages]);
    }

    [TestMethod]
    public void Import_BundleCarryingDeploymentContent_PutsTheFilesIntoTheChosenLabPackageByteForByteAndShowsThePackage()
    {
        // Issue 18 item 7: the demo's round 3 up to the bundle, then the admin imports it in the wizard.
        RequireTools("mono", "xvfb-run", "import", "identify");
        var (demo, request, downloadBase) = PrepareDeploymentContentBundle();
        var pageLog = Path.Combine(_lab, "shots");

        var run = RunApp("import", pageLog);

        Assert.AreEqual(0, run.ExitCode, $"stdout: {run.Output}{Environment.NewLine}stderr: {run.Errors}");
        Assert.DoesNotContain("exception", run.Errors.ToLowerInvariant(), "stderr: " + run.Errors);
        var pages = CopyScreenshots(pageLog, "import-package");
        CollectionAssert.AreEqual(
            new[] { "ChooseBundle", "Verification", "DeploymentContent", "Preflight", "Progress-sync", "NextSteps" },
            pages.Where(p => p != "Progress").ToArray(),
            "a bundle carrying deployment content adds the Deployment content page after the verification");
        var package = LabPackage(demo);
        var comparison = LabDeploymentContentRound.ComparePackage(demo.Lab, request, package, downloadBase);
        Assert.IsTrue(comparison.Identical, $"{comparison.Files} requested files; the package source differs: " + string.Join("; ", comparison.Differences.Take(5)));
        var shown = File.ReadAllText(Path.Combine(pageLog, "package.txt"));
        StringAssert.StartsWith(
            shown,
            $"Deployment package {LabDeploymentContent.PackageId} '{package.Name}': {request.Files.Count} file(s)",
            "the finish page names the package and the files added: " + shown);
        StringAssert.Contains(shown, "Distribution points: refresh requested", "and says the distribution points were asked to refresh: " + shown);
        ClippedTextReport.AssertNoneOn(pageLog, [.. pages]);
    }

    [TestMethod]
    public void Import_CarriedFileTheSiteDidNotRequest_EndsOnTheFailurePageNamingThePackageStepAndTheFix()
    {
        // The site's kept request no longer lists one carried file (a request rewritten after the export): the import's
        // package step refuses the content by name although the bundle is validly signed, and adds nothing.
        RequireTools("mono", "xvfb-run", "import", "identify");
        var (demo, request, _) = PrepareDeploymentContentBundle();
        var lab = demo.Lab;
        var left = request.Files[0];
        CMDisconnectedSync.DeploymentContent.KeptContentRequests.KeepAsync(
            lab.DisconnectedStateFolder, request with { Files = request.Files.Skip(1).ToList() }, CancellationToken.None).GetAwaiter().GetResult();
        var pageLog = Path.Combine(_lab, "shots");

        var run = RunApp("import", pageLog, "--expect", "failure");

        Assert.AreEqual(0, run.ExitCode, $"stdout: {run.Output}{Environment.NewLine}stderr: {run.Errors}");
        Assert.DoesNotContain("exception", run.Errors.ToLowerInvariant(), "stderr: " + run.Errors);
        var pages = CopyScreenshots(pageLog, "import-package-refused");
        CollectionAssert.AreEqual(
            new[] { "ChooseBundle", "Verification", "DeploymentContent", "Preflight", "Progress-failed" },
            pages.Where(p => p is not ("Progress" or "Progress-sync")).ToArray(),
            "the walk ends on the failure page, the scenario's expected outcome");
        var failure = File.ReadAllText(Path.Combine(pageLog, "failure.txt"));
        var shown = failure[..failure.IndexOf("----", StringComparison.Ordinal)];
        StringAssert.Contains(shown, "\"Add deployment content to the deployment package\"", "the page names the step that failed: " + shown);
        StringAssert.Contains(shown, "did not ask for", "and what went wrong: " + shown);
        StringAssert.Contains(shown, left.FileName, "naming the file: " + shown);
        StringAssert.Contains(shown, "Export again with the request this site wrote", "and what to do: " + shown);
        var package = LabPackage(demo);
        var placed = Path.Combine(package.SourcePath, CMDisconnectedSync.DeploymentContent.ContentRequestSerializer.ContentRelativePath(left).Replace('/', Path.DirectorySeparatorChar));
        Assert.IsFalse(File.Exists(placed), placed + " was added although the content was refused");
        ClippedTextReport.AssertNoneOn(pageLog, [.. pages]);
    }

    [TestMethod]
    public void InvalidCommandLine_UnderMono_ExitsTwoAndNamesTheProblem()
    {
        RequireTools("mono", "xvfb-run");
        var run = Run("xvfb-run", "-a", "mono", FindAppExe(), "export", "--site-code", "TOOLONG", "--lab", Path.Combine(_lab, "lab"), "--auto-advance");

        Assert.AreEqual(2, run.ExitCode, run.Errors);
        StringAssert.Contains(run.Errors, "'TOOLONG' is not a ConfigMgr site code");
    }

    private static List<string> Subscribed(LabConfigMgrSite site) =>
        site.GetUpdateCategoriesAsync(CancellationToken.None).GetAwaiter().GetResult().Where(c => c.IsSubscribed).Select(c => c.UniqueId).ToList();

    private (int ExitCode, string Output, string Errors) RunApp(string action, string pageLog, params string[] more) => Run(
        "xvfb-run",
        [
            "-a", "-s", "-screen 0 1024x768x24",
            "mono", FindAppExe(), action, "--lab", Path.Combine(_lab, "lab"), "--screenshot-dir", pageLog, "--auto-advance", .. more,
        ]);

    /// <summary>Cues the lab wsusutil of the disconnected server to fail (<c>exit-code</c>, …), or to behave (null).</summary>
    private static void CueWsusUtilFault(LabEnvironment lab, string? fault) =>
        lab.DisconnectedServer.SaveSettings(lab.DisconnectedServer.LoadSettings() with { WsusUtilFault = fault });

    /// <summary>The import's last run (as the status window reads it) and the highest sequence the disconnected state accepted.</summary>
    private static string ImportState(LabEnvironment lab)
    {
        var record = CMDisconnectedSync.Workflows.LastRunRecord.Read(lab.DisconnectedStateFolder, "import");
        var store = new CMDisconnectedSync.State.DisconnectedStateStore(lab.DisconnectedStateFolder, TimeProvider.System, CMDisconnectedSync.Wsus.Host.StateFolderProtections.ForLab());
        var accepted = store.LoadAcceptedAsync(CancellationToken.None).GetAwaiter().GetResult();
        return FormattableString.Invariant($"{record?.Outcome.ToString() ?? "no run"}, sequence {accepted.HighestAcceptedSequence}");
    }

    /// <summary>Checks every captured page rendered and copies it to artifacts/screenshots; returns the page names in order.</summary>
    /// <param name="pageLog">The app's screenshot folder.</param>
    /// <param name="prefix">The name the copies start with in artifacts/screenshots (the app names them after the action).</param>
    private static List<string> CopyScreenshots(string pageLog, string prefix)
    {
        var screenshots = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);
        foreach (var old in Directory.GetFiles(screenshots, prefix + "-*.png"))
        {
            File.Delete(old);
        }

        var pages = File.ReadAllLines(Path.Combine(pageLog, "pages.txt")).Select(line => line.Split(' ')).ToList();
        foreach (var page in pages)
        {
            var shot = Path.Combine(pageLog, page[2]);
            AssertNotBlank(shot);
            File.Copy(shot, Path.Combine(screenshots, prefix + page[2][page[2].IndexOf('-', StringComparison.Ordinal)..]), overwrite: true);
        }

        return pages.Select(p => p[1]).ToList();
    }

    /// <summary>
    /// A lab whose first bundle carries deployment content, made as the demo's round 3 makes it: the site requests the
    /// files of a software update group (kept in its state folder), the export fetches them from the lab download server
    /// (standing in for Microsoft's) and carries them in the signed bundle.
    /// </summary>
    private (LabDemo Demo, CMDisconnectedSync.DeploymentContent.ContentRequest Request, Uri DownloadBase) PrepareDeploymentContentBundle()
    {
        var lab = PrepareLab(LabWizardPreparation.Stage.NothingExported);
        var demo = new LabDemo(lab, LabWsusUtilProgram.Locate(), TimeProvider.System, new Serilog.LoggerConfiguration().CreateLogger());
        Directory.CreateDirectory(lab.DownloadsFolder);
        using var downloads = CMDisconnectedSync.Lab.Downloads.LabDownloadServer.Start(lab.DownloadsFolder);
        var request = LabDeploymentContentRound.RequestAsync(demo, downloads.BaseUri, TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult();
        var (export, _) = demo.ExportAsync(1, CMDisconnectedSync.Workflows.WorkflowProgress.None, request, CancellationToken.None).GetAwaiter().GetResult();
        Assert.IsTrue(export.Succeeded, "the lab export with the content request failed: " + export.Failure?.Message);
        Assert.IsNotEmpty(request.Files, "the lab request asks for files");
        return (demo, request, downloads.BaseUri);
    }

    private static CMDisconnectedSync.DeploymentContent.DeploymentPackage LabPackage(LabDemo demo) =>
        demo.Site().GetDeploymentPackageAsync(LabDeploymentContent.PackageId, CancellationToken.None).GetAwaiter().GetResult()
        ?? throw new AssertFailedException("the lab package " + LabDeploymentContent.PackageId + " is gone");

    private LabEnvironment PrepareLab(LabWizardPreparation.Stage stage) =>
        LabWizardPreparation.PrepareAsync(
            Path.Combine(_lab, "lab"), LabWsusUtilProgram.Locate(), stage, TimeProvider.System,
            new Serilog.LoggerConfiguration().CreateLogger(), CancellationToken.None).GetAwaiter().GetResult();

    private static void AssertNotBlank(string png)
    {
        Assert.IsTrue(File.Exists(png), png + " was not written");
        // A page that did not render is one flat colour; a rendered wizard has text, icons and anti-aliasing.
        var colours = Run("identify", "-format", "%k", png);
        Assert.AreEqual(0, colours.ExitCode, colours.Errors);
        var count = int.Parse(colours.Output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsGreaterThan(50, count, $"{png} has only {count} colours: the page did not render");
    }

    private static void RequireTools(params string[] tools)
    {
        var missing = tools.Where(tool => !OnPath(tool)).ToList();
        if (missing.Count > 0)
        {
            Assert.Inconclusive("The WinForms smoke test needs " + string.Join(", ", missing)
                                + " (Debian: mono-runtime libmono-system-windows-forms4.0-cil xvfb xauth imagemagick).");
        }

        if (!File.Exists("/usr/lib/mono/4.5/System.Windows.Forms.dll"))
        {
            Assert.Inconclusive("Mono's System.Windows.Forms is not installed (Debian: libmono-system-windows-forms4.0-cil).");
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, tool)));

    private static string FindAppExe()
    {
        var configuration = typeof(UiSmokeTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var exe = Path.Combine(RepositoryRoot.Path, "src", "CMDisconnectedSync.App", "bin", configuration, "net48", "CMDisconnectedSync.exe");
        Assert.IsTrue(File.Exists(exe), $"{exe} is missing: build src/CMDisconnectedSync.App ({configuration}) first.");
        return exe;
    }

    /// <summary>What a walk that hung had done: the pages it captured (in order) and its output, for the failure message.</summary>
    private static string HungRunEvidence(string[] arguments, Task<string> output, Task<string> errors)
    {
        var text = new System.Text.StringBuilder();
        var shots = Array.IndexOf(arguments, "--screenshot-dir");
        var pages = shots >= 0 && shots + 1 < arguments.Length ? Path.Combine(arguments[shots + 1], "pages.txt") : null;
        text.AppendLine().Append("pages captured: ").Append(pages is not null && File.Exists(pages) ? string.Join(" | ", File.ReadAllLines(pages)) : "(none)");
        if (Task.WaitAll([output, errors], TimeSpan.FromSeconds(10)))
        {
            text.AppendLine().Append("stdout: ").Append(output.Result).AppendLine().Append("stderr: ").Append(errors.Result);
        }

        return text.ToString();
    }

    private static (int ExitCode, string Output, string Errors) Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + fileName);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(RunTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{fileName} {string.Join(' ', arguments)} did not finish within {RunTimeout.TotalMinutes} minutes."
                + HungRunEvidence(arguments, output, errors));
        }

        return (process.ExitCode, output.Result, errors.Result);
    }
}
