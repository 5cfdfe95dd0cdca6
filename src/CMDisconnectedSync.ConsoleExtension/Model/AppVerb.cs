namespace CMDisconnectedSync.ConsoleExtension.Model;

/// <summary>What the wizard (<c>CMDisconnectedSync.exe</c>) is asked to do: its first command-line word.</summary>
public enum AppVerb
{
    Export,
    Import,
    NextSteps,
    Status,

    /// <summary>"Request content for this group…": the content request dialog (issue 18).</summary>
    RequestContent,
}

public static class AppVerbs
{
    /// <summary>
    /// The word on the app's command line: <c>export|import|next-steps|status|request-content --site-server X --namespace ROOT\SMS\site_ABC --site-code Z --sup \\server</c>.
    /// </summary>
    public static string CommandLineWord(this AppVerb verb) => verb switch
    {
        AppVerb.Export => "export",
        AppVerb.Import => "import",
        AppVerb.NextSteps => "next-steps",
        AppVerb.Status => "status",
        AppVerb.RequestContent => "request-content",
        _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, "Unknown app verb."),
    };
}
