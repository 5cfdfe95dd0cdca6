using CMDisconnectedSync.App.Backend.Operations;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.Workflows;
using Ui = CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Backend.Tests.Operations;

[TestClass]
public sealed class OperationsMapperTests
{
    [TestMethod]
    public void ToUi_EveryPreflightStatusStepOutcomeAndCategoryType_MapsToTheTwinOfTheSameName()
    {
        foreach (var status in Enum.GetValues<PreflightStatus>())
        {
            Assert.AreEqual(status.ToString(), OperationsMapper.ToUi(status).ToString());
        }

        foreach (var outcome in Enum.GetValues<StepOutcome>())
        {
            Assert.AreEqual(outcome.ToString(), OperationsMapper.ToUi(outcome).ToString());
        }

        foreach (var type in Enum.GetValues<UpdateCategoryType>())
        {
            Assert.AreEqual(type.ToString(), OperationsMapper.ToUi(type).ToString());
        }

        foreach (var status in Enum.GetValues<CMDisconnectedSync.Doctor.CheckStatus>())
        {
            Assert.AreEqual(status.ToString(), OperationsMapper.ToUi(status).ToString());
        }

        foreach (var side in Enum.GetValues<Ui.ServerSide>())
        {
            Assert.AreEqual(side.ToString(), OperationsMapper.ToCore(side).ToString());
        }
    }

    [TestMethod]
    public void ToUi_RefusedVerificationWithSummary_KeepsCauseSignerAndBase()
    {
        var summary = new BundleSummary
        {
            BundleId = "b1", Sequence = 7, Base = new BundleBase(6, new string('a', 64)), CreatedAtUtc = DateTimeOffset.UnixEpoch,
            SourceServer = "WSUS01", Files = 10, Bytes = 1000, NewFiles = 8, ChangedFiles = 2, VolumeCount = 1,
            Signer = new SignerIdentity("CN=Signer", new string('B', 40)),
        };
        var result = new BundleVerificationResult { Failure = VerificationFailureKind.HashMismatch, Cause = "content/x.cab differs", Summary = summary, ProblemCount = 3 };

        var mapped = OperationsMapper.ToUi(result);

        Assert.AreEqual(VerificationFailureKind.HashMismatch, mapped.Refusal);
        Assert.AreEqual("content/x.cab differs", mapped.Cause);
        Assert.AreEqual(3, mapped.ProblemCount);
        Assert.AreEqual(new Ui.BundleSummary("b1", 7, 6, DateTimeOffset.UnixEpoch, "WSUS01", 10, 1000, 8, 2, 1, "CN=Signer", new string('B', 40)), mapped.Summary);
    }

    [TestMethod]
    public void ToUi_SummaryOfABundleCarryingDeploymentContent_CarriesItsFilesAndBytes()
    {
        var summary = new BundleSummary
        {
            BundleId = "b1", Sequence = 1, CreatedAtUtc = DateTimeOffset.UnixEpoch, SourceServer = "WSUS01",
            Files = 1, Bytes = 1, NewFiles = 1, ChangedFiles = 0, VolumeCount = 0,
            DeploymentContentFiles = 4, DeploymentContentBytes = 720_896,
        };

        var mapped = OperationsMapper.ToUi(summary);

        Assert.AreEqual(4, mapped.DeploymentContentFiles);
        Assert.AreEqual(720_896, mapped.DeploymentContentBytes);
        Assert.AreEqual(0, OperationsMapper.ToUi(summary with { DeploymentContentFiles = 0, DeploymentContentBytes = 0 }).DeploymentContentFiles);
    }

    [TestMethod]
    public void ToCore_ImportIntoAnExistingPackage_IsWhatCmdsyncImportDeploymentPackageBuilds()
    {
        var request = new Ui.ImportRequest(new Ui.SiteTarget("CM01", "PS1", null, null), @"E:\CMDS-000043", WhatIf: false)
        {
            DeploymentContent = Ui.DeploymentContentChoice.Existing("PS100012", refreshDistributionPoints: false),
        };

        var core = OperationsMapper.ToCore(request, "state");

        // 'cmdsync import --deployment-package PS100012 --no-dp-refresh': the kept request, staged under the state folder.
        var cli = DeploymentContentImport.For("PS100012", null, null, null, null, refreshDistributionPoints: false);
        Assert.AreEqual(cli, core.DeploymentContent);
        Assert.AreEqual(DeploymentContent.DeploymentPackageTarget.Existing("PS100012"), core.DeploymentContent!.Target);
        Assert.IsNull(core.DeploymentContent.ContentRequestPath, "the request this server kept is used, as the CLI does by default");
        Assert.IsNull(core.DeploymentContent.StagingFolder);
        Assert.IsFalse(core.DeploymentContent.RefreshDistributionPoints);
    }

    [TestMethod]
    public void ToCore_ImportIntoANewPackage_CreatesItOnTheChosenShare()
    {
        var request = new Ui.ImportRequest(new Ui.SiteTarget("CM01", "PS1", null, null), @"E:\CMDS-000043", WhatIf: false)
        {
            DeploymentContent = Ui.DeploymentContentChoice.New("2026-12 Patch Tuesday", @"\\CM01\Sources\2026-12"),
        };

        var core = OperationsMapper.ToCore(request, "state");

        Assert.AreEqual(DeploymentContent.DeploymentPackageTarget.New("2026-12 Patch Tuesday", @"\\CM01\Sources\2026-12"), core.DeploymentContent!.Target);
        Assert.IsTrue(core.DeploymentContent.RefreshDistributionPoints);
        var withRequest = OperationsMapper.ToCore(request with { DeploymentContent = request.DeploymentContent! with { ContentRequestPath = @"E:\request.json" } }, "state");
        Assert.AreEqual(@"E:\request.json", withRequest.DeploymentContent!.ContentRequestPath, "--content-request");
    }

    [TestMethod]
    public void ToCore_ImportWithoutAPackage_LeavesTheDeploymentContentOut()
    {
        var request = new Ui.ImportRequest(new Ui.SiteTarget("CM01", "PS1", null, null), @"E:\CMDS-000043", WhatIf: false);

        Assert.IsNull(OperationsMapper.ToCore(request, "state").DeploymentContent);
        Assert.IsNull(DeploymentContentImport.For(null, null, null, @"E:\request.json", null, refreshDistributionPoints: true), "no package named: no content import, whatever else is given");
    }

    [TestMethod]
    public void ToUi_ImportThatFilledAPackage_CarriesThePackageFilesAndDistribution()
    {
        var package = new DeploymentContent.DeploymentPackage("LAB00001", "Lab Software Updates", @"C:\lab\package-sources\LAB00001");
        var outcome = new ImportOutcome
        {
            BundleFolder = @"E:\CMDS-000043",
            JournalPath = "journal",
            DeploymentContent = new DeploymentContentOutcome("req-1", package, Created: true, [16812345u, 16812346u], 4, 720_896, DistributionPointsRefreshed: true, 1, 4, 2, 2),
            DeploymentContentMessage = "4 files added",
        };

        var mapped = OperationsMapper.ToUi(outcome, "log");

        Assert.AreEqual(
            new Ui.DeploymentPackageResult(new Ui.DeploymentPackageInfo("LAB00001", "Lab Software Updates", @"C:\lab\package-sources\LAB00001"), true, 4, 720_896, true, 1, 4),
            mapped.DeploymentPackage);
        Assert.AreEqual("4 files added", mapped.DeploymentContentMessage);
        Assert.IsNull(OperationsMapper.ToUi(outcome with { DeploymentContent = null }, "log").DeploymentPackage);
    }

    [TestMethod]
    public void ToUi_SummaryOfAnUnsplitBundle_ShowsOneVolume()
    {
        var summary = new BundleSummary
        {
            BundleId = "b1", Sequence = 1, CreatedAtUtc = DateTimeOffset.UnixEpoch, SourceServer = "WSUS01",
            Files = 1, Bytes = 1, NewFiles = 1, ChangedFiles = 0, VolumeCount = 0,
        };

        Assert.AreEqual(1, OperationsMapper.ToUi(summary).VolumeCount);
        Assert.AreEqual(3, OperationsMapper.ToUi(summary with { VolumeCount = 3 }).VolumeCount);
    }

    [TestMethod]
    public void ToUi_StepWithTransferAndLiveSync_CarriesBytesFilesAndTheSupState()
    {
        var step = new StepReport(7, 8, ImportWorkflow.SyncStep, "ConfigMgr software update sync", StepOutcome.Running, null);
        var status = new SupSyncStatus("LAB", "SUP01", 6704, DateTimeOffset.UnixEpoch, null, 0);

        var mapped = OperationsMapper.ToUi(step, new TransferProgress(50, 100, 1, 2), new SyncProgress(status, TimeSpan.FromSeconds(3), true));

        Assert.AreEqual(new Ui.TransferProgress(7, 8, ImportWorkflow.SyncStep, "ConfigMgr software update sync", Ui.StepState.Running, 50, 100, 1, 2,
            "Synchronizing (6704)", new Ui.SupSyncState("LAB", "SUP01", 6704, DateTimeOffset.UnixEpoch, null, 0)), mapped);
    }

    [TestMethod]
    public void ToCore_ExportToMediaRoot_WritesIntoASequenceNamedFolderAndTakesTheReceiptOnlyForReceiptBase()
    {
        var site = new Ui.SiteTarget("CM01", "PS1", null, null);
        var request = new Ui.ExportRequest(site, Path.Combine("E:", "Transfer"), Ui.SigningCertificate.FromPfx("k.pfx", null), Ui.ExportBaseKind.LastExport, "r.json", 4096, WhatIf: false);

        var core = OperationsMapper.ToCore(request, Mock.Of<IManifestSigner>(), "state", "WSUS01", 12);
        var withReceipt = OperationsMapper.ToCore(request with { Base = Ui.ExportBaseKind.Receipt }, Mock.Of<IManifestSigner>(), "state", "WSUS01", 12);

        Assert.AreEqual(Path.Combine("E:", "Transfer", "CMDS-000012"), core.OutputFolder);
        Assert.IsNull(core.ReceiptPath);
        Assert.AreEqual(4096L, core.MaxVolumeSize);
        Assert.AreEqual("r.json", withReceipt.ReceiptPath);
    }

    [TestMethod]
    public void ToCore_ExportWithAContentRequest_ReadsTheRequestTheSiteWrote()
    {
        var folder = Directory.CreateTempSubdirectory("cmdsync-mapper-").FullName;
        try
        {
            var path = Path.Combine(folder, "request.json");
            var written = new CMDisconnectedSync.DeploymentContent.ContentRequest
            {
                FormatVersion = CMDisconnectedSync.DeploymentContent.ContentRequestSerializer.CurrentFormatVersion,
                RequestId = "0123456789abcdef0123456789abcdef",
                SiteCode = "PS1",
                CreatedAtUtc = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero),
                Selection = new CMDisconnectedSync.DeploymentContent.ContentSelection { Groups = ["Patch Tuesday 2026-12"] },
                Files =
                [
                    new CMDisconnectedSync.DeploymentContent.ContentRequestFile
                    {
                        CiUniqueId = "b2e7bd0c-3f5b-4e8a-9f7b-1b6a0a5d0c11", CiId = 16777301, ArticleId = "5005565", Title = "CU (KB5005565)", ContentId = 1001,
                        FileName = "windows10.0-kb5005565-x64.cab", FileSize = 400_000, SourceUrl = "http://download.windowsupdate.com/d/msdownload/update/software/secu/2021/09/windows10.0-kb5005565-x64.cab",
                        FileHash = "SHA1:83D5A9F0C7E4B2D1A6F3E8C5B0D7A4F1E9C69D14",
                    },
                ],
            };
            File.WriteAllBytes(path, CMDisconnectedSync.DeploymentContent.ContentRequestSerializer.Serialize(written));
            var request = new Ui.ExportRequest(new Ui.SiteTarget("CM01", "PS1", null, null), folder, Ui.SigningCertificate.FromPfx("k.pfx", null), Ui.ExportBaseKind.LastExport, null, null, WhatIf: false)
            {
                ContentRequestPath = path,
            };

            var core = OperationsMapper.ToCore(request, Mock.Of<IManifestSigner>(), "state", "WSUS01", 3);
            var without = OperationsMapper.ToCore(request with { ContentRequestPath = null }, Mock.Of<IManifestSigner>(), "state", "WSUS01", 3);

            Assert.AreEqual(written.RequestId, core.ContentRequest!.RequestId);
            Assert.AreEqual(written.Files.Single(), core.ContentRequest.Files.Single());
            Assert.IsNull(without.ContentRequest);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
