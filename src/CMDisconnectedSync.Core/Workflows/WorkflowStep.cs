namespace CMDisconnectedSync.Workflows;

/// <summary>
/// One resumable step of a workflow. <see cref="Name"/> is its key in the journal (stable across releases);
/// <see cref="Title"/> is what the admin reads. The action must be safe to run again after it was interrupted
/// (the journal then shows it started but not completed); the string it returns is stored as the completion detail,
/// for later steps that need what it produced.
/// </summary>
public sealed class WorkflowStep
{
    public WorkflowStep(string name, string title, Func<CancellationToken, Task<string?>> action)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(title))
        {
            throw new ArgumentException("A workflow step needs a journal name and a title.");
        }

        Name = name;
        Title = title;
        Action = action ?? throw new ArgumentNullException(nameof(action));
    }

    public string Name { get; }

    public string Title { get; }

    public Func<CancellationToken, Task<string?>> Action { get; }
}
