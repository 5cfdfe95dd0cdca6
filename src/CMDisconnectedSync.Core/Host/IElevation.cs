namespace CMDisconnectedSync.Host;

/// <summary>Who we run as. wsusutil export/import must run as a local Administrator, elevated (design.md §4).</summary>
public interface IElevation
{
    /// <summary>True when the process token is elevated and in the local Administrators group.</summary>
    bool IsElevatedAdministrator();
}
