namespace CMDisconnectedSync.ConsoleExtension.Model;

/// <summary>What the wizard (<c>CMDisconnectedSync.exe</c>) is asked to do: its first command-line word.</summary>
public enum AppVerb
{
    Export,
    Import,
    NextSteps,
    Status,
}

public static class AppVerbs
{
    /// <summary>
    /// The word on the app's command line: <c>export|import|next-steps|status --site-server X --namespace ROOT\SMS\site_ABC --site-code Z --sup \\server</c>.
    /// </summary>
    public static string CommandLineWord(this AppVerb verb) => verb switch
    {
        AppVerb.Export => "export",
        AppVerb.Import => "import",
        AppVerb.NextSteps => "next-steps",
        AppVerb.Status => "status",
        _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, "Unknown app verb."),
    };
}
