namespace CMDisconnectedSync.ConfigMgr;

/// <summary>What went wrong talking to ConfigMgr, so the CLI and the wizard can pick an exit code and a remedy.</summary>
public enum ConfigMgrFailure
{
    /// <summary>Something else failed; the message says what.</summary>
    OperationFailed,

    /// <summary>No ConfigMgr console (and therefore no ConfigMgr SDK) is installed on this computer.</summary>
    ConsoleNotInstalled,

    /// <summary>No site server was given and none could be found from the console's last connection.</summary>
    SiteServerUnknown,

    /// <summary>The SMS Provider could not be reached (name, network, firewall, WMI/DCOM).</summary>
    ProviderUnreachable,

    /// <summary>The account is not allowed to do this (ConfigMgr role-based administration or WMI/DCOM rights).</summary>
    AccessDenied,

    /// <summary>The SMS Provider's WMI quota was exceeded.</summary>
    ProviderQuotaExceeded,

    /// <summary>A category named on the command line does not exist, is ambiguous or cannot be subscribed.</summary>
    CategoryNotSubscribable,

    /// <summary>The site is not set up the way a disconnected site must be.</summary>
    SiteMisconfigured,
}

/// <summary>A ConfigMgr operation failed; the message names the server, what failed and what the admin can do.</summary>
public sealed class ConfigMgrException : Exception
{
    public ConfigMgrException(ConfigMgrFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public ConfigMgrException()
        : this(ConfigMgrFailure.OperationFailed, "A ConfigMgr operation failed.")
    {
    }

    public ConfigMgrException(string message)
        : this(ConfigMgrFailure.OperationFailed, message)
    {
    }

    public ConfigMgrException(string message, Exception innerException)
        : this(ConfigMgrFailure.OperationFailed, message, innerException)
    {
    }

    public ConfigMgrFailure Failure { get; }
}
