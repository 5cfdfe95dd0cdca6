namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>Which side's preflight checks to run.</summary>
public enum PreflightKind
{
    Export,
    Import,
}

/// <summary>The outcome of one preflight check; mirrors Core's <c>Preflight.PreflightStatus</c> one-to-one.</summary>
public enum CheckStatus
{
    Pass,

    /// <summary>Not blocking, but the admin should read the detail.</summary>
    Warn,

    /// <summary>Blocks the run until fixed.</summary>
    Fail,
}

/// <summary>One preflight check as the admin reads it; mirrors Core's <c>Preflight.PreflightCheckResult</c>.</summary>
/// <param name="Name">What is checked, e.g. "Elevated local Administrator".</param>
/// <param name="Status">The outcome.</param>
/// <param name="Detail">What was found, naming the server/path/value.</param>
/// <param name="FixHint">What to do about a warning or failure; empty on pass.</param>
public sealed record PreflightCheck(string Name, CheckStatus Status, string Detail, string FixHint);
