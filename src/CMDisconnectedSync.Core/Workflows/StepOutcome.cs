namespace CMDisconnectedSync.Workflows;

/// <summary>What happened to a step in one run of <see cref="WorkflowRunner"/>.</summary>
public enum StepOutcome
{
    /// <summary>The step is about to run.</summary>
    Running,

    /// <summary>It finished in this run.</summary>
    Completed,

    /// <summary>It had finished in an earlier run (per the journal) and was not run again.</summary>
    AlreadyDone,

    /// <summary>It threw; the journal records why, and the next run starts here.</summary>
    Failed,

    /// <summary>It was cancelled; the next run starts here.</summary>
    Cancelled,
}
