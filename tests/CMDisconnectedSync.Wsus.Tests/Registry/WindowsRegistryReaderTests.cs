using CMDisconnectedSync.Wsus.Registry;

namespace CMDisconnectedSync.Wsus.Tests.Registry;

/// <summary>The real registry reader: runs on Windows, reports Inconclusive elsewhere (never a silent pass).</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class WindowsRegistryReaderTests
{
    [TestMethod]
    public void ReadLocalMachineKey_KeyPresentOnEveryWindows_ReturnsItsValues()
    {
        if (!OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Needs the Windows registry.");
            return;
        }

        var values = new WindowsRegistryReader().ReadLocalMachineKey(@"SOFTWARE\Microsoft\Windows NT\CurrentVersion");

        Assert.IsNotNull(values);
        Assert.IsInstanceOfType<string>(values["ProductName"]);
    }

    [TestMethod]
    public void ReadLocalMachineKey_MissingKey_ReturnsNull()
    {
        if (!OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Needs the Windows registry.");
            return;
        }

        Assert.IsNull(new WindowsRegistryReader().ReadLocalMachineKey(@"SOFTWARE\CMDisconnectedSync\NoSuchKey-" + Guid.NewGuid().ToString("N")));
    }
}
