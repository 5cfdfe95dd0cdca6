using CMDisconnectedSync.Lab.Tests.TestSupport;
using CMDisconnectedSync.Lab.Wsus;
using CMDisconnectedSync.Workflows;

namespace CMDisconnectedSync.Lab.Tests;

[TestClass]
public sealed class LabDemoTests
{
    private LabScenario _scenario = null!;

    [TestInitialize]
    public async Task CreateLab() => _scenario = await LabScenario.CreateAsync();

    [TestCleanup]
    public void DeleteLab() => _scenario.Dispose();

    private LabDemo CreateSut() => new(_scenario.Lab, LabWsusUtilProgram.Locate(), TimeProvider.System, LabScenario.Logger);

    [TestMethod]
    public async Task RunRoundAsync_TwoRounds_RealWorkflowsSucceedAndTheSecondIsADeltaWithOnlyNewCategoriesOffered()
    {
        var demo = CreateSut();

        var first = await demo.RunRoundAsync(1, WorkflowProgress.None, WorkflowProgress.None, subscribeOffered: true, CancellationToken.None);
        _scenario.Lab.SimulateExportServerSync(added: 3, changed: 2, seed: 2, TimeProvider.System);
        var second = await demo.RunRoundAsync(2, WorkflowProgress.None, WorkflowProgress.None, subscribeOffered: false, CancellationToken.None);

        Assert.IsTrue(first.Succeeded, first.Problem);
        Assert.IsTrue(second.Succeeded, second.Problem);
        Assert.AreEqual(1L, second.Export.BaseSequence);
        Assert.AreEqual(6, second.Export.Files, "3 added + 2 changed + 1 license terms");
        var arriving = LabCategoryCatalog.ForSync(2);
        CollectionAssert.IsSubsetOf(
            new[] { arriving.Product, arriving.Classification },
            second.Import!.NextSteps!.Subscribable.Select(c => c.Name).ToArray());
        Assert.IsFalse(second.Import.NextSteps.NewCategories.Any(c => c.Name == "Windows 11"));
    }

    [TestMethod]
    public async Task RunRoundAsync_ExportWsusUtilCuedToExitNonZero_RoundFailsAtTheExportAndNothingIsImported()
    {
        _scenario.Lab.ExportServer.SaveSettings(_scenario.Lab.ExportServer.LoadSettings() with { WsusUtilFault = "exit-code" });

        var round = await CreateSut().RunRoundAsync(1, WorkflowProgress.None, WorkflowProgress.None, subscribeOffered: false, CancellationToken.None);

        Assert.IsFalse(round.Succeeded);
        Assert.AreEqual(ExportWorkflow.WsusUtilStep, round.Export.Failure!.Step);
        Assert.IsNull(round.Import);
        Assert.IsEmpty(Directory.GetFiles(_scenario.Lab.DisconnectedServer.ContentDirectory, "*", SearchOption.AllDirectories));
    }

    [TestMethod]
    public async Task RunRoundAsync_SignerNoLongerTrusted_VerificationRefusesAndWsusContentStaysEmpty()
    {
        File.WriteAllText(Path.Combine(_scenario.Lab.DisconnectedStateFolder, "trusted-signers.txt"), "# nobody\n");

        var round = await CreateSut().RunRoundAsync(1, WorkflowProgress.None, WorkflowProgress.None, subscribeOffered: false, CancellationToken.None);

        Assert.IsFalse(round.Succeeded);
        Assert.AreEqual(CMDisconnectedSync.Bundles.VerificationFailureKind.SignerUntrusted, round.Verification!.Failure);
        StringAssert.StartsWith(round.Problem, "Verification refused the bundle");
        Assert.IsEmpty(Directory.GetFiles(_scenario.Lab.DisconnectedServer.ContentDirectory, "*", SearchOption.AllDirectories));
    }
}
