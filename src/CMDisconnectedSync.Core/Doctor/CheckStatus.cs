namespace CMDisconnectedSync.Doctor;

/// <summary>What <c>cmdsync doctor</c> found for one field assumption.</summary>
public enum CheckStatus
{
    /// <summary>The machine shows exactly what we expect.</summary>
    Confirmed,

    /// <summary>Something is there, but not the expected value (the finding names both).</summary>
    Differs,

    /// <summary>The thing we expect (registry value, file, console node, provider) is not there at all.</summary>
    Missing,

    /// <summary>Cannot be checked on this machine or through a documented interface; the detail says how to check by hand.</summary>
    NotApplicable,

    /// <summary>The check was refused (registry ACL, file ACL, ConfigMgr role-based administration, WMI/DCOM rights).</summary>
    AccessDenied,
}
