namespace CMDisconnectedSync.Preflight;

/// <summary>Outcome of one preflight check. Ordered by severity.</summary>
public enum PreflightStatus
{
    Pass,
    Warn,
    Fail,
}

/// <summary>One check's verdict, shown to the admin before anything changes.</summary>
/// <param name="Name">The check's name, e.g. "Elevated local Administrator".</param>
/// <param name="Status">Pass, warn or fail.</param>
/// <param name="Detail">What was found, with the server/path/value it was found on.</param>
/// <param name="FixHint">What the admin can do about a warning or failure; empty on pass.</param>
public sealed record PreflightCheckResult(string Name, PreflightStatus Status, string Detail, string FixHint)
{
    public static PreflightCheckResult Pass(string name, string detail) => new(name, PreflightStatus.Pass, detail, string.Empty);

    public static PreflightCheckResult Warn(string name, string detail, string fixHint) => new(name, PreflightStatus.Warn, detail, fixHint);

    public static PreflightCheckResult Fail(string name, string detail, string fixHint) => new(name, PreflightStatus.Fail, detail, fixHint);
}

/// <summary>A named, read-only check run before export or import. Checks never change anything.</summary>
public interface IPreflightCheck
{
    string Name { get; }

    Task<PreflightCheckResult> RunAsync(CancellationToken cancellationToken);
}
