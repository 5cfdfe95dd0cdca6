namespace CMDisconnectedSync.Workflows;

/// <summary>What happened to a workflow step, as recorded in its <see cref="WorkflowJournal"/>.</summary>
public enum JournalEvent
{
    Started,
    Completed,
    Failed,
}
