using System.Text;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Testing.DeploymentContent;

namespace CMDisconnectedSync.Core.Tests.DeploymentContent;

[TestClass]
public sealed class DeploymentPackageImporterTests : IDisposable
{
    private readonly TempFolder _temp = new("package-import");

    public void Dispose() => _temp.Dispose();

    private static ContentRequestFile Entry(uint contentId, string name, long size, int ciId = 16777301) =>
        ContentRequestSerializerTests.File(contentId, name, size) with { CiId = ciId, CiUniqueId = $"00000000-0000-0000-0000-{ciId:000000000000}" };

    private static ContentRequest Request(params ContentRequestFile[] files) => new()
    {
        FormatVersion = ContentRequestSerializer.CurrentFormatVersion,
        RequestId = "0123456789abcdef0123456789abcdef",
        SiteCode = "DIS",
        CreatedAtUtc = DateTimeOffset.UnixEpoch,
        Selection = new ContentSelection { Required = true },
        Files = files,
    };

    private static InMemoryContentCatalog Site(string packageSource) => new InMemoryContentCatalog()
        .WithUpdate(16777301, "5005565", "2026-12 Cumulative Update (KB5005565)")
        .WithPackage("DIS00012", "Windows updates", packageSource);

    /// <summary>A file the bundle delivered: real bytes on disk and their SHA-256 as the verified manifest states it.</summary>
    private DeliveredContentFile Deliver(ContentRequestFile entry, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var path = _temp.WriteFile("bundle/deployment-content/" + ContentRequestSerializer.ContentRelativePath(entry), bytes);
        return new DeliveredContentFile(entry with { FileSize = bytes.Length }, path, Sha256Hex.OfBytes(bytes));
    }

    private (string PackageSource, string Staging) Shares()
    {
        var package = _temp.Combine("share", "pkgsource");
        var staging = _temp.Combine("share", "staging");
        Directory.CreateDirectory(package);
        Directory.CreateDirectory(staging);
        return (package, staging);
    }

    [TestMethod]
    public async Task ImportAsync_RequestedAndProvenContent_LandsInThePackageSourceByteForByte()
    {
        var (packageSource, staging) = Shares();
        var site = Site(packageSource);
        var cab = Deliver(Entry(1001, "windows10.0-kb5005565-x64.cab", 0), "cab bytes");
        var psf = Deliver(Entry(1002, "windows10.0-kb5005565-x64.psf", 0), "psf bytes, a little longer");

        var result = await new DeploymentPackageImporter(site).ImportAsync(Request(cab.Entry, psf.Entry), [cab, psf], DeploymentPackageTarget.Existing("DIS00012"), staging, true, CancellationToken.None);

        CollectionAssert.AreEqual(new uint[] { 1001, 1002 }, result.ContentIds.ToArray());
        Assert.AreEqual("cab bytes", File.ReadAllText(Path.Combine(packageSource, "1001", "windows10.0-kb5005565-x64.cab")));
        Assert.AreEqual("psf bytes, a little longer", File.ReadAllText(Path.Combine(packageSource, "1002", "windows10.0-kb5005565-x64.psf")));
        var call = site.AddCalls.Single();
        CollectionAssert.AreEqual(new[] { Path.Combine(staging, "1001"), Path.Combine(staging, "1002") }, call.SourcePaths.ToArray());
        Assert.IsTrue(call.Refresh);
    }

    [TestMethod]
    public async Task ImportAsync_FileTheSiteDidNotRequest_IsRefusedByNameAndNothingIsAdded()
    {
        var (packageSource, staging) = Shares();
        var site = Site(packageSource);
        var asked = Deliver(Entry(1001, "asked.cab", 0), "a");
        var extra = Deliver(Entry(1009, "smuggled.exe", 0), "evil");

        var ex = await Assert.ThrowsExactlyAsync<DeploymentImportException>(() =>
            new DeploymentPackageImporter(site).ImportAsync(Request(asked.Entry), [asked, extra], DeploymentPackageTarget.Existing("DIS00012"), staging, true, CancellationToken.None));

        Assert.AreEqual(DeploymentImportProblem.NotRequested, ex.Problem);
        StringAssert.Contains(ex.Message, "smuggled.exe");
        Assert.IsEmpty(site.AddCalls);
        Assert.IsFalse(Directory.Exists(Path.Combine(packageSource, "1001")));
    }

    [TestMethod]
    public async Task ImportAsync_RequestedFileWithAnotherDigest_IsRefused()
    {
        var (packageSource, staging) = Shares();
        var asked = Deliver(Entry(1001, "asked.cab", 0), "a");

        var ex = await Assert.ThrowsExactlyAsync<DeploymentImportException>(() =>
            new DeploymentPackageImporter(Site(packageSource)).ImportAsync(Request(asked.Entry with { FileHash = "SHA1:other" }), [asked], DeploymentPackageTarget.Existing("DIS00012"), staging, true, CancellationToken.None));

        Assert.AreEqual(DeploymentImportProblem.NotRequested, ex.Problem);
    }

    [TestMethod]
    public async Task ImportAsync_UpdateTheSiteDoesNotKnow_IsRefusedByName()
    {
        var (packageSource, staging) = Shares();
        var site = Site(packageSource);
        var stranger = Deliver(Entry(1005, "stranger.cab", 0, ciId: 16777999) with { ArticleId = "5009999", Title = "Unknown update" }, "x");

        var ex = await Assert.ThrowsExactlyAsync<DeploymentImportException>(() =>
            new DeploymentPackageImporter(site).ImportAsync(Request(stranger.Entry), [stranger], DeploymentPackageTarget.Existing("DIS00012"), staging, true, CancellationToken.None));

        Assert.AreEqual(DeploymentImportProblem.UnknownUpdate, ex.Problem);
        StringAssert.Contains(ex.Message, "KB5009999 'Unknown update'");
        Assert.IsEmpty(site.AddCalls);
    }

    [TestMethod]
    public async Task ImportAsync_FileChangedAfterVerification_IsRefusedAsNotProven()
    {
        var (packageSource, staging) = Shares();
        var site = Site(packageSource);
        var cab = Deliver(Entry(1001, "asked.cab", 0), "good bytes");
        File.WriteAllText(cab.FullPath, "evil bytes");

        var ex = await Assert.ThrowsExactlyAsync<DeploymentImportException>(() =>
            new DeploymentPackageImporter(site).ImportAsync(Request(cab.Entry), [cab], DeploymentPackageTarget.Existing("DIS00012"), staging, true, CancellationToken.None));

        Assert.AreEqual(DeploymentImportProblem.NotProven, ex.Problem);
        Assert.IsEmpty(site.AddCalls);
    }

    [TestMethod]
    public async Task ImportAsync_PackageSourceMissing_IsRefusedNamingIt()
    {
        var (_, staging) = Shares();
        var missing = _temp.Combine("share", "gone");
        var cab = Deliver(Entry(1001, "asked.cab", 0), "a");

        var ex = await Assert.ThrowsExactlyAsync<DeploymentImportException>(() =>
            new DeploymentPackageImporter(Site(missing)).ImportAsync(Request(cab.Entry), [cab], DeploymentPackageTarget.Existing("DIS00012"), staging, true, CancellationToken.None));

        Assert.AreEqual(DeploymentImportProblem.PackageUnusable, ex.Problem);
        StringAssert.Contains(ex.Message, missing);
    }

    [TestMethod]
    public async Task ImportAsync_PackageSourceNotWritable_IsRefusedNamingItAndNothingIsAdded()
    {
        var (packageSource, staging) = Shares();
        var site = Site(packageSource);
        var cab = Deliver(Entry(1001, "asked.cab", 0), "a");
        using var protectedSource = WriteProtectedFolder.TryProtect(packageSource, out var whyNot);
        if (protectedSource is null)
        {
            Assert.Inconclusive(whyNot);
        }

        var ex = await Assert.ThrowsExactlyAsync<DeploymentImportException>(() =>
            new DeploymentPackageImporter(site).ImportAsync(Request(cab.Entry), [cab], DeploymentPackageTarget.Existing("DIS00012"), staging, true, CancellationToken.None));

        Assert.AreEqual(DeploymentImportProblem.PackageUnusable, ex.Problem);
        StringAssert.Contains(ex.Message, packageSource);
        StringAssert.Contains(ex.Message, "not writable");
        Assert.IsEmpty(site.AddCalls);
        Assert.IsEmpty(Directory.GetFileSystemEntries(packageSource));
    }

    [TestMethod]
    public async Task ImportAsync_UnknownPackageId_IsRefused()
    {
        var (packageSource, staging) = Shares();
        var cab = Deliver(Entry(1001, "asked.cab", 0), "a");

        var ex = await Assert.ThrowsExactlyAsync<DeploymentImportException>(() =>
            new DeploymentPackageImporter(Site(packageSource)).ImportAsync(Request(cab.Entry), [cab], DeploymentPackageTarget.Existing("DIS00099"), staging, true, CancellationToken.None));

        StringAssert.Contains(ex.Message, "DIS00099");
    }

    [TestMethod]
    public async Task ImportAsync_NewPackageOnALocalPath_IsRefusedAsNotUnc()
    {
        var (packageSource, staging) = Shares();
        var cab = Deliver(Entry(1001, "asked.cab", 0), "a");

        var ex = await Assert.ThrowsExactlyAsync<DeploymentImportException>(() =>
            new DeploymentPackageImporter(Site(packageSource)).ImportAsync(Request(cab.Entry), [cab], DeploymentPackageTarget.New("Carried", packageSource), staging, true, CancellationToken.None));

        StringAssert.Contains(ex.Message, "UNC");
    }

    [TestMethod]
    public async Task ImportAsync_SiteCannotAddTheContent_ReportsAddUpdateContentFailedNamingPackageAndShare()
    {
        var (packageSource, staging) = Shares();
        var site = Site(packageSource);
        site.AddUpdateContentFailure = new CMDisconnectedSync.ConfigMgr.ConfigMgrException(CMDisconnectedSync.ConfigMgr.ConfigMgrFailure.OperationFailed, "Generic failure on CM01.");
        var cab = Deliver(Entry(1001, "asked.cab", 0), "a");

        var ex = await Assert.ThrowsExactlyAsync<DeploymentImportException>(() =>
            new DeploymentPackageImporter(site).ImportAsync(Request(cab.Entry), [cab], DeploymentPackageTarget.Existing("DIS00012"), staging, true, CancellationToken.None));

        Assert.AreEqual(DeploymentImportProblem.AddUpdateContentFailed, ex.Problem);
        StringAssert.Contains(ex.Message, "DIS00012");
        StringAssert.Contains(ex.Message, staging);
    }

    [TestMethod]
    public async Task FolderContentSource_FileInContentIdFolderWithRequestedSize_IsCopied()
    {
        var entry = Entry(1001, "asked.cab", 5);
        _temp.WriteFile("provided/1001/asked.cab", Encoding.ASCII.GetBytes("12345"));
        var source = new FolderContentSource([FolderContentSource.ContentIdFolder(_temp.Combine("provided"))]);

        var copied = await source.ProduceAsync(entry, _temp.Combine("out", "asked.cab"), null, CancellationToken.None);

        Assert.AreEqual(5L, copied.Length);
        Assert.AreEqual("12345", File.ReadAllText(_temp.Combine("out", "asked.cab")));
    }

    [TestMethod]
    public async Task FolderContentSource_WrongSizeOrMissing_ThrowsTypedErrorNamingTheFile()
    {
        _temp.WriteFile("provided/1001/asked.cab", Encoding.ASCII.GetBytes("1234"));
        var source = new FolderContentSource([FolderContentSource.ContentIdFolder(_temp.Combine("provided"))]);

        var wrong = await Assert.ThrowsExactlyAsync<DeploymentContentUnavailableException>(() => source.ProduceAsync(Entry(1001, "asked.cab", 5), _temp.Combine("out", "a"), null, CancellationToken.None));
        var missing = await Assert.ThrowsExactlyAsync<DeploymentContentUnavailableException>(() => source.ProduceAsync(Entry(1002, "other.cab", 5), _temp.Combine("out", "b"), null, CancellationToken.None));

        Assert.AreEqual(DeploymentContentProblem.SizeMismatch, wrong.Problem);
        StringAssert.Contains(wrong.Message, "asked.cab");
        Assert.AreEqual(DeploymentContentProblem.NotFound, missing.Problem);
        Assert.IsFalse(File.Exists(_temp.Combine("out", "a")));
    }
}
