using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Testing.Wsus;
using CMDisconnectedSync.Workflows;
using CMDisconnectedSync.Wsus.Host;

namespace CMDisconnectedSync.Core.Tests.Workflows;

/// <summary>
/// <see cref="ExportWorkflow"/> with a content request (issue 18, carry): requested files taken from a folder (as
/// <c>cmdsync content fetch</c> lays it out, or flat), checked against Microsoft's digest before the bundle is written,
/// carried beside WsusContent, and kept out of the export chain. Downloads against the real lab server are covered by
/// the CLI's ExportCommandTests; here a download that cannot connect is a real connection refused on 127.0.0.1.
/// </summary>
[TestClass]
public sealed class ExportWorkflowDeploymentContentTests
{
    private WorkflowLab _lab = null!;

    [TestInitialize]
    public void CreateLab() => _lab = new WorkflowLab().WithStandardContent(files: 6);

    [TestCleanup]
    public void DeleteLab() => _lab.Dispose();

    private ExportWorkflow CreateSut() => new(_lab.ExportServices() with { ContentDownloaders = (_, _) => throw new AssertFailedException("nothing is downloaded in this test") });

    private string ContentFolder => _lab.Path("fetched");

    /// <summary>A requested file: its request entry, and its bytes placed at <c>fetched/&lt;ContentID&gt;/&lt;FileName&gt;</c> (or flat) unless told not to.</summary>
    private ContentRequestFile Requested(uint contentId, string name, int length, int seed, bool flat = false, bool place = true, string? sourceUrl = null)
    {
        var bytes = BundleScenario.Bytes(length, seed);
        if (place)
        {
            var path = flat ? Path.Combine(ContentFolder, name) : Path.Combine(ContentFolder, contentId.ToString(System.Globalization.CultureInfo.InvariantCulture), name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        var file = BundleScenario.RequestFile(contentId, name, bytes);
        return sourceUrl is null ? file : file with { SourceUrl = sourceUrl };
    }

    private static ContentRequest Request(params ContentRequestFile[] files) => new()
    {
        FormatVersion = ContentRequestSerializer.CurrentFormatVersion,
        RequestId = "c0ffee00c0ffee00c0ffee00c0ffee00",
        SiteCode = "PS1",
        CreatedAtUtc = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero),
        Selection = new ContentSelection { Groups = ["Patch Tuesday 2026-12"] },
        Files = files.OrderBy(f => f.ContentId).ThenBy(f => f.FileName, StringComparer.Ordinal).ToList(),
    };

    private ExportRequest ExportRequest(ContentRequest request) =>
        _lab.ExportRequest(1) with { ContentRequest = request, ContentFromFolder = ContentFolder, ContentDownload = new ContentDownloadOptions { MaxAttempts = 1 } };

    [TestMethod]
    public async Task RunAsync_RequestedFilesInAFolder_CarriedCheckedAndVerifiedButNotInTheChain()
    {
        var cab = Requested(1001, "windows10.0-kb5048652-x64.cab", 300_000, 41);
        var exe = Requested(1002, "ndp48-kb5049999-x64.exe", 70_000, 42, flat: true);
        var steps = new List<StepReport>();

        var outcome = await CreateSut().RunAsync(ExportRequest(Request(cab, exe)), new WorkflowProgress(Steps: new Callback<StepReport>(steps.Add)), CancellationToken.None);

        Assert.IsNull(outcome.Failure, outcome.Failure?.Message);
        Assert.AreEqual(2, outcome.DeploymentContentFiles);
        Assert.AreEqual(370_000L, outcome.DeploymentContentBytes);
        CollectionAssert.AreEqual(
            new[] { "1/6 preflight", "2/6 wsusutil-export", "3/6 content-delta", "4/6 deployment-content", "5/6 write-bundle", "6/6 record-export" },
            steps.Where(s => s.Outcome == StepOutcome.Completed).Select(s => $"{s.Index}/{s.Count} {s.Name}").ToArray());
        var manifest = (await ManifestSerializer.ReadFileAsync(BundleManifestLocator.Find(outcome.BundleFolder), CancellationToken.None)).Manifest;
        Assert.AreEqual("1.1", manifest.FormatVersion);
        Assert.AreEqual("c0ffee00c0ffee00c0ffee00c0ffee00", manifest.ContentRequestId);
        foreach (var (requested, source) in new[] { (cab, Path.Combine(ContentFolder, "1001", cab.FileName)), (exe, Path.Combine(ContentFolder, exe.FileName)) })
        {
            var entry = manifest.DeploymentContent!.Single(d => d.Request.ContentId == requested.ContentId);
            Assert.AreEqual(requested, entry.Request, "the request entry travels verbatim, Microsoft's FileHash included");
            Assert.AreEqual(BundleScenario.Sha(File.ReadAllBytes(source)), entry.File.Sha256);
        }

        var verified = await new BundleVerifier(new CMDisconnectedSync.Paths.BundlePathValidator(), new CMDisconnectedSync.Signing.ManifestSignatureVerifier(_lab.Clock))
            .VerifyAsync(outcome.BundleFolder, new BundleTrustContext(LabCertificates.TrustExportServer, null, false, 0), null, CancellationToken.None);
        Assert.IsTrue(verified.Succeeded, verified.Cause);
        var chain = await new ExportChainStore(_lab.ExportState, StateFolderProtections.ForThisComputer()).LoadAsync(CancellationToken.None);
        Assert.IsFalse(chain!.Inventory.Entries.Any(e => e.Path.Contains("kb50", StringComparison.Ordinal)), "deployment content is no part of the WsusContent delta chain");
        Assert.HasCount(_lab.ExportedContentHash().Count, chain.Inventory.Entries);
        Assert.IsFalse(Directory.Exists(ExportWorkflow.StagingFolderFor(outcome.BundleFolder)), "the staged copies go once they are in the bundle");
    }

    [TestMethod]
    public async Task RunAsync_FolderFileWithOtherBytesThanMicrosoftsDigest_RefusedBeforeAnyBundleIsWritten()
    {
        var good = Requested(1001, "windows10.0-kb5048652-x64.cab", 50_000, 41);
        var poisoned = Requested(1002, "ndp48-kb5049999-x64.exe", 20_000, 42);
        var path = Path.Combine(ContentFolder, "1002", poisoned.FileName);
        var bytes = File.ReadAllBytes(path);
        bytes[10_000] ^= 0x40; // same size, one bit: only the digest can tell
        File.WriteAllBytes(path, bytes);

        var outcome = await CreateSut().RunAsync(ExportRequest(Request(good, poisoned)), null, CancellationToken.None);

        Assert.AreEqual(WorkflowFailureKind.DeploymentContent, outcome.Failure!.Kind);
        Assert.AreEqual(ExportWorkflow.DeploymentContentStep, outcome.Failure.Step);
        Assert.IsInstanceOfType<MicrosoftDigestMismatchException>(outcome.Failure.DeploymentContentError);
        StringAssert.Contains(outcome.Failure.Message, "KB501002 (content 1002) ndp48-kb5049999-x64.exe");
        StringAssert.Contains(outcome.Failure.Message, poisoned.SourceUrl);
        StringAssert.Contains(outcome.Failure.Message, "Microsoft's digest is SHA1:");
        StringAssert.Contains(outcome.Failure.Message, "the file from the folder " + ContentFolder + " has SHA1:");
        Assert.IsNull(BundleManifestLocator.TryFind(outcome.BundleFolder), "no bundle was written");
        Assert.IsFalse(File.Exists(DeploymentContentGatherer.StagedPath(Path.Combine(ExportWorkflow.StagingFolderFor(outcome.BundleFolder), ExportWorkflow.DeploymentContentStagingFolderName), poisoned)),
            "the wrong bytes are not kept");
        Assert.IsNull(await new ExportChainStore(_lab.ExportState, StateFolderProtections.ForThisComputer()).LoadAsync(CancellationToken.None));
    }

    [TestMethod]
    public async Task RunAsync_InterruptedWhileGathering_RerunKeepsTheCheckedFilesAndFetchesOnlyTheRest()
    {
        // Run 1: the cab is in the folder; the exe must be downloaded and the network is down (connection refused).
        var cab = Requested(1001, "windows10.0-kb5048652-x64.cab", 80_000, 41);
        var exe = Requested(1002, "ndp48-kb5049999-x64.exe", 30_000, 42, place: false, sourceUrl: "http://127.0.0.1:9/msdownload/ndp48-kb5049999-x64.exe");
        var request = Request(cab, exe);
        var downloading = new ExportWorkflow(_lab.ExportServices());

        var first = await downloading.RunAsync(ExportRequest(request), null, CancellationToken.None);

        Assert.AreEqual(WorkflowFailureKind.DeploymentContent, first.Failure!.Kind, first.Failure.Message);
        Assert.IsInstanceOfType<ContentDownloadException>(first.Failure.DeploymentContentError);
        StringAssert.Contains(first.Failure.Message, "127.0.0.1:9");
        Assert.IsNull(BundleManifestLocator.TryFind(first.BundleFolder));

        // Run 2, same command: the cab is gone from the folder, the exe arrived there. The cab is kept from the staging
        // folder (checked again against Microsoft's digest, not fetched again) and nothing is downloaded.
        File.Move(Path.Combine(ContentFolder, "1001", cab.FileName), _lab.Path("moved-away.cab"));
        Directory.CreateDirectory(Path.Combine(ContentFolder, "1002"));
        File.WriteAllBytes(Path.Combine(ContentFolder, "1002", exe.FileName), BundleScenario.Bytes(30_000, 42));

        var second = await CreateSut().RunAsync(ExportRequest(request), null, CancellationToken.None);

        Assert.IsNull(second.Failure, second.Failure?.Message);
        CollectionAssert.Contains(second.ResumedSteps.ToList(), ExportWorkflow.WsusUtilStep);
        Assert.AreEqual(1, _lab.ExportWsus.ExportRuns, "wsusutil is not run again either");
        var manifest = (await ManifestSerializer.ReadFileAsync(BundleManifestLocator.Find(second.BundleFolder), CancellationToken.None)).Manifest;
        Assert.AreEqual(BundleScenario.Sha(File.ReadAllBytes(_lab.Path("moved-away.cab"))), manifest.DeploymentContent!.Single(d => d.Request.ContentId == 1001).File.Sha256);
        CollectionAssert.AreEqual(File.ReadAllBytes(_lab.Path("moved-away.cab")), File.ReadAllBytes(Path.Combine(second.BundleFolder, "deployment-content", "1001", cab.FileName)));
    }

    [TestMethod]
    public async Task PlanAsync_WithContentRequest_ListsTheContentStepAndTheRequestedBytes()
    {
        var cab = Requested(1001, "windows10.0-kb5048652-x64.cab", 50_000, 41);

        var plan = await CreateSut().PlanAsync(ExportRequest(Request(cab)), CancellationToken.None);

        Assert.AreEqual(1, plan.DeploymentContentFiles);
        Assert.AreEqual(50_000L, plan.DeploymentContentBytes);
        CollectionAssert.AreEqual(
            new[] { ExportWorkflow.WsusUtilStep, ExportWorkflow.DeltaStep, ExportWorkflow.DeploymentContentStep, ExportWorkflow.WriteStep, ExportWorkflow.RecordStep },
            plan.Steps.Select(s => s.Name).ToArray());
    }
}
