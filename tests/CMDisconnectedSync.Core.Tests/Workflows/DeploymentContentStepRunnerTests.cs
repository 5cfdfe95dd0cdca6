using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.Testing;
using CMDisconnectedSync.Testing.ConfigMgr;
using CMDisconnectedSync.Testing.DeploymentContent;
using CMDisconnectedSync.Workflows;

namespace CMDisconnectedSync.Core.Tests.Workflows;

/// <summary>
/// The import's deployment content step, run through the real <see cref="ImportWorkflow"/> (lab wsusutil, real bundle,
/// journal) against a site whose content tables and AddUpdateContent are <see cref="InMemoryContentCatalog"/> (real
/// folders: it copies the staged content into the package source). The carried files are real files on disk.
/// </summary>
[TestClass]
public sealed class DeploymentContentStepRunnerTests
{
    private WorkflowLab _lab = null!;
    private InMemoryContentCatalog _catalog = null!;
    private FakeConfigMgrSite _site = null!;

    [TestInitialize]
    public async Task CreateLab()
    {
        _lab = new WorkflowLab().WithStandardContent(files: 6);
        var exported = await _lab.ExportAsync(1);
        Assert.IsNull(exported.Failure, exported.Failure?.Message);
        Directory.CreateDirectory(PackageSource);
        _catalog = new InMemoryContentCatalog().WithPackage("PS100012", "Patch Tuesday", PackageSource);
        _site = new FakeSiteBuilder().WithClock(_lab.Clock).WithSup("CM01.corp.example").WithProduct("Windows 11", subscribed: true).Build();
    }

    [TestCleanup]
    public void DeleteLab() => _lab.Dispose();

    private string PackageSource => _lab.Path("share", "package-source");

    private DeliveredContentBuilder Carried() => new(_lab.Path("carried"));

    private DeliveredContentBuilder TwoContents() => Carried()
        .WithFile(16777301, 1001, "windows11.0-kb5090001-x64.cab", new string('c', 5000))
        .WithFile(16777301, 1001, "windows11.0-kb5090001-x64.psf", new string('p', 3000))
        .WithFile(16777302, 1002, "ndp481-kb5090002-x64-enu.exe", "ndp bytes");

    private DeploymentContentImport Into(DeliveredContentBuilder carried, string packageId = "PS100012") => new()
    {
        Target = DeploymentPackageTarget.Existing(packageId),
        Delivered = (_, _) => carried.Delivered,
        ContentRequestPath = carried.WriteRequest(_lab.Path("request.json")),
    };

    private Task<ImportOutcome> ImportAsync(DeploymentContentImport content) =>
        _lab.Clock.RunAsync(
            new ImportWorkflow(_lab.ImportServices(new SiteWithContent(_site, _catalog))).RunAsync(_lab.ImportRequest(1) with { DeploymentContent = content }, null, CancellationToken.None),
            TimeSpan.FromSeconds(15));

    private static T RefusedWith<T>(ImportOutcome outcome)
        where T : Exception
    {
        Assert.IsNotNull(outcome.Failure, "the import must stop at the deployment content step");
        Assert.AreEqual(WorkflowFailureKind.DeploymentContentRefused, outcome.Failure.Kind, outcome.Failure.Message);
        Assert.AreEqual(ImportWorkflow.DeploymentContentStep, outcome.Failure.Step);
        Assert.IsTrue(outcome.Accepted, "the metadata import before it stands");
        return Assert.IsInstanceOfType<T>(outcome.Failure.DeploymentContentError);
    }

    private void AssertNothingAdded()
    {
        Assert.IsEmpty(_catalog.AddCalls);
        Assert.IsEmpty(Directory.EnumerateFileSystemEntries(PackageSource).ToList());
    }

    [TestMethod]
    public async Task RunAsync_RequestedContent_LandsInThePackageByteForByteAfterTheSync()
    {
        var carried = TwoContents();
        carried.RegisterUpdatesIn(_catalog);

        var outcome = await ImportAsync(Into(carried));

        Assert.IsNull(outcome.Failure, outcome.Failure?.Message);
        foreach (var file in carried.Delivered)
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(file.FullPath), File.ReadAllBytes(Path.Combine(PackageSource, ContentRequestSerializer.ContentRelativePath(file.Entry))), file.Entry.FileName);
        }

        var added = outcome.DeploymentContent!;
        Assert.AreEqual("PS100012", added.Package!.PackageId);
        CollectionAssert.AreEqual(new uint[] { 1001, 1002 }, added.ContentIds.ToArray());
        Assert.AreEqual(3, added.Files);
        Assert.AreEqual(8009L, added.Bytes);
        Assert.AreEqual(3, added.DigestsMatched);
        Assert.IsTrue(added.DistributionPointsRefreshed);
        Assert.IsTrue(_catalog.AddCalls.Single().Refresh);
        Assert.HasCount(1, _site.SyncTriggers, "the content went in after the metadata sync");
        StringAssert.Contains(outcome.DeploymentContentMessage, "3 files (8009 bytes) of 2 contents added to deployment package PS100012");
        Assert.IsFalse(Directory.Exists(Path.Combine(_lab.ImportState, ImportWorkflow.DeploymentStagingFolderName, carried.RequestId)), "the staged copies are removed once the site has them");
    }

    [TestMethod]
    public async Task RunAsync_ContentTheSiteDidNotRequest_RefusedByNameAndNothingAdded()
    {
        var carried = TwoContents().WithFile(16777301, 1009, "smuggled-kb5090001.cab", "not asked for", requested: false);
        carried.RegisterUpdatesIn(_catalog);

        var outcome = await ImportAsync(Into(carried));

        var refusal = RefusedWith<DeploymentImportException>(outcome);
        Assert.AreEqual(DeploymentImportProblem.NotRequested, refusal.Problem);
        StringAssert.Contains(refusal.Message, "(content 1009) smuggled-kb5090001.cab");
        AssertNothingAdded();
    }

    [TestMethod]
    public async Task RunAsync_FilePoisonedBeforeExport_RefusedByMicrosoftsDigestAlthoughTheBundleProvesItsBytes()
    {
        var carried = TwoContents().WithFile(16777302, 1003, "ndp481-kb5090002-x64-deu.exe", "poisoned before export", poisoned: true);
        carried.RegisterUpdatesIn(_catalog);

        var outcome = await ImportAsync(Into(carried));

        var refusal = RefusedWith<MicrosoftDigestMismatchException>(outcome);
        StringAssert.Contains(refusal.Label, "(content 1003) ndp481-kb5090002-x64-deu.exe");
        AssertNothingAdded();
        Assert.IsFalse(File.Exists(Path.Combine(_lab.ImportState, ImportWorkflow.DeploymentStagingFolderName, carried.RequestId, "1003", "ndp481-kb5090002-x64-deu.exe")), "the refused copy is not left staged");
    }

    [TestMethod]
    public async Task RunAsync_UpdateTheSiteDoesNotKnow_RefusedByName()
    {
        var carried = TwoContents();
        carried.RegisterUpdatesIn(_catalog, unknown: 16777302);

        var outcome = await ImportAsync(Into(carried));

        var refusal = RefusedWith<DeploymentImportException>(outcome);
        Assert.AreEqual(DeploymentImportProblem.UnknownUpdate, refusal.Problem);
        StringAssert.Contains(refusal.Message, DeliveredContentBuilder.UniqueIdOf(16777302));
        AssertNothingAdded();
    }

    [TestMethod]
    public async Task RunAsync_PackageSourceMissing_RefusedAsUnusable()
    {
        var carried = TwoContents();
        carried.RegisterUpdatesIn(_catalog);
        Directory.Delete(PackageSource);

        var outcome = await ImportAsync(Into(carried));

        var refusal = RefusedWith<DeploymentImportException>(outcome);
        Assert.AreEqual(DeploymentImportProblem.PackageUnusable, refusal.Problem);
        StringAssert.Contains(refusal.Message, PackageSource);
        Assert.IsEmpty(_catalog.AddCalls);
    }

    [TestMethod]
    public async Task RunAsync_RerunAfterTheSourceIsFixed_RedoesOnlyTheDeploymentContentStep()
    {
        var carried = TwoContents();
        carried.RegisterUpdatesIn(_catalog);
        Directory.Delete(PackageSource);
        var content = Into(carried);
        var failed = await ImportAsync(content);
        Assert.AreEqual(ImportWorkflow.DeploymentContentStep, failed.Failure?.Step, failed.Failure?.Message);
        Directory.CreateDirectory(PackageSource);

        var rerun = await ImportAsync(content);

        Assert.IsNull(rerun.Failure, rerun.Failure?.Message);
        Assert.AreEqual(1, _lab.ImportWsus.ImportRuns, "wsusutil import is not run again");
        Assert.HasCount(1, _site.SyncTriggers, "the sync is not triggered again");
        CollectionAssert.IsSubsetOf(new[] { ImportWorkflow.CopyStep, ImportWorkflow.WsusUtilStep, ImportWorkflow.RecordStep, ImportWorkflow.SyncStep }, rerun.ResumedSteps.ToArray());
        Assert.AreEqual(3, rerun.DeploymentContent!.Files);
        Assert.HasCount(1, _catalog.AddCalls);
    }

    [TestMethod]
    public async Task RunAsync_ContentAlreadyInAPackage_IsLeftAloneAndNotAddedTwice()
    {
        var carried = TwoContents();
        carried.RegisterUpdatesIn(_catalog);
        _catalog.PackageContents.Add(("PS100007", 1001));

        var outcome = await ImportAsync(Into(carried));

        Assert.IsNull(outcome.Failure, outcome.Failure?.Message);
        Assert.AreEqual(1, outcome.DeploymentContent!.ContentsAlreadyInPackages);
        CollectionAssert.AreEqual(new uint[] { 1002 }, _catalog.AddCalls.Single().ContentIds.ToArray());
    }

    [TestMethod]
    public async Task RunAsync_BundleNamesNoRequestAndNoneGiven_RefusedAsNotRequested()
    {
        var carried = TwoContents();
        carried.RegisterUpdatesIn(_catalog);

        var outcome = await ImportAsync(Into(carried) with { ContentRequestPath = null });

        Assert.AreEqual(DeploymentImportProblem.NotRequested, RefusedWith<DeploymentImportException>(outcome).Problem);
        AssertNothingAdded();
    }

    [TestMethod]
    public async Task RunAsync_DeploymentContentWithoutASite_RefusedBeforeAnythingRuns()
    {
        var carried = TwoContents();

        var outcome = await new ImportWorkflow(_lab.ImportServices()).RunAsync(_lab.ImportRequest(1) with { DeploymentContent = Into(carried) }, null, CancellationToken.None);

        Assert.AreEqual(WorkflowFailureKind.InvalidRequest, outcome.Failure?.Kind);
        StringAssert.Contains(outcome.Failure!.Message, "--site-server");
        Assert.AreEqual(0, _lab.ImportWsus.ImportRuns);
    }
}
