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
}
