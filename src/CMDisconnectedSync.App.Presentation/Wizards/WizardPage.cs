namespace CMDisconnectedSync.App.Presentation.Wizards;

/// <summary>The pages the wizards are made of; the view shows one control per value.</summary>
public enum WizardPage
{
    Preflight,
    ExportOptions,
    Progress,
    ExportSummary,
    ChooseBundle,
    Verification,
    NextSteps,
    DeploymentContent,
}
