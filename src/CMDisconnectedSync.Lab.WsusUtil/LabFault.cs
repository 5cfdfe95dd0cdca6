namespace CMDisconnectedSync.Lab.WsusUtil;

/// <summary>How the lab wsusutil misbehaves on cue, to exercise every rule of the wsusutil runner.</summary>
internal enum LabFault
{
    /// <summary>Behave like a successful wsusutil.</summary>
    None,

    /// <summary>Do the work, then exit with code 1 (clean log, good package): only the exit-code rule catches it.</summary>
    ExitCode,

    /// <summary>Do the work and exit 0, but write an <c>ImportError</c>/<c>ExportError</c> element to the log: only the log rule catches it.</summary>
    ErrorLine,

    /// <summary>Leave a zero-byte package, clean log, exit 0 (the field's "zero-size export" bug): only the package rule catches it.</summary>
    EmptyPackage,

    /// <summary>Start, then hang until killed (the log, still in %TEMP%, never reaches the log path).</summary>
    Hang,

    /// <summary>Do the work, then write a given file verbatim as the log and exit 0: replays a field log.</summary>
    ReplayLog,
}

/// <summary>A fault and, for <see cref="LabFault.ReplayLog"/>, the log file to replay.</summary>
internal sealed record LabCue(LabFault Fault, string? ReplayLogPath = null)
{
    public static readonly LabCue None = new(LabFault.None);
}

/// <summary>
/// Where the cue comes from: the environment variable <see cref="EnvironmentVariable"/>, or else a control file named
/// <see cref="ControlFileName"/> in the package's folder (so a running lab can be told to fail without restarting
/// its parent). Values: <c>exit-code</c>, <c>error-line</c>, <c>empty-package</c>, <c>hang</c>,
/// <c>replay-log:&lt;path&gt;</c>; empty or <c>none</c> behaves.
/// </summary>
internal static class LabFaultCue
{
    public const string EnvironmentVariable = "WSUSUTIL_LAB_FAULT";
    public const string ControlFileName = "wsusutil-lab.fault";
    public const string ReplayLogPrefix = "replay-log:";

    public static LabCue Read(string packagePath)
    {
        var cue = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(cue))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(packagePath)) ?? ".";
            var controlFile = Path.Combine(folder, ControlFileName);
            cue = File.Exists(controlFile) ? File.ReadAllText(controlFile) : null;
        }

        return Parse(cue);
    }

    public static LabCue Parse(string? cue)
    {
        var trimmed = (cue ?? string.Empty).Trim();
        if (trimmed.StartsWith(ReplayLogPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = trimmed.Substring(ReplayLogPrefix.Length).Trim();
            return path.Length > 0 && File.Exists(path)
                ? new LabCue(LabFault.ReplayLog, Path.GetFullPath(path))
                : throw new ArgumentException($"The {EnvironmentVariable} cue '{trimmed}' names no existing log file to replay. Give replay-log:<path of a wsusutil log>.");
        }

        return trimmed.ToUpperInvariant() switch
        {
            "" or "NONE" => LabCue.None,
            "EXIT-CODE" => new LabCue(LabFault.ExitCode),
            "ERROR-LINE" => new LabCue(LabFault.ErrorLine),
            "EMPTY-PACKAGE" => new LabCue(LabFault.EmptyPackage),
            "HANG" => new LabCue(LabFault.Hang),
            var other => throw new ArgumentException($"Unknown {EnvironmentVariable} cue '{other}'. Use exit-code, error-line, empty-package, hang, replay-log:<path> or none."),
        };
    }
}
