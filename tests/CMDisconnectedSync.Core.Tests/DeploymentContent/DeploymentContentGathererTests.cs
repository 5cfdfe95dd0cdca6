using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.DeploymentContent;

namespace CMDisconnectedSync.Core.Tests.DeploymentContent;

/// <summary>
/// <see cref="DeploymentContentGatherer"/> with real folders: what is staged, kept on a rerun, refetched when wrong.
/// Nothing here downloads (the downloader factory fails the test if asked); downloads against the lab server are in the
/// CLI's ExportCommandTests.
/// </summary>
[TestClass]
public sealed class DeploymentContentGathererTests : IDisposable
{
    private readonly TempFolder _temp = new("gatherer");

    public void Dispose() => _temp.Dispose();

    private string Staging => _temp.Combine("staging");

    private string Folder => _temp.Combine("fetched");

    private DeploymentContentGatherer CreateSut() => new(
        [(new FolderContentSource([FolderContentSource.ContentIdFolder(Folder), FolderContentSource.Flat(Folder)]), "the folder " + Folder)],
        () => throw new AssertFailedException("nothing is downloaded in this test"),
        TestLogger.Silent);

    private ContentRequestFile InFolder(uint contentId, string name, int length, int seed)
    {
        var bytes = BundleScenario.Bytes(length, seed);
        _temp.WriteFile("fetched/" + contentId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + name, bytes);
        return BundleScenario.RequestFile(contentId, name, bytes);
    }

    private static ContentRequest Request(string id, params ContentRequestFile[] files) => new()
    {
        FormatVersion = ContentRequestSerializer.CurrentFormatVersion,
        RequestId = id,
        SiteCode = "PS1",
        CreatedAtUtc = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero),
        Selection = new ContentSelection { Required = true },
        Files = files,
    };

    [TestMethod]
    public async Task GatherAsync_FilesInTheFolder_StagedWithTheSha256TheWriterHoldsThemTo()
    {
        var cab = InFolder(1001, "windows10.0-kb5048652-x64.cab", 90_000, 1);

        var gathered = await CreateSut().GatherAsync(Request("r1", cab), Staging, null, CancellationToken.None);

        var staged = gathered.Files.Single();
        Assert.AreEqual(DeploymentContentGatherer.StagedPath(Staging, cab), staged.SourcePath);
        Assert.AreEqual(BundleScenario.Sha(File.ReadAllBytes(staged.SourcePath)), staged.Sha256);
        Assert.AreEqual("r1", (await DeploymentContentGatherer.ReadGatheredAsync(Request("r1", cab), Staging, CancellationToken.None))!.ContentRequestId);
    }

    [TestMethod]
    public async Task GatherAsync_StagedCopyNoLongerMatchesMicrosoftsDigest_TakenAgainFromTheFolder()
    {
        var cab = InFolder(1001, "windows10.0-kb5048652-x64.cab", 90_000, 1);
        await CreateSut().GatherAsync(Request("r1", cab), Staging, null, CancellationToken.None);
        var stagedPath = DeploymentContentGatherer.StagedPath(Staging, cab);
        var bytes = File.ReadAllBytes(stagedPath);
        bytes[0] ^= 0x01;
        File.WriteAllBytes(stagedPath, bytes);

        var gathered = await CreateSut().GatherAsync(Request("r1", cab), Staging, null, CancellationToken.None);

        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(Folder, "1001", cab.FileName)), File.ReadAllBytes(stagedPath));
        Assert.AreEqual(BundleScenario.Sha(File.ReadAllBytes(stagedPath)), gathered.Files.Single().Sha256);
    }

    [TestMethod]
    public async Task GatherAsync_StagedCopyStillRight_KeptEvenWhenTheFolderIsGone()
    {
        var cab = InFolder(1001, "windows10.0-kb5048652-x64.cab", 90_000, 1);
        await CreateSut().GatherAsync(Request("r1", cab), Staging, null, CancellationToken.None);
        Directory.Delete(Folder, recursive: true);

        var gathered = await CreateSut().GatherAsync(Request("r1", cab), Staging, null, CancellationToken.None);

        Assert.HasCount(1, gathered.Files);
    }

    [TestMethod]
    public async Task ReadGatheredAsync_ListOfAnotherRequestOrAStagedFileGone_IsNullSoTheStepGathersAgain()
    {
        var cab = InFolder(1001, "windows10.0-kb5048652-x64.cab", 90_000, 1);
        await CreateSut().GatherAsync(Request("r1", cab), Staging, null, CancellationToken.None);

        Assert.IsNull(await DeploymentContentGatherer.ReadGatheredAsync(Request("r2", cab), Staging, CancellationToken.None));
        File.Delete(DeploymentContentGatherer.StagedPath(Staging, cab));
        Assert.IsNull(await DeploymentContentGatherer.ReadGatheredAsync(Request("r1", cab), Staging, CancellationToken.None));
    }

    [TestMethod]
    public async Task GatherAsync_UnreadableFileHash_RefusedBeforeAnythingIsStaged()
    {
        var cab = InFolder(1001, "windows10.0-kb5048652-x64.cab", 90_000, 1) with { FileHash = "MD5:abc" };

        await Assert.ThrowsExactlyAsync<MicrosoftFileDigestFormatException>(() => CreateSut().GatherAsync(Request("r1", cab), Staging, null, CancellationToken.None));

        Assert.IsFalse(File.Exists(DeploymentContentGatherer.StagedPath(Staging, cab)));
    }
}
