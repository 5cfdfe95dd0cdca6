namespace CMDisconnectedSync.Lab.WsusUtil;

/// <summary>How the lab wsusutil misbehaves on cue, to exercise every rule of the wsusutil runner.</summary>
internal enum LabFault
{
    /// <summary>Behave like a successful wsusutil.</summary>
    None,

    /// <summary>Do the work, then exit with code 1 (clean log, good package): only the exit-code rule catches it.</summary>
    ExitCode,

    /// <summary>Do the work and exit 0, but write an error line to the log: only the log rule catches it.</summary>
    ErrorLine,

    /// <summary>Leave a zero-byte package, clean log, exit 0 (the field's "zero-size export" bug): only the package rule catches it.</summary>
    EmptyPackage,

    /// <summary>Start, write the first log line, then hang until killed.</summary>
    Hang,
}

/// <summary>
/// Where the cue comes from: the environment variable <see cref="EnvironmentVariable"/>, or else a control file named
/// <see cref="ControlFileName"/> in the package's folder (so a running lab can be told to fail without restarting
/// its parent). Values: <c>exit-code</c>, <c>error-line</c>, <c>empty-package</c>, <c>hang</c>; empty or <c>none</c> behaves.
/// </summary>
internal static class LabFaultCue
{
    public const string EnvironmentVariable = "WSUSUTIL_LAB_FAULT";
    public const string ControlFileName = "wsusutil-lab.fault";

    public static LabFault Read(string packagePath)
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

    public static LabFault Parse(string? cue) => (cue ?? string.Empty).Trim().ToUpperInvariant() switch
    {
        "" or "NONE" => LabFault.None,
        "EXIT-CODE" => LabFault.ExitCode,
        "ERROR-LINE" => LabFault.ErrorLine,
        "EMPTY-PACKAGE" => LabFault.EmptyPackage,
        "HANG" => LabFault.Hang,
        var other => throw new ArgumentException($"Unknown {EnvironmentVariable} cue '{other}'. Use exit-code, error-line, empty-package, hang or none."),
    };
}
