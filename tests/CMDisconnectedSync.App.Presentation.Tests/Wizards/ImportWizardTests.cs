using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;
using CMDisconnectedSync.App.Presentation.Tests.TestDoubles;
using CMDisconnectedSync.App.Presentation.Wizards;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.App.Presentation.Tests.Wizards;

[TestClass]
public sealed class ImportWizardTests
{
    private static readonly string Bundle = Path.GetFullPath("CMDS-000042");
    private readonly FakeOperations _operations = new() { NewCategories = [A.Classification("Upgrades")] };
    private readonly FakeFileSystem _files = new FakeFileSystem().WithBundle(Bundle);

    [TestMethod]
    public Task StartAsync_OpensChooseBundleWithoutCallingTheSite() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = CreateSut();

        await sut.StartAsync();

        Assert.AreEqual(WizardPage.ChooseBundle, sut.CurrentPage);
        Assert.IsEmpty(_operations.Calls);
    });

    [TestMethod]
    public Task GoNextAsync_NoBundleChosen_StaysAndExplains() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = CreateSut();
        await sut.StartAsync();

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.ChooseBundle, sut.CurrentPage);
        StringAssert.Contains(sut.Bundle.Issue, "Choose the bundle folder");
    });

    [TestMethod]
    public Task GoNextAsync_BundleChosen_VerifiesIt() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnVerification();

        Assert.AreEqual(WizardPage.Verification, sut.CurrentPage);
        Assert.AreEqual("VerifyBundle " + Bundle, _operations.Calls.Single());
        Assert.IsTrue(sut.CanGoNext);
    });

    [TestMethod]
    public Task Verification_UntrustedSignerWithItsCertificate_ShowsTheCertificateAndOffersTrust() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.VerificationResult = A.UntrustedSignerRefusal();
        var sut = await OnVerification();

        Assert.IsFalse(sut.CanGoNext);
        Assert.AreEqual(A.Certificate(), sut.Verification.UntrustedSigner);
        Assert.AreEqual("3A5F 0C9E 4B7D 21A6 F8E3 C0B5 D9A7 E1F2 C4B6 D8A0", sut.Verification.Details.Single(d => d.Key == "Thumbprint").Value,
            "the details box is no longer empty for an untrusted signer");
        StringAssert.Contains(sut.Verification.Error, "Trust this certificate");
        Assert.IsNotNull(sut.CreateTrustDialog());
    });

    [TestMethod]
    public Task TrustDialog_TrustedThenVerifiedAgain_BundleIsAcceptedAndTheWizardGoesOn() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.VerificationResult = A.UntrustedSignerRefusal();
        var sut = await OnVerification();
        var dialog = sut.CreateTrustDialog()!;
        dialog.TypedThumbprint = A.Thumbprint;

        await dialog.TrustAsync(CancellationToken.None);
        await sut.VerifyAgainAsync();

        CollectionAssert.AreEqual(
            new[] { "VerifyBundle " + Bundle, $"TrustSigner {Bundle} {A.Thumbprint}", "VerifyBundle " + Bundle },
            _operations.Calls);
        Assert.IsTrue(sut.Verification.IsAccepted);
        Assert.IsNull(sut.Verification.UntrustedSigner);
        Assert.IsTrue(sut.CanGoNext);
    });

    [TestMethod]
    public Task CreateTrustDialog_HashMismatchRefusal_OffersNoTrust() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.VerificationResult = BundleVerification.Refused(VerificationFailureKind.HashMismatch, "content/x.cab differs", A.BundleSummary());
        var sut = await OnVerification();

        Assert.IsNull(sut.CreateTrustDialog());
    });

    [TestMethod]
    public Task GoNextAsync_UntrustedSigner_RefusesWithTheReasonAndOnlyAllowsBack() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.VerificationResult = BundleVerification.Refused(
            VerificationFailureKind.SignerUntrusted, "The signer CN=Unknown (AB12…) is not a trusted signer on CM01.", A.BundleSummary());
        var sut = await OnVerification();

        Assert.IsFalse(sut.CanGoNext);
        Assert.IsTrue(sut.CanGoBack);
        StringAssert.Contains(sut.Verification.Error, "is not a trusted signer on CM01");
        await sut.GoNextAsync();
        Assert.AreEqual(WizardPage.Verification, sut.CurrentPage);
        Assert.IsEmpty(_operations.ImportRequests);
    });

    [TestMethod]
    public Task GoBack_FromRefusedVerification_LetsTheAdminPickAnotherBundle() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.VerificationResult = BundleVerification.Refused(VerificationFailureKind.HashMismatch, "x.cab differs.");
        var sut = await OnVerification();

        sut.GoBack();

        Assert.AreEqual(WizardPage.ChooseBundle, sut.CurrentPage);
    });

    [TestMethod]
    public Task GoNextAsync_Verified_RunsTheImportPreflight() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnPreflight();

        Assert.AreEqual(WizardPage.Preflight, sut.CurrentPage);
        Assert.AreEqual("RunPreflight Import CM01.contoso.com", _operations.Calls.Last());
        Assert.AreEqual("&Start import", sut.NextLabel);
    });

    [TestMethod]
    public Task GoNextAsync_PreflightFailed_DoesNotImport() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.PreflightResult = [A.Check("wsus.replica", CheckStatus.Fail)];
        var sut = await OnPreflight();

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.Preflight, sut.CurrentPage);
        Assert.IsEmpty(_operations.ImportRequests);
    });

    [TestMethod]
    public Task GoNextAsync_ResumedAfterTheCopyFinishedEarlier_SaysTheContentWasCopiedBeforeNotThatNoneWas() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.ImportScript = (request, _, _) => Task.FromResult(A.ImportResult(request.WhatIf) with { ContentFilesCopied = 0, ContentFilesAlreadyPresent = 0, BytesCopied = 0, ContentCopiedEarlier = true });
        var sut = await OnPreflight();

        await sut.GoNextAsync();

        StringAssert.StartsWith(sut.ResultText, "Imported sequence 42: content already copied by the earlier run. Sync: Succeeded (6702).");
        Assert.DoesNotContain("0 content files", sut.ResultText);
    });

    [TestMethod]
    public Task GoNextAsync_Imported_OpensNextStepsAndLoadsNewCategories() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnPreflight();

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.NextSteps, sut.CurrentPage);
        Assert.AreEqual(new ImportRequest(A.Site(), Bundle, false), _operations.ImportRequests.Single());
        Assert.AreEqual("Upgrades", sut.NextSteps.Groups.Single().Items.Single().Category.Name);
        StringAssert.Contains(sut.ResultText, "Imported sequence 42: 1,184 content files (2.4 GB) copied, 12 already in place.");
        StringAssert.Contains(sut.ResultText, "Succeeded (6702)");
        Assert.AreEqual("&Finish", sut.NextLabel);
    });

    [TestMethod]
    public Task GoNextAsync_Imported_NextStepsShowsTheReceiptTheImportWrote() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var receipt = new SavedReceipt(@"D:\CMDS\State\receipts\receipt-000042.json", @"D:\CMDS\State\receipts\receipt-000042.json.sha256", 1196, 42);
        _operations.ImportScript = (request, progress, _) => Task.FromResult(A.ImportResult(request.WhatIf) with { Receipt = receipt });
        var sut = await OnPreflight();

        await sut.GoNextAsync();

        Assert.AreEqual(receipt, sut.NextSteps.ImportReceipt);
        StringAssert.StartsWith(sut.NextSteps.ReceiptText, @"Receipt for the export side: D:\CMDS\State\receipts\receipt-000042.json");
    });

    [TestMethod]
    public Task GoNextAsync_WhatIf_ShowsThePlanAndDoesNotLoadCategories() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnPreflight(whatIf: true);
        Assert.AreEqual("&Plan (what-if)", sut.NextLabel);

        await sut.GoNextAsync();

        Assert.IsTrue(_operations.ImportRequests.Single().WhatIf);
        StringAssert.StartsWith(sut.ResultText, "What-if: nothing was written.");
        Assert.DoesNotContain("GetNewCategories", _operations.Calls);
    });

    [TestMethod]
    public Task Progress_WhileWaitingForTheSync_ShowsTheLiveSupState() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _operations.ImportScript = async (_, progress, _) =>
        {
            progress.Report(A.Step(4, 4, StepState.Running, "Wait for sync", sync: new SupSyncState("PS1", "SUP01", 6705, null, null, 0)));
            await release.Task;
            return A.ImportResult();
        };
        var sut = await OnPreflight();

        var run = sut.GoNextAsync();

        Assert.AreEqual("Software update point SUP01: Synchronizing (6705)", sut.Progress.SyncText);
        release.SetResult(true);
        await run;
    });

    [TestMethod]
    public Task RequestClose_DuringImport_CancelsAndOffersResume() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var script = new JournaledRunScript("Copy content", "wsusutil import") { BlockAtStep = 1 };
        _operations.ImportScript = (_, progress, ct) => script.RunAsync(progress, A.ImportResult(), ct);
        var sut = await OnPreflight();
        var run = sut.GoNextAsync();

        Assert.IsFalse(sut.RequestClose());
        await run;

        Assert.AreEqual(RunState.Cancelled, sut.Progress.State);
        Assert.AreEqual("&Resume", sut.NextLabel);

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.NextSteps, sut.CurrentPage);
        CollectionAssert.AreEqual(new[] { 1, 1, 2 }, script.StepsRun);
    });

    [TestMethod]
    public Task GoNextAsync_ImportFails_ShowsTheErrorOnTheProgressPage() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.ImportScript = (_, _, _) => throw new InvalidOperationException(
            @"wsusutil import failed (exit code 1): see C:\CMDS\logs\import-42.wsusutil.log. Check that WSUS is not a replica.");
        var sut = await OnPreflight();

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.Progress, sut.CurrentPage);
        StringAssert.StartsWith(sut.Progress.Message, "Import failed. Fix the cause below, then select Resume");
        StringAssert.Contains(sut.Progress.Message, Environment.NewLine + "wsusutil import failed (exit code 1)");
        Assert.IsFalse(sut.CanGoBack);
    });

    [TestMethod]
    public Task GoNextAsync_OnNextSteps_Finishes() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnPreflight();
        await sut.GoNextAsync();

        await sut.GoNextAsync();

        Assert.IsTrue(sut.IsFinished);
    });

    [TestMethod]
    public Task RequestClose_WhileVerifying_CancelsTheHashingAndKeepsTheWindow() => InlineSynchronizationContext.RunAsync(async () =>
    {
        _operations.VerifyScript = async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return _operations.VerificationResult;
        };
        var sut = CreateSut();
        await sut.StartAsync();
        sut.Bundle.BundlePath = Bundle;
        var verifying = sut.GoNextAsync();

        var closes = sut.RequestClose();
        await verifying;

        Assert.IsFalse(closes, "the window stays and says the verification was cancelled");
        Assert.AreEqual(WizardPage.Verification, sut.CurrentPage);
        StringAssert.Contains(sut.Verification.Error, "cancelled");
        Assert.IsTrue(sut.CanGoBack);
        Assert.IsTrue(sut.RequestClose(), "a second Cancel closes the window");
    });

    [TestMethod]
    public Task GoNextAsync_BundleWithoutDeploymentContent_GoesStraightToPreflightWithoutAPackageStep() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = await OnPreflight();

        Assert.AreEqual(WizardPage.Preflight, sut.CurrentPage);
        CollectionAssert.DoesNotContain(sut.PageOrder.ToArray(), WizardPage.DeploymentContent);
        CollectionAssert.DoesNotContain(_operations.Calls, "GetDeploymentPackages CM01.contoso.com");
        Assert.IsFalse(sut.Verification.Details.Any(d => d.Key == "Deployment content"));
        await sut.GoNextAsync();
        Assert.IsNull(_operations.ImportRequests.Single().DeploymentContent);
        Assert.AreEqual(string.Empty, sut.PackageText);
    });

    [TestMethod]
    public Task GoNextAsync_BundleCarriesDeploymentContent_AsksWhichPackageBeforeThePreflight() => InlineSynchronizationContext.RunAsync(async () =>
    {
        CarryDeploymentContent();
        var sut = await OnVerification();

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.DeploymentContent, sut.CurrentPage);
        CollectionAssert.AreEqual(
            new[] { WizardPage.ChooseBundle, WizardPage.Verification, WizardPage.DeploymentContent, WizardPage.Preflight, WizardPage.Progress, WizardPage.NextSteps },
            sut.PageOrder.ToArray());
        Assert.AreEqual("4 files (704 KB) for this site's content request; the next page puts them into a deployment package",
            sut.Verification.Details.Single(d => d.Key == "Deployment content").Value);
        Assert.AreEqual("GetDeploymentPackages CM01.contoso.com", _operations.Calls.Last());
        Assert.AreEqual(4, sut.DeploymentContent.Files);
        Assert.IsTrue(sut.CanGoNext);
        Assert.IsTrue(sut.CanGoBack);
    });

    [TestMethod]
    public Task GoNextAsync_PackageChosen_ImportRequestCarriesItAsTheCliWould() => InlineSynchronizationContext.RunAsync(async () =>
    {
        CarryDeploymentContent();
        var sut = await OnDeploymentContent();
        sut.DeploymentContent.RefreshDistributionPoints = false;

        await sut.GoNextAsync();
        Assert.AreEqual(WizardPage.Preflight, sut.CurrentPage);
        await sut.GoNextAsync();

        Assert.AreEqual(new DeploymentContentChoice("PS100012", null, null, RefreshDistributionPoints: false), _operations.ImportRequests.Single().DeploymentContent);
    });

    [TestMethod]
    public Task GoNextAsync_NewPackageWithoutItsShare_StaysOnThePageAndNamesTheField() => InlineSynchronizationContext.RunAsync(async () =>
    {
        CarryDeploymentContent();
        var sut = await OnDeploymentContent();
        sut.DeploymentContent.Target = DeploymentContentTarget.NewPackage;
        sut.DeploymentContent.NewPackageName = "2026-12 Patch Tuesday";

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.DeploymentContent, sut.CurrentPage);
        Assert.AreEqual(nameof(DeploymentContentPage.NewPackageSource), sut.DeploymentContent.Issues.Single().Field);
        Assert.IsFalse(_operations.Calls.Any(c => c.StartsWith("RunPreflight", StringComparison.Ordinal)), "no preflight before the choice is complete");
    });

    [TestMethod]
    public Task GoBack_FromPreflightOfABundleWithDeploymentContent_ReturnsToThePackageChoiceThenTheVerification() => InlineSynchronizationContext.RunAsync(async () =>
    {
        CarryDeploymentContent();
        var sut = await OnDeploymentContent();
        await sut.GoNextAsync();

        sut.GoBack();
        Assert.AreEqual(WizardPage.DeploymentContent, sut.CurrentPage);
        Assert.AreEqual("PS100012", sut.DeploymentContent.SelectedPackageId, "the choice is kept");
        sut.GoBack();
        Assert.AreEqual(WizardPage.Verification, sut.CurrentPage);
    });

    [TestMethod]
    public Task GoNextAsync_ImportedIntoThePackage_FinishPageShowsThePackageFilesAndDistribution() => InlineSynchronizationContext.RunAsync(async () =>
    {
        CarryDeploymentContent();
        _operations.ImportScript = (request, progress, _) => Task.FromResult(A.ImportResult() with
        {
            DeploymentPackage = new DeploymentPackageResult(
                new DeploymentPackageInfo("PS100012", "Monthly updates", @"\\CM01\Sources\Updates\Monthly"), Created: false, 4, 720_896, DistributionPointsRefreshed: true, 0, 4),
        });
        var sut = await OnDeploymentContent();
        await sut.GoNextAsync();

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.NextSteps, sut.CurrentPage);
        Assert.AreEqual(
            "Deployment package PS100012 'Monthly updates': 4 file(s) (704 KB) added, 4 checked against Microsoft's digest. "
            + "Distribution points: refresh requested (Monitoring > Distribution Status > Content Status).",
            sut.PackageText);
    });

    [TestMethod]
    public Task GoNextAsync_NewPackageCreatedWithoutDistribution_SaysCreatedAndNotRefreshed() => InlineSynchronizationContext.RunAsync(async () =>
    {
        CarryDeploymentContent();
        _operations.ImportScript = (request, progress, _) => Task.FromResult(A.ImportResult() with
        {
            DeploymentPackage = new DeploymentPackageResult(
                new DeploymentPackageInfo("PS100020", "2026-12 Patch Tuesday", Share), Created: true, 4, 720_896, DistributionPointsRefreshed: false, 0, 4),
        });
        var sut = await OnDeploymentContent();
        sut.DeploymentContent.Target = DeploymentContentTarget.NewPackage;
        sut.DeploymentContent.NewPackageName = "2026-12 Patch Tuesday";
        sut.DeploymentContent.NewPackageSource = Share;
        sut.DeploymentContent.RefreshDistributionPoints = false;
        await sut.GoNextAsync();

        await sut.GoNextAsync();

        Assert.AreEqual(DeploymentContentChoice.New("2026-12 Patch Tuesday", Share, refreshDistributionPoints: false), _operations.ImportRequests.Single().DeploymentContent);
        StringAssert.StartsWith(sut.PackageText, "Deployment package PS100020 '2026-12 Patch Tuesday' (created): 4 file(s)");
        StringAssert.EndsWith(sut.PackageText, "Distribution points: not refreshed; distribute the package from the console when ready.");
    });

    [TestMethod]
    public Task GoNextAsync_Skipped_ImportsWithoutAPackageAndTheFinishPageSaysTheFilesStayedOut() => InlineSynchronizationContext.RunAsync(async () =>
    {
        CarryDeploymentContent();
        var sut = await OnDeploymentContent();
        sut.DeploymentContent.Target = DeploymentContentTarget.Skip;
        await sut.GoNextAsync();

        await sut.GoNextAsync();

        Assert.IsNull(_operations.ImportRequests.Single().DeploymentContent);
        Assert.AreEqual("Deployment content: skipped as chosen; the 4 carried file(s) were not added to any deployment package.", sut.PackageText);
    });

    [TestMethod]
    public Task GoNextAsync_CarriedFileRefused_ShowsTheFailedPackageStepAndTheFix() => InlineSynchronizationContext.RunAsync(async () =>
    {
        // What the backend reports for a refused file: the step's failure, then Core's message (what and what to do).
        CarryDeploymentContent();
        _operations.ImportScript = (_, progress, _) =>
        {
            progress.Report(A.Step(1, 2, StepState.Completed, "Import WSUS metadata (wsusutil import)"));
            progress.Report(A.Step(2, 2, StepState.Failed, "Add deployment content to the deployment package"));
            throw new InvalidOperationException(
                "windows10.0-kb5048652-x64.msu (content 16812345) does not match Microsoft's digest: the file was changed before it was exported. "
                + "Nothing was added. The metadata import stands; fix the cause and rerun the same command: only this step runs again.");
        };
        var sut = await OnDeploymentContent();
        await sut.GoNextAsync();

        await sut.GoNextAsync();

        Assert.AreEqual(WizardPage.Progress, sut.CurrentPage);
        StringAssert.StartsWith(sut.Progress.Message, "Import failed at step 2 of 2, \"Add deployment content to the deployment package\". Fix the cause below, then select Resume");
        StringAssert.Contains(sut.Progress.Message, "does not match Microsoft's digest");
        Assert.AreEqual(string.Empty, sut.PackageText, "nothing is claimed for a package that got nothing");
    });

    private const string Share = @"\\CM01\Sources\Updates\2026-12";

    private void CarryDeploymentContent()
    {
        _operations.VerificationResult = BundleVerification.Accepted(A.BundleSummary() with { DeploymentContentFiles = 4, DeploymentContentBytes = 720_896 });
        _operations.DeploymentPackages = [new DeploymentPackageInfo("PS100012", "Monthly updates", @"\\CM01\Sources\Updates\Monthly")];
        _files.WithFolder(@"\\CM01\Sources\Updates\Monthly").WithFolder(Share);
    }

    private async Task<ImportWizard> OnDeploymentContent()
    {
        var sut = await OnVerification();
        await sut.GoNextAsync();
        Assert.AreEqual(WizardPage.DeploymentContent, sut.CurrentPage);
        return sut;
    }

    private async Task<ImportWizard> OnVerification(bool whatIf = false)
    {
        var sut = CreateSut();
        await sut.StartAsync();
        sut.Bundle.BundlePath = Bundle;
        sut.Bundle.WhatIf = whatIf;
        await sut.GoNextAsync();
        return sut;
    }

    private async Task<ImportWizard> OnPreflight(bool whatIf = false)
    {
        var sut = await OnVerification(whatIf);
        await sut.GoNextAsync();
        return sut;
    }

    private ImportWizard CreateSut()
    {
        return new ImportWizard(_operations, A.Site(), _files, new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero)));
    }
}
