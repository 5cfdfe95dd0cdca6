using CMDisconnectedSync.Doctor.Checks;
using CMDisconnectedSync.Host;

namespace CMDisconnectedSync.Doctor.Tests.Checks;

[TestClass]
public sealed class WsusContentVolumeCheckTests
{
    private const long Plenty = 200L * 1000 * 1000 * 1000;

    private static WsusContentVolumeCheck CreateSut(IVolumeInspector volumes, DoctorSide side = DoctorSide.Import) =>
        new(FakeWsus.Installed(@"D:\WSUS\WsusContent"), volumes, side);

    [TestMethod]
    public async Task RunAsync_WritableNtfsWithRoom_Confirmed()
    {
        var volumes = new Volume(new VolumeState(@"D:\", Plenty, "NTFS", true));

        var findings = await CreateSut(volumes).RunAsync(CancellationToken.None);

        Assert.AreEqual(CheckStatus.Confirmed, findings.Of(FieldFacts.WsusContentFileSystem).Status);
        Assert.AreEqual(CheckStatus.Confirmed, findings.Of(FieldFacts.WsusContentFreeSpace).Status);
        Assert.AreEqual(@"D:\WSUS\WsusContent", volumes.Inspected.Single());
    }

    [TestMethod]
    public async Task RunAsync_ReFsVolume_DiffersNamingTheFileSystem()
    {
        var finding = (await CreateSut(new Volume(new VolumeState(@"D:\", Plenty, "ReFS", true))).RunAsync(CancellationToken.None))
            .Of(FieldFacts.WsusContentFileSystem);

        Assert.AreEqual(CheckStatus.Differs, finding.Status);
        StringAssert.StartsWith(finding.Found, "ReFS");
    }

    [TestMethod]
    public async Task RunAsync_LessThanFortyGigabytesFree_Differs()
    {
        var finding = (await CreateSut(new Volume(new VolumeState(@"D:\", FieldFacts.MinimumContentFreeBytes - 1, "NTFS", true))).RunAsync(CancellationToken.None))
            .Of(FieldFacts.WsusContentFreeSpace);

        Assert.AreEqual(CheckStatus.Differs, finding.Status);
    }

    [TestMethod]
    public async Task RunAsync_ContentFolderVolumeGone_Missing()
    {
        var findings = await CreateSut(new Volume(new IOException(@"The volume D:\ holding D:\WSUS\WsusContent is not ready."))).RunAsync(CancellationToken.None);

        Assert.IsTrue(findings.All(f => f.Status == CheckStatus.Missing));
        StringAssert.Contains(findings[0].Detail, "not ready");
    }

    [TestMethod]
    public async Task RunAsync_VolumeRefused_AccessDenied()
    {
        var findings = await CreateSut(new Volume(new UnauthorizedAccessException("Access to the path is denied."))).RunAsync(CancellationToken.None);

        Assert.IsTrue(findings.All(f => f.Status == CheckStatus.AccessDenied));
    }

    [TestMethod]
    public async Task RunAsync_ImportSideNotWritable_AccessDenied()
    {
        var finding = (await CreateSut(new Volume(new VolumeState(@"D:\", Plenty, "NTFS", false))).RunAsync(CancellationToken.None))
            .Of(FieldFacts.WsusContentFileSystem);

        Assert.AreEqual(CheckStatus.AccessDenied, finding.Status);
    }

    [TestMethod]
    public async Task RunAsync_ExportSideNotWritable_Confirmed()
    {
        var finding = (await CreateSut(new Volume(new VolumeState(@"D:\", Plenty, "NTFS", false)), DoctorSide.Export).RunAsync(CancellationToken.None))
            .Of(FieldFacts.WsusContentFileSystem);

        Assert.AreEqual(CheckStatus.Confirmed, finding.Status);
    }

    [TestMethod]
    public async Task RunAsync_WsusNotInstalled_NotApplicable()
    {
        var findings = await new WsusContentVolumeCheck(FakeWsus.NotInstalled(), new Volume(new AssertFailedException("must not inspect")), DoctorSide.Import)
            .RunAsync(CancellationToken.None);

        Assert.IsTrue(findings.All(f => f.Status == CheckStatus.NotApplicable));
    }

    /// <summary>One volume as the test describes it, or the failure inspecting it raises.</summary>
    private sealed class Volume : IVolumeInspector
    {
        private readonly VolumeState? _state;
        private readonly Exception? _failure;

        public Volume(VolumeState state) => _state = state;

        public Volume(Exception failure) => _failure = failure;

        public List<string> Inspected { get; } = [];

        public VolumeState Inspect(string path)
        {
            Inspected.Add(path);
            return _failure is null ? _state! : throw _failure;
        }
    }
}
