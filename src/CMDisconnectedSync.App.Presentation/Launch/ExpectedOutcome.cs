namespace CMDisconnectedSync.App.Presentation.Launch;

/// <summary>
/// <c>--expect</c> (test hook, with <c>--auto-advance</c>): how the scenario a walk clicks through is meant to end, so a
/// failure page can be the subject of a walk instead of its failure.
/// </summary>
public enum ExpectedOutcome
{
    /// <summary><c>finished</c> (the default): every run the walk starts finishes; a failed or cancelled run fails the walk.</summary>
    Finished,

    /// <summary>
    /// <c>failure</c>: the run ends on its failure page, which the walk captures and checks (whole message, Open log,
    /// Copy details); a run that finishes fails the walk.
    /// </summary>
    Failure,

    /// <summary>
    /// <c>resumed</c> (status only): the status window lists an unfinished run, the walk selects it, clicks Resume… and
    /// walks the wizard that opens to a finished run, then looks at the status window again.
    /// </summary>
    Resumed,
}
