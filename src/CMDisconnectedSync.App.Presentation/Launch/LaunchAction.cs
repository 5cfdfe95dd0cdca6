namespace CMDisconnectedSync.App.Presentation.Launch;

/// <summary>The console actions the app is launched for (first command-line argument).</summary>
public enum LaunchAction
{
    Export,
    Import,

    /// <summary>"Review new products and classifications…": the Next steps page on its own.</summary>
    NextSteps,
    Status,

    /// <summary>"Request content for this group…" (console) / "Request content for these updates…" (Next steps): the content request dialog.</summary>
    RequestContent,

    /// <summary>The Start-menu entry: the home window with Export…, Import…, Status and Check this server.</summary>
    Home,
}
