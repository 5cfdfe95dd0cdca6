using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;
using CMDisconnectedSync.App.Presentation.Tests.TestDoubles;
using CMDisconnectedSync.App.Presentation.Wizards;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.App.Presentation.Tests.Wizards;

[TestClass]
public sealed class ExportWizardTests
{
    private static readonly string Media = Path.GetFullPath("Transfer");
    private readonly FakeOperations _operations = new();
    private readonly FakeFileSystem _files = new FakeFileSystem().WithFolder(Media);

    [TestMethod]
    public Task StartAsync_OpensPreflightAndRunsTheExportChecks() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = CreateSut();

        await sut.StartAsync();

        Assert.AreEqual(WizardPage.Preflight, sut.CurrentPage);
        Assert.AreEqual("RunPreflight Export CM01.contoso.com", _operations.Calls.Single());
        Assert.IsTrue(sut.CanGoNext);
        Assert.IsFalse(sut.CanGoBack);
    });

    [TestMethod]
    public Task GoNextAsync_PreflightWithAFailure_StaysOnPreflight() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.PreflightResult = [A.Check("wsus", CheckStatus.Fail)];
        var sut = CreateSut();
        await sut.StartAsync();

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.Preflight, sut.CurrentPage);
        Assert.IsFalse(sut.CanGoNext);
    });

    [TestMethod]
    public Task RerunPreflightAsync_AfterTheAdminFixedIt_UnblocksNext() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.PreflightResult = [A.Check("wsus", CheckStatus.Fail)];
        var sut = CreateSut();
        await sut.StartAsync();
        _operations.PreflightResult = [A.Check("wsus", CheckStatus.Pass)];

        await sut.RerunPreflightAsync();

        Assert.IsTrue(sut.CanGoNext);
    });

    [TestMethod]
    public Task GoNextAsync_PreflightPassed_OpensOptionsWithStartExport() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnOptions();

        Assert.AreEqual(WizardPage.ExportOptions, sut.CurrentPage);
        Assert.AreEqual("&Start export", sut.NextLabel);
        Assert.IsTrue(sut.CanGoBack);
    });

    [TestMethod]
    public Task NextLabel_WhatIfTicked_SaysPlan() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnOptions();

        sut.Options.WhatIf = true;

        Assert.AreEqual("&Plan (what-if)", sut.NextLabel);
    });

    [TestMethod]
    public Task WhatIf_TickedOnTheOptionsPage_TellsTheFormToRelabelNext() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnOptions();
        var labels = new List<string>();
        sut.Changed += (_, _) => labels.Add(sut.NextLabel);

        sut.Options.WhatIf = true;

        CollectionAssert.AreEqual(new[] { "&Plan (what-if)" }, labels);
    });

    [TestMethod]
    public Task GoBack_FromOptions_ReturnsToPreflightWithoutRerunningIt() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnOptions();

        sut.GoBack();

        Assert.AreEqual(WizardPage.Preflight, sut.CurrentPage);
        Assert.AreEqual(1, _operations.Calls.Count(c => c.StartsWith("RunPreflight", StringComparison.Ordinal)));
    });

    [TestMethod]
    public Task GoNextAsync_InvalidOptions_StaysAndDoesNotExport() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnOptions();
        sut.Options.TargetFolder = string.Empty;

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.ExportOptions, sut.CurrentPage);
        Assert.IsEmpty(_operations.ExportRequests);
        Assert.AreEqual(nameof(ExportOptionsPage.TargetFolder), sut.Options.Issues.Single().Field);
    });

    [TestMethod]
    public Task GoNextAsync_ValidOptions_ExportsAndShowsTheSummary() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnOptions();

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.ExportSummary, sut.CurrentPage);
        Assert.AreEqual(Media, _operations.ExportRequests.Single().TargetFolder);
        Assert.AreEqual(@"E:\Transfer\CMDS-000043", sut.SummaryDetails.Single(d => d.Key == "Bundle").Value);
        Assert.AreEqual("43", sut.SummaryDetails.Single(d => d.Key == "Sequence").Value);
        Assert.AreEqual(@"C:\CMDS\logs\export-43.log", sut.SummaryDetails.Single(d => d.Key == "Log").Value);
        Assert.AreEqual("&Finish", sut.NextLabel);
        Assert.AreEqual("Close", sut.CancelLabel);
        Assert.IsFalse(sut.CanGoBack);
    });

    [TestMethod]
    public Task GoNextAsync_WhatIf_SummaryShowsThePlan() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnOptions();
        sut.Options.WhatIf = true;

        await sut.GoNextAsync();

        Assert.IsTrue(_operations.ExportRequests.Single().WhatIf);
        Assert.AreEqual("Bundle would be written to", sut.SummaryDetails[0].Key);
        Assert.AreEqual("wsusutil export …", sut.SummaryDetails.Single(d => d.Key == "Plan (nothing was written)").Value);
    });

    [TestMethod]
    public Task Title_NamesTheWsusServerNotASite() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = new ExportWizard(_operations, "WSUS01.internet.example", _files, new FakeTimeProvider());

        await sut.StartAsync();

        Assert.AreEqual("Export updates from WSUS server WSUS01.internet.example", sut.Title);
        Assert.AreEqual("RunPreflight Export WSUS01.internet.example", _operations.Calls.Single());
    });

    [TestMethod]
    public Task GoNextAsync_WhatIfSummary_OffersRunItNowAndBack() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnOptions();
        sut.Options.WhatIf = true;

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.ExportSummary, sut.CurrentPage);
        Assert.AreEqual("&Run it now", sut.NextLabel);
        Assert.IsTrue(sut.CanGoNext);
        Assert.IsTrue(sut.CanGoBack, "the headline says Back changes the options, so Back works");
        Assert.IsFalse(sut.NextFinishes);
        StringAssert.Contains(sut.SummaryHeadline, "Run it now");
    });

    [TestMethod]
    public Task GoNextAsync_RunItNowFromTheWhatIfSummary_ExportsTheSameRequestForReal() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnOptions();
        sut.Options.WhatIf = true;
        await sut.GoNextAsync();

        await sut.GoNextAsync();

        Assert.HasCount(2, _operations.ExportRequests);
        Assert.AreEqual(_operations.ExportRequests[0] with { WhatIf = false }, _operations.ExportRequests[1]);
        Assert.AreEqual(WizardPage.ExportSummary, sut.CurrentPage);
        Assert.IsFalse(sut.Result!.WhatIf);
        Assert.IsFalse(sut.Options.WhatIf, "the options page no longer says what-if");
        Assert.AreEqual("&Finish", sut.NextLabel);
        Assert.IsTrue(sut.NextFinishes);
        Assert.IsFalse(sut.IsFinished);
    });

    [TestMethod]
    public Task GoBack_FromTheWhatIfSummary_ReturnsToTheOptions() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnOptions();
        sut.Options.WhatIf = true;
        await sut.GoNextAsync();

        sut.GoBack();

        Assert.AreEqual(WizardPage.ExportOptions, sut.CurrentPage);
        Assert.HasCount(1, _operations.ExportRequests);
    });

    [TestMethod]
    public Task GoNextAsync_ToOptionsAfterTheFirstExport_FullExportIsNotOfferedAndSaysWhy() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnOptions();

        CollectionAssert.AreEqual(
            new[] { ExportBaseKind.LastExport, ExportBaseKind.Receipt },
            sut.Options.BaseChoices.Select(c => c.Kind).ToArray());
        StringAssert.Contains(sut.Options.BaseNote, "Full export is not offered");
        StringAssert.Contains(sut.Options.BaseNote, "sequence 42");
        StringAssert.Contains(sut.Options.BaseNote, @"C:\ProgramData\CMDisconnectedSync\State");
    });

    [TestMethod]
    public Task GoNextAsync_ToOptionsOnTheFirstExport_OffersFullAndChoosesIt() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.ExportChain = new ExportChainState(null, @"C:\State");

        var sut = await OnOptions();

        Assert.AreEqual(ExportBaseKind.Full, sut.Options.Base);
        CollectionAssert.AreEqual(new[] { ExportBaseKind.Full, ExportBaseKind.Receipt }, sut.Options.BaseChoices.Select(c => c.Kind).ToArray());
        StringAssert.StartsWith(sut.Options.BaseNote, "First export from this server");
    });

    [TestMethod]
    public Task GoNextAsync_FullExportAfterTheChainStarted_IsRefusedOnTheOptionsPageNotOnProgress() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnOptions();
        sut.Options.Base = ExportBaseKind.Full;

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.ExportOptions, sut.CurrentPage);
        Assert.IsEmpty(_operations.ExportRequests);
        var issue = sut.Options.Issues.Single();
        Assert.AreEqual(nameof(ExportOptionsPage.Base), issue.Field);
        StringAssert.Contains(issue.Message, "Full export is not offered");
    });

    [TestMethod]
    public Task GoNextAsync_ExportChainCannotBeRead_KeepsEveryBaseAndSaysWhy() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.ExportChainFailure = new IOException(@"C:\State\export-chain.json is locked by another process.");

        var sut = await OnOptions();

        Assert.HasCount(3, sut.Options.BaseChoices);
        StringAssert.Contains(sut.Options.BaseNote, "export-chain.json is locked");
    });

    [TestMethod]
    public Task GoNextAsync_OnSummary_Finishes() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnOptions();
        await sut.GoNextAsync();

        await sut.GoNextAsync();

        Assert.IsTrue(sut.IsFinished);
    });

    [TestMethod]
    public Task RequestClose_WhileExporting_CancelsSafelyAndKeepsTheWindow() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var script = new JournaledRunScript("Export metadata", "Copy content") { BlockAtStep = 2 };
        _operations.ExportScript = (_, progress, ct) => script.RunAsync(progress, A.ExportResult(), ct);
        var sut = await OnOptions();
        var run = sut.GoNextAsync();

        Assert.AreEqual(WizardPage.Progress, sut.CurrentPage);
        Assert.IsFalse(sut.CanGoNext, "Next is disabled while the export runs");
        Assert.IsFalse(sut.RequestClose(), "the window stays open until the run has stopped");
        await run;

        Assert.AreEqual(RunState.Cancelled, sut.Progress.State);
        Assert.AreEqual("&Resume", sut.NextLabel);
        Assert.AreEqual("Close", sut.CancelLabel);
        Assert.IsTrue(sut.CanGoBack, "the admin may change the options before resuming");
        Assert.IsTrue(sut.RequestClose(), "once stopped, the window may close");
    });

    [TestMethod]
    public Task GoNextAsync_ResumeAfterCancel_RunsTheSameRequestAndSkipsFinishedSteps() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var script = new JournaledRunScript("Export metadata", "Copy content", "Sign") { BlockAtStep = 2 };
        _operations.ExportScript = (_, progress, ct) => script.RunAsync(progress, A.ExportResult(), ct);
        var sut = await OnOptions();
        var run = sut.GoNextAsync();
        sut.RequestClose();
        await run;

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.ExportSummary, sut.CurrentPage);
        Assert.HasCount(2, _operations.ExportRequests);
        Assert.AreSame(_operations.ExportRequests[0], _operations.ExportRequests[1]);
        CollectionAssert.AreEqual(new[] { 1, 2, 2, 3 }, script.StepsRun);
    });

    [TestMethod]
    public Task GoNextAsync_ExportFails_ShowsTheErrorAndOffersResume() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.ExportScript = (_, _, _) => throw new UnauthorizedAccessException(@"Access to E:\Transfer is denied. Run the wizard as an administrator.");
        var sut = await OnOptions();

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.Progress, sut.CurrentPage);
        Assert.AreEqual(RunState.Failed, sut.Progress.State);
        StringAssert.EndsWith(sut.Progress.Message, Environment.NewLine + @"Access to E:\Transfer is denied. Run the wizard as an administrator.");
        StringAssert.StartsWith(sut.Progress.Message, "Export failed. Fix the cause below, then select Resume");
        Assert.AreEqual("&Resume", sut.NextLabel);
    });

    [TestMethod]
    public Task GoBack_FromFailedProgress_ReturnsToOptions() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.ExportScript = (_, _, _) => throw new IOException("disk full");
        var sut = await OnOptions();
        await sut.GoNextAsync();

        sut.GoBack();

        Assert.AreEqual(WizardPage.ExportOptions, sut.CurrentPage);
    });

    [TestMethod]
    public Task StartAsync_BackendNotWired_SaysSoInsteadOfFakingSuccess() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.PreflightFailure = new OperationNotWiredException("The export preflight");
        var sut = CreateSut();

        await sut.StartAsync();

        StringAssert.StartsWith(sut.Preflight.Error, "The export preflight is not available in this build");
        Assert.IsFalse(sut.CanGoNext);
    });

    [TestMethod]
    public Task Changed_IsRaisedForEveryPageChange() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = CreateSut();
        var pages = new List<WizardPage>();
        sut.Changed += (_, _) => pages.Add(sut.CurrentPage);
        await sut.StartAsync();
        sut.Options.CertificateThumbprint = "0123456789ABCDEF0123456789ABCDEF01234567";
        sut.Options.TargetFolder = Media;

        await sut.GoNextAsync();
        await sut.GoNextAsync();

        CollectionAssert.IsSubsetOf(
            new[] { WizardPage.Preflight, WizardPage.ExportOptions, WizardPage.Progress, WizardPage.ExportSummary },
            pages.Distinct().ToArray());
    });

    private async Task<ExportWizard> OnOptions()
    {
        var sut = CreateSut();
        await sut.StartAsync();
        await sut.GoNextAsync();
        sut.Options.TargetFolder = Media;
        sut.Options.CertificateThumbprint = "0123456789ABCDEF0123456789ABCDEF01234567";
        return sut;
    }

    private ExportWizard CreateSut()
    {
        return new ExportWizard(_operations, "CM01.contoso.com", _files, new FakeTimeProvider());
    }
}
