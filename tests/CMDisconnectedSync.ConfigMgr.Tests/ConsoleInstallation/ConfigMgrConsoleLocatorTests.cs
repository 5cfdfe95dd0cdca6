using CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

namespace CMDisconnectedSync.ConfigMgr.Tests.ConsoleInstallation;

[TestClass]
public sealed class ConfigMgrConsoleLocatorTests
{
    private readonly InMemoryEnvironment _environment = new();
    private readonly InMemoryRegistry _registry = new();
    private string _root = null!;

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("cmdsync-console-").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private ConfigMgrConsoleLocator CreateSut() => new(_environment, _registry, Serilog.Core.Logger.None);

    /// <summary>Lays out AdminConsole\bin\i386 with the two SDK files, as console setup does.</summary>
    private string InstallConsole(bool withSdk = true)
    {
        var bin = Path.Combine(_root, "AdminConsole", "bin");
        Directory.CreateDirectory(Path.Combine(bin, "i386"));
        if (withSdk)
        {
            File.WriteAllText(Path.Combine(bin, ConfigMgrConsoleLocator.ManagementProviderFile), "sdk");
            File.WriteAllText(Path.Combine(bin, ConfigMgrConsoleLocator.WqlQueryEngineFile), "sdk");
        }

        return bin;
    }

    [TestMethod]
    public void FindSdkFolder_SmsAdminUiPathSet_ReturnsItsParent()
    {
        var bin = InstallConsole();
        _environment.With("SMS_ADMIN_UI_PATH", Path.Combine(bin, "i386"));

        Assert.AreEqual(bin, CreateSut().FindSdkFolder());
    }

    [TestMethod]
    public void FindSdkFolder_OnlyRegistryInstallDirectory_ReturnsItsBinFolder()
    {
        var bin = InstallConsole();
        _registry.With(RegistryRoot.LocalMachine, @"SOFTWARE\Microsoft\ConfigMgr10\Setup", "UI Installation Directory",
            Path.Combine(_root, "AdminConsole"));

        Assert.AreEqual(bin, CreateSut().FindSdkFolder());
    }

    [TestMethod]
    public void FindSdkFolder_NoConsole_ThrowsConsoleNotInstalledWithWhatWasTried()
    {
        var error = Assert.ThrowsExactly<ConfigMgrException>(() => CreateSut().FindSdkFolder());

        Assert.AreEqual(ConfigMgrFailure.ConsoleNotInstalled, error.Failure);
        StringAssert.StartsWith(error.Message, "No ConfigMgr console is installed on ");
        StringAssert.Contains(error.Message, "SMS_ADMIN_UI_PATH is not set");
        StringAssert.Contains(error.Message, "UI Installation Directory");
    }

    [TestMethod]
    public void FindSdkFolder_ConsoleFolderWithoutSdkFiles_ThrowsNamingTheFolder()
    {
        var bin = InstallConsole(withSdk: false);
        _environment.With("SMS_ADMIN_UI_PATH", Path.Combine(bin, "i386"));

        var error = Assert.ThrowsExactly<ConfigMgrException>(() => CreateSut().FindSdkFolder());

        StringAssert.Contains(error.Message, bin + " has no Microsoft.ConfigurationManagement.ManagementProvider.dll");
    }

    [TestMethod]
    public void ResolveSiteServer_Given_ReturnsItTrimmed()
    {
        _registry.With(RegistryRoot.CurrentUser, @"Software\Microsoft\ConfigMgr10\AdminUI\MRU\1", "ServerName", "OTHER.corp.example");

        Assert.AreEqual("CM01.corp.example", CreateSut().ResolveSiteServer(" CM01.corp.example "));
    }

    [TestMethod]
    public void ResolveSiteServer_NotGiven_ReturnsTheConsolesLastConnection()
    {
        _registry.With(RegistryRoot.CurrentUser, @"Software\Microsoft\ConfigMgr10\AdminUI\MRU\1", "ServerName", "CM01.corp.example");

        Assert.AreEqual("CM01.corp.example", CreateSut().ResolveSiteServer(null));
    }

    // The console's own fallback when this user has no MRU entry (blog.bitsadmin.com "Living Off the Foreign Land",
    // 2023-08-15; vinaypamnani-msft/memlabs vmbuild/DSC/phases/Upgrade-Console.ps1 reads the same HKLM value).
    [TestMethod]
    public void ResolveSiteServer_NoRecentConnection_UsesTheConsolesDefaultConnection()
    {
        _registry.With(RegistryRoot.LocalMachine, @"SOFTWARE\WOW6432Node\Microsoft\ConfigMgr10\AdminUI\Connection", "Server", "CM01.corp.example ");

        Assert.AreEqual("CM01.corp.example", CreateSut().ResolveSiteServer(null));
    }

    [TestMethod]
    public void ResolveSiteServer_RecentAndDefaultConnection_PrefersTheRecentOneLikeTheConsole()
    {
        _registry.With(RegistryRoot.LocalMachine, @"SOFTWARE\WOW6432Node\Microsoft\ConfigMgr10\AdminUI\Connection", "Server", "CM-SETUP.corp.example");
        _registry.With(RegistryRoot.CurrentUser, @"Software\Microsoft\ConfigMgr10\AdminUI\MRU\1", "ServerName", "CM01.corp.example");

        Assert.AreEqual("CM01.corp.example", CreateSut().ResolveSiteServer(null));
    }

    [TestMethod]
    public void Read_RecentConnection_CarriesItsSiteCode()
    {
        _registry.With(RegistryRoot.CurrentUser, @"Software\Microsoft\ConfigMgr10\AdminUI\MRU\1", "ServerName", "CM01.corp.example");
        _registry.With(RegistryRoot.CurrentUser, @"Software\Microsoft\ConfigMgr10\AdminUI\MRU\1", "SiteCode", "PS1");

        var connection = ConsoleConnectionSettings.Read(_registry);

        Assert.AreEqual("CM01.corp.example", connection!.ServerName);
        Assert.AreEqual("PS1", connection.SiteCode);
    }

    [TestMethod]
    public void Read_OnlyDefaultConnection_HasNoSiteCode()
    {
        _registry.With(RegistryRoot.LocalMachine, @"SOFTWARE\WOW6432Node\Microsoft\ConfigMgr10\AdminUI\Connection", "Server", "CM01.corp.example");

        var connection = ConsoleConnectionSettings.Read(_registry);

        Assert.AreEqual(new ConsoleConnectionTarget("CM01.corp.example", null, connection!.Source), connection);
        StringAssert.Contains(connection.Source, @"HKLM\SOFTWARE\WOW6432Node\Microsoft\ConfigMgr10\AdminUI\Connection");
    }

    [TestMethod]
    public void ResolveSiteServer_NeitherGivenNorRecent_ThrowsAskingForSiteServer()
    {
        var error = Assert.ThrowsExactly<ConfigMgrException>(() => CreateSut().ResolveSiteServer(null));

        Assert.AreEqual(ConfigMgrFailure.SiteServerUnknown, error.Failure);
        StringAssert.Contains(error.Message, "--site-server");
        StringAssert.Contains(error.Message, @"MRU\1");
        StringAssert.Contains(error.Message, @"WOW6432Node\Microsoft\ConfigMgr10\AdminUI\Connection");
    }
}
