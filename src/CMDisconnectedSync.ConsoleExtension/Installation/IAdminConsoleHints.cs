namespace CMDisconnectedSync.ConsoleExtension.Installation;

/// <summary>Where Windows says the console is installed: read by a thin adapter, faked in tests.</summary>
public interface IAdminConsoleHints
{
    /// <summary>The <c>SMS_ADMIN_UI_PATH</c> environment variable (<c>…\AdminConsole\bin\i386</c>), or null.</summary>
    string? SmsAdminUiPath { get; }

    /// <summary>
    /// <c>HKLM\SOFTWARE\(Wow6432Node\)Microsoft\ConfigMgr10\Setup</c> value <c>UI Installation Directory</c> (the
    /// AdminConsole folder), or null. The key and value name are the ones community installers read, e.g. the Right Click
    /// Tools <c>install.ps1</c>.
    /// </summary>
    string? RegistryUiInstallationDirectory { get; }
}
