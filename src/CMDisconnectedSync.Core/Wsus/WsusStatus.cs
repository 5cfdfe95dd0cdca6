namespace CMDisconnectedSync.Wsus;

/// <summary>One reading of the WSUS server's state (settings, last synchronization, whether one is running).</summary>
public sealed record WsusStatus(WsusSettings Settings, LastSynchronization LastSynchronization, bool IsSynchronizing);

/// <summary>
/// The settings that must match between the export and import servers (design.md §4).
/// </summary>
/// <param name="AllLanguages">WSUS downloads updates for every language (<c>AllUpdateLanguagesEnabled</c>).</param>
/// <param name="Languages">Enabled update languages, lower-case codes such as <c>en</c>, <c>de</c>, <c>pt-br</c>; sorted.</param>
/// <param name="ExpressFiles">Express installation files are downloaded (<c>DownloadExpressPackages</c>).</param>
/// <param name="IsReplica">The server is a replica of an upstream server (<c>IsReplicaServer</c>): it cannot take an import.</param>
public sealed record WsusSettings(bool AllLanguages, IReadOnlyList<string> Languages, bool ExpressFiles, bool IsReplica)
{
    /// <summary>The language setting as an admin reads it: <c>all</c> or <c>de, en</c>.</summary>
    public string DescribeLanguages() => AllLanguages ? "all" : Languages.Count == 0 ? "none" : string.Join(", ", Languages);
}

/// <summary>How the last WSUS synchronization ended (the admin API's <c>SynchronizationResult</c>, in our words).</summary>
public enum SynchronizationOutcome
{
    Never,
    Succeeded,
    Failed,
    Canceled,
    Unknown,
}

/// <summary>The last standalone WSUS synchronization (<c>GetSubscription().GetLastSynchronizationInfo()</c>).</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="StartTime">UTC start, null when it never ran.</param>
/// <param name="EndTime">UTC end, null when it never ran.</param>
/// <param name="Error">The API's error code name and text when it failed (empty otherwise).</param>
public sealed record LastSynchronization(SynchronizationOutcome Outcome, DateTimeOffset? StartTime, DateTimeOffset? EndTime, string Error)
{
    public static LastSynchronization Never { get; } = new(SynchronizationOutcome.Never, null, null, string.Empty);
}
