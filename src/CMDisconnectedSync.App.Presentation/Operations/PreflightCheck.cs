namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>Which side's preflight checks to run.</summary>
public enum PreflightKind
{
    Export,
    Import,
}

/// <summary>The result of one preflight check.</summary>
public enum CheckStatus
{
    Passed,

    /// <summary>Not blocking, but the admin should read the detail.</summary>
    Warning,

    /// <summary>Blocks the run until fixed.</summary>
    Failed,

    /// <summary>Not applicable here (e.g. a what-if run).</summary>
    Skipped,
}

/// <summary>One preflight check as the admin reads it.</summary>
/// <param name="Id">Stable key, e.g. <c>wsus.languages-match</c>.</param>
/// <param name="Title">What is checked, e.g. "WSUS languages match the export server".</param>
/// <param name="Status">The outcome.</param>
/// <param name="Detail">What was found, naming the server/file.</param>
/// <param name="FixHint">What to do when it is not <see cref="CheckStatus.Passed"/>; null when nothing is needed.</param>
public sealed record PreflightCheck(string Id, string Title, CheckStatus Status, string Detail, string? FixHint);
