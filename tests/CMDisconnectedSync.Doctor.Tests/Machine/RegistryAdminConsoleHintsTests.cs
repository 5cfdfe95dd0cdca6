using CMDisconnectedSync.ConfigMgr.ConsoleInstallation;
using CMDisconnectedSync.Doctor.Machine;

namespace CMDisconnectedSync.Doctor.Tests.Machine;

[TestClass]
public sealed class RegistryAdminConsoleHintsTests
{
    private readonly Dictionary<string, string> _environment = [];
    private readonly Dictionary<(RegistryRoot, string, string), string> _registry = [];

    private RegistryAdminConsoleHints CreateSut() => new(new Environment(_environment), new Registry(_registry));

    [TestMethod]
    public void SmsAdminUiPath_VariableSet_IsTheVariableTheSdkLocatorReads()
    {
        _environment[ConfigMgrConsoleLocator.AdminUiPathVariable] = @"C:\Program Files (x86)\Microsoft Configuration Manager\AdminConsole\bin\i386";

        Assert.AreEqual(@"C:\Program Files (x86)\Microsoft Configuration Manager\AdminConsole\bin\i386", CreateSut().SmsAdminUiPath);
    }

    [TestMethod]
    public void RegistryUiInstallationDirectory_SetupValuePresent_ReadsItFromLocalMachine()
    {
        _registry[(RegistryRoot.LocalMachine, @"SOFTWARE\Microsoft\ConfigMgr10\Setup", "UI Installation Directory")] = @"D:\ConfigMgr\AdminConsole\";

        Assert.AreEqual(@"D:\ConfigMgr\AdminConsole\", CreateSut().RegistryUiInstallationDirectory);
    }

    [TestMethod]
    public void Hints_NothingSet_AreNull()
    {
        var sut = CreateSut();

        Assert.IsNull(sut.SmsAdminUiPath);
        Assert.IsNull(sut.RegistryUiInstallationDirectory);
    }

    private sealed class Environment(Dictionary<string, string> variables) : IEnvironmentReader
    {
        public string? GetVariable(string name) => variables.TryGetValue(name, out var value) ? value : null;
    }

    private sealed class Registry(Dictionary<(RegistryRoot, string, string), string> values) : IRegistryReader
    {
        public string? GetString(RegistryRoot root, string keyPath, string valueName) =>
            values.TryGetValue((root, keyPath, valueName), out var value) ? value : null;
    }
}
