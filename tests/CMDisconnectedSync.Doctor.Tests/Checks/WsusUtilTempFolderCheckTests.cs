using CMDisconnectedSync.Doctor.Checks;
using CMDisconnectedSync.Host;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Doctor.Tests.Checks;

[TestClass]
public sealed class WsusUtilTempFolderCheckTests
{
    private const string Temp = @"C:\Users\svc-cmdsync\AppData\Local\Temp";

    private static WsusUtilTempFolderCheck CreateSut(Volume volumes) => new(FakeWsus.Installed().WithWsusUtilTempFolder(Temp), volumes);

    [TestMethod]
    public async Task RunAsync_WritableWithRoom_ConfirmedNamingTheFolder()
    {
        var volumes = new Volume(new VolumeState(@"C:\", 20L * 1024 * 1024 * 1024, "NTFS", true));

        var finding = (await CreateSut(volumes).RunAsync(CancellationToken.None)).Of(FieldFacts.WsusUtilTempFolder);

        Assert.AreEqual(CheckStatus.Confirmed, finding.Status);
        Assert.AreEqual(Temp + @" on C:\: 20 GiB free, writable", finding.Found);
        Assert.AreEqual(Temp, volumes.Inspected.Single());
    }

    [TestMethod]
    public async Task RunAsync_LessThanAFirstExportNeeds_DiffersWithTheFix()
    {
        var volumes = new Volume(new VolumeState(@"C:\", FieldFacts.MinimumWsusUtilTempFreeBytes - 1, "NTFS", true));

        var finding = (await CreateSut(volumes).RunAsync(CancellationToken.None)).Of(FieldFacts.WsusUtilTempFolder);

        Assert.AreEqual(CheckStatus.Differs, finding.Status);
        StringAssert.Contains(finding.Detail, "point TMP and TEMP");
    }

    [TestMethod]
    public async Task RunAsync_FolderGone_Missing()
    {
        var finding = (await CreateSut(new Volume(new IOException("The system cannot find the path specified."))).RunAsync(CancellationToken.None))
            .Of(FieldFacts.WsusUtilTempFolder);

        Assert.AreEqual(CheckStatus.Missing, finding.Status);
    }

    [TestMethod]
    public async Task RunAsync_WsusNotInstalled_NotApplicable()
    {
        var findings = await new WsusUtilTempFolderCheck(FakeWsus.NotInstalled(), new Volume(new AssertFailedException("must not inspect"))).RunAsync(CancellationToken.None);

        Assert.AreEqual(CheckStatus.NotApplicable, findings.Of(FieldFacts.WsusUtilTempFolder).Status);
    }

    [TestMethod]
    public void MinimumFree_IsWhatAFirstExportStages()
    {
        Assert.AreEqual(WsusUtilTempSpace.Estimate(WsusUtilOperation.Export, "export.xml.gz", null).Bytes, FieldFacts.MinimumWsusUtilTempFreeBytes);
    }

    internal sealed class Volume : IVolumeInspector
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
