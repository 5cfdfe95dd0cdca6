using CMDisconnectedSync.App.Backend.Composition;
using CMDisconnectedSync.App.Backend.Operations;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.Lab;
using CMDisconnectedSync.Lab.ConfigMgr;
using Serilog;
using Ui = CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Backend.Tests.Operations;

/// <summary>
/// The content request dialog's operations (CoreOperations.ContentRequests.cs) over the real Core builder and
/// serializer on a tiny lab whose site has the lab's software update groups and content tables.
/// </summary>
[TestClass]
public sealed class CoreOperationsContentRequestsTests
{
    private static readonly ILogger Logger = new LoggerConfiguration().CreateLogger();
    private string _folder = null!;
    private LabEnvironment _lab = null!;
    private CoreOperations _operations = null!;

    [TestInitialize]
    public async Task CreateLab()
    {
        _folder = Path.Combine(Path.GetTempPath(), "cmdsync-backend-content-" + Guid.NewGuid().ToString("N"));
        _lab = await LabEnvironment.CreateAsync(_folder, LabContentSpec.Tiny, TimeProvider.System, CancellationToken.None);
        _lab.CreateDeploymentContent(new Uri("http://127.0.0.1:8531/"));
        _operations = (await LabBackendComposition.OpenAsync(_folder, TimeProvider.System, Logger, Path.Combine(_folder, "app.log"), CancellationToken.None)).Operations;
    }

    [TestCleanup]
    public void DeleteLab() => Directory.Delete(_folder, recursive: true);

    private CoreOperations CreateSut() => _operations;

    private static Ui.SiteTarget Site => new(LabEnvironment.DisconnectedServerName, LabEnvironment.SiteCode, null, null);

    private SoftwareUpdateGroup PatchTuesday => LabContentCatalog.Load(_lab.SiteFolder).Groups.Single(g => g.Name == LabDeploymentContent.PatchTuesdayGroup);

    private string KeptFolder => Path.Combine(_lab.DisconnectedStateFolder, KeptContentRequests.FolderName);

    [TestMethod]
    public async Task GetSoftwareUpdateGroupsAsync_ListsTheSitesGroupsWithTheirUpdateCounts()
    {
        var groups = await CreateSut().GetSoftwareUpdateGroupsAsync(Site, CancellationToken.None);

        CollectionAssert.AreEquivalent(
            new[] { $"{PatchTuesday.CiId} {LabDeploymentContent.PatchTuesdayGroup} 3", $"16777401 {LabDeploymentContent.ExpiredGroup} 1" },
            groups.Select(g => $"{g.CiId} {g.Name} {g.UpdateCount}").ToArray());
    }

    [TestMethod]
    public async Task PrepareThenSave_WritesTheRequestTheSiteDescribesAndKeepsTheSameBytes()
    {
        var sut = CreateSut();
        var draft = await sut.PrepareContentRequestAsync(Site, new Ui.ContentRequestSelection([PatchTuesday.CiId], false), CancellationToken.None);
        Assert.IsFalse(Directory.Exists(KeptFolder) && Directory.EnumerateFiles(KeptFolder).Any(), "preparing writes nothing");
        var path = Path.Combine(_folder, "media", "request.json");

        var saved = await sut.SaveContentRequestAsync(draft.RequestId, path, CancellationToken.None);

        // LabDeploymentContent.Create: contents 1001 (393,216 + 131,072 bytes), 1002 (98,304), 1003 (98,560); 1004 is in the lab package.
        Assert.AreEqual((4, 393_216L + 131_072 + 98_304 + 98_560, 3), (draft.Files, draft.TotalBytes, draft.Updates));
        CollectionAssert.AreEqual(new[] { "1 content(s) already in a deployment package." }, draft.LeftOut.ToArray());
        StringAssert.StartsWith(draft.SuggestedPath, Path.Combine(_lab.MediaFolder, "content-request-LAB-"));
        var request = ContentRequestSerializer.ReadFile(path);
        Assert.AreEqual(draft.RequestId, request.RequestId);
        CollectionAssert.AreEqual(new uint[] { 1001, 1001, 1002, 1003 }, request.Files.Select(f => f.ContentId).ToArray());
        Assert.AreEqual(KeptContentRequests.PathFor(_lab.DisconnectedStateFolder, request.RequestId), saved.KeptCopyPath);
        CollectionAssert.AreEqual(File.ReadAllBytes(path), File.ReadAllBytes(saved.KeptCopyPath));
        Assert.AreEqual((4, draft.TotalBytes), (saved.Files, saved.TotalBytes));
    }

    [TestMethod]
    public async Task SaveContentRequestAsync_UnwritablePath_NamesItAndKeepsNothing()
    {
        var sut = CreateSut();
        var draft = await sut.PrepareContentRequestAsync(Site, new Ui.ContentRequestSelection([PatchTuesday.CiId], false), CancellationToken.None);
        var blocker = Path.Combine(_folder, "not-a-folder");
        File.WriteAllText(blocker, "a file where the request's folder would be");
        var path = Path.Combine(blocker, "request.json");

        var ex = await Assert.ThrowsExactlyAsync<IOException>(() => sut.SaveContentRequestAsync(draft.RequestId, path, CancellationToken.None));

        StringAssert.Contains(ex.Message, path);
        StringAssert.Contains(ex.Message, "Choose a writable folder");
        Assert.IsFalse(Directory.Exists(KeptFolder) && Directory.EnumerateFiles(KeptFolder).Any(), "no kept copy for a request that was not written");
    }

    [TestMethod]
    public async Task SaveContentRequestAsync_NotAPath_SaysSoAndWritesNothing()
    {
        var sut = CreateSut();
        var draft = await sut.PrepareContentRequestAsync(Site, new Ui.ContentRequestSelection([PatchTuesday.CiId], false), CancellationToken.None);

        // A NUL character is invalid in a path on every platform.
        var ex = await Assert.ThrowsExactlyAsync<ArgumentException>(() => sut.SaveContentRequestAsync(draft.RequestId, "request\0.json", CancellationToken.None));

        StringAssert.Contains(ex.Message, "is not a file path this server can write");
        Assert.IsFalse(Directory.Exists(KeptFolder) && Directory.EnumerateFiles(KeptFolder).Any());
    }

    [TestMethod]
    public async Task PrepareContentRequestAsync_GroupTheSiteDoesNotHave_NamesIt()
    {
        var ex = await Assert.ThrowsExactlyAsync<ContentSelectionException>(() =>
            CreateSut().PrepareContentRequestAsync(Site, new Ui.ContentRequestSelection([12345], false), CancellationToken.None));

        StringAssert.Contains(ex.Message, "software update group 'CI:12345'");
    }

    [TestMethod]
    public async Task SaveContentRequestAsync_RequestNotPrepared_WritesNothing()
    {
        var path = Path.Combine(_folder, "request.json");

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => CreateSut().SaveContentRequestAsync("0123456789abcdef0123456789abcdef", path, CancellationToken.None));

        Assert.IsFalse(File.Exists(path));
    }
}
