using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;
using CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

namespace CMDisconnectedSync.App.Presentation.Tests.Pages;

[TestClass]
public sealed class DeploymentContentPageTests
{
    private const string Share = @"\\CM01\Sources\Updates\2026-12";
    private static readonly DeploymentPackageInfo Monthly = new("PS100012", "Monthly updates", @"\\CM01\Sources\Updates\Monthly");
    private static readonly DeploymentPackageInfo Servers = new("PS100015", "Server updates", @"\\CM01\Sources\Updates\Servers");
    private readonly FakeOperations _operations = new() { DeploymentPackages = [Monthly, Servers] };
    private readonly FakeFileSystem _files = new FakeFileSystem().WithFolder(Monthly.SourcePath).WithFolder(Servers.SourcePath).WithFolder(Share);

    [TestMethod]
    public async Task OfferAsync_SiteHasPackages_ListsThemAndChoosesTheFirstExistingOne()
    {
        var sut = CreateSut();

        await sut.OfferAsync(4, 720_896, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "GetDeploymentPackages CM01.contoso.com" }, _operations.Calls);
        CollectionAssert.AreEqual(new[] { Monthly, Servers }, sut.Packages.ToArray());
        Assert.AreEqual(DeploymentContentTarget.ExistingPackage, sut.Target);
        Assert.AreEqual(Monthly.PackageId, sut.SelectedPackageId);
        StringAssert.StartsWith(sut.Headline, "This bundle carries 4 deployment content file(s) (704 KB)");
        StringAssert.Contains(sut.TargetNote, Monthly.SourcePath);
    }

    [TestMethod]
    public async Task OfferAsync_SiteHasNoPackage_ChoosesANewOne()
    {
        _operations.DeploymentPackages = [];
        var sut = CreateSut();

        await sut.OfferAsync(4, 720_896, CancellationToken.None);

        Assert.AreEqual(DeploymentContentTarget.NewPackage, sut.Target);
        Assert.IsNull(sut.SelectedPackageId);
    }

    [TestMethod]
    public async Task OfferAsync_PackagesCannotBeListed_SaysWhyAndRetryListsThemAgain()
    {
        _operations.DeploymentPackagesFailure = new InvalidOperationException("Access denied reading SMS_SoftwareUpdatesPackage on CM01.contoso.com.");
        var sut = CreateSut();

        await sut.OfferAsync(4, 720_896, CancellationToken.None);

        StringAssert.Contains(sut.LoadError, "could not be listed: Access denied reading SMS_SoftwareUpdatesPackage on CM01.contoso.com.");
        StringAssert.Contains(sut.LoadError, "Retry");
        Assert.IsFalse(sut.TryBuildChoice(out _), "no package to choose from");
        Assert.AreEqual(nameof(DeploymentContentPage.SelectedPackageId), sut.Issues.Single().Field);

        _operations.DeploymentPackagesFailure = null;
        await sut.LoadPackagesAsync(CancellationToken.None);

        Assert.IsNull(sut.LoadError);
        Assert.AreEqual(Monthly.PackageId, sut.SelectedPackageId);
        Assert.IsTrue(sut.TryBuildChoice(out var choice));
        Assert.AreEqual(DeploymentContentChoice.Existing(Monthly.PackageId), choice);
    }

    [TestMethod]
    public async Task TryBuildChoice_ExistingPackageChosen_IsThatPackageWithTheRefreshAsTicked()
    {
        var sut = await OfferedSut();
        sut.SelectedPackageId = Servers.PackageId;
        sut.RefreshDistributionPoints = false;

        Assert.IsTrue(sut.TryBuildChoice(out var choice));

        Assert.AreEqual(new DeploymentContentChoice(Servers.PackageId, null, null, RefreshDistributionPoints: false), choice);
        Assert.IsEmpty(sut.Issues);
    }

    [TestMethod]
    public async Task TryBuildChoice_ExistingPackageSourceUnreachable_NamesThePackageAndTheFix()
    {
        var sut = new DeploymentContentPage(_operations, A.Site(), new FakeFileSystem().WithFolder(Monthly.SourcePath));
        await sut.OfferAsync(4, 720_896, CancellationToken.None);
        sut.SelectedPackageId = Servers.PackageId;

        Assert.IsFalse(sut.TryBuildChoice(out var choice));

        Assert.IsNull(choice);
        var issue = sut.Issues.Single();
        Assert.AreEqual(nameof(DeploymentContentPage.SelectedPackageId), issue.Field);
        StringAssert.Contains(issue.Message, @"The source folder of PS100015 'Server updates', \\CM01\Sources\Updates\Servers, cannot be reached from here.");
    }

    [TestMethod]
    public async Task TryBuildChoice_NewPackageComplete_IsTheNewPackageOnItsShare()
    {
        var sut = await OfferedSut();
        sut.Target = DeploymentContentTarget.NewPackage;
        sut.NewPackageName = "  2026-12 Patch Tuesday ";
        sut.NewPackageSource = Share + " ";

        Assert.IsTrue(sut.TryBuildChoice(out var choice));

        Assert.AreEqual(DeploymentContentChoice.New("2026-12 Patch Tuesday", Share), choice);
    }

    [TestMethod]
    [DataRow("", Share, "NewPackageName", "Name the new deployment package")]
    [DataRow("2026-12", "", "NewPackageSource", "Enter the new package's source folder")]
    [DataRow("2026-12", @"D:\Sources\2026-12", "NewPackageSource", @"'D:\Sources\2026-12' is not a UNC path")]
    [DataRow("2026-12", @"\\CM01\Sources\Missing", "NewPackageSource", @"The source folder '\\CM01\Sources\Missing' does not exist or cannot be reached from here. Create and share it")]
    public async Task TryBuildChoice_NewPackageIncomplete_NamesTheFieldAndTheFix(string name, string source, string field, string fix)
    {
        var sut = await OfferedSut();
        sut.Target = DeploymentContentTarget.NewPackage;
        sut.NewPackageName = name;
        sut.NewPackageSource = source;

        Assert.IsFalse(sut.TryBuildChoice(out var choice));

        Assert.IsNull(choice);
        var issue = sut.Issues.Single();
        Assert.AreEqual(field, issue.Field);
        StringAssert.Contains(issue.Message, fix);
    }

    [TestMethod]
    public async Task TryBuildChoice_Skip_IsNoPackageAndSaysPlainlyTheFilesStayOut()
    {
        var sut = await OfferedSut();
        sut.Target = DeploymentContentTarget.Skip;

        Assert.IsTrue(sut.TryBuildChoice(out var choice));

        Assert.IsNull(choice);
        StringAssert.StartsWith(sut.TargetNote, "The 4 file(s) are left out: no deployment package gets them");
    }

    [TestMethod]
    public async Task TryBuildChoice_ContentRequestFileGiven_ChecksAgainstThatFileInsteadOfTheKeptCopy()
    {
        var request = Path.GetFullPath("request.json");
        _files.WithFile(request);
        var sut = await OfferedSut();
        sut.ContentRequestPath = " " + request + " ";

        Assert.IsTrue(sut.TryBuildChoice(out var choice));

        Assert.AreEqual(DeploymentContentChoice.Existing(Monthly.PackageId) with { ContentRequestPath = request }, choice);
    }

    [TestMethod]
    [DataRow("request.json", "is not a content request file")]
    [DataRow("missing.json", "does not exist")]
    public async Task TryBuildChoice_ContentRequestFileUnusable_NamesTheFieldAndSaysEmptyUsesTheKeptCopy(string file, string problem)
    {
        var sut = await OfferedSut();
        sut.ContentRequestPath = file == "missing.json" ? Path.GetFullPath(file) : file;

        Assert.IsFalse(sut.TryBuildChoice(out var choice));

        Assert.IsNull(choice);
        var issue = sut.Issues.Single();
        Assert.AreEqual(nameof(DeploymentContentPage.ContentRequestPath), issue.Field);
        StringAssert.Contains(issue.Message, problem);
        StringAssert.Contains(issue.Message, "leave the field empty to use the copy this server kept");
    }

    [TestMethod]
    public async Task TryBuildChoice_EmptyContentRequestField_UsesTheKeptCopy()
    {
        var sut = await OfferedSut();

        Assert.IsTrue(sut.TryBuildChoice(out var choice));

        Assert.IsNull(choice!.ContentRequestPath, "null: the import loads the request this server kept, as cmdsync import does");
    }

    [TestMethod]
    public async Task Target_Changed_ClearsTheIssuesOfTheOtherChoice()
    {
        var sut = await OfferedSut();
        sut.Target = DeploymentContentTarget.NewPackage;
        Assert.IsFalse(sut.TryBuildChoice(out _));

        sut.Target = DeploymentContentTarget.Skip;

        Assert.IsEmpty(sut.Issues);
    }

    private async Task<DeploymentContentPage> OfferedSut()
    {
        var sut = CreateSut();
        await sut.OfferAsync(4, 720_896, CancellationToken.None);
        return sut;
    }

    private DeploymentContentPage CreateSut() => new(_operations, A.Site(), _files);
}
