namespace CMDisconnectedSync.App.Presentation.Wizards;

/// <summary>
/// The navigation every wizard shares: the current page, what Back/Next/Cancel do and say. Subclasses decide the
/// transitions; the form only renders <see cref="CurrentPage"/> and forwards the three buttons.
/// </summary>
public abstract class WizardPresenter : ObservablePresenter, IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private WizardPage _currentPage;

    public abstract string Title { get; }

    /// <summary>The pages in order, for the step list on the left of the window.</summary>
    public abstract IReadOnlyList<WizardPage> PageOrder { get; }

    public WizardPage CurrentPage
    {
        get => _currentPage;
        protected set
        {
            _currentPage = value;
            RaiseChanged();
        }
    }

    public abstract bool CanGoBack { get; }

    public abstract bool CanGoNext { get; }

    /// <summary>Text of the Next button: "Next", "Start export", "Resume", "Finish"…</summary>
    public abstract string NextLabel { get; }

    /// <summary>Text of the Cancel button: "Cancel" while there is something to cancel, "Close" after the end.</summary>
    public abstract string CancelLabel { get; }

    /// <summary>
    /// The yes/no question to ask before the window closes (Finish, Close or the window's X) because something the
    /// admin chose would be lost, e.g. ticked products not yet subscribed; null when nothing would be.
    /// </summary>
    public virtual string? CloseQuestion => null;

    /// <summary>True when Next finishes the wizard (and closes the window).</summary>
    public virtual bool NextFinishes => false;

    /// <summary>Set when the admin finished the wizard; the form closes.</summary>
    public bool IsFinished { get; protected set; }

    /// <summary>Cancelled when the window closes, stopping checks or loads still in flight.</summary>
    protected CancellationToken Lifetime => _lifetime.Token;

    public static string TitleOf(WizardPage page) => page switch
    {
        WizardPage.Preflight => "Preflight checks",
        WizardPage.ExportOptions => "Options",
        WizardPage.Progress => "Progress",
        WizardPage.ExportSummary => "Summary",
        WizardPage.ChooseBundle => "Choose bundle",
        WizardPage.Verification => "Verification",
        WizardPage.NextSteps => "Next steps",
        // Short enough for the step list beside the page (the Mono walk measured "Deployment content" wrapped there).
        WizardPage.DeploymentContent => "Content package",
        _ => page.ToString(),
    };

    /// <summary>Opens the first page (and starts what it runs, such as the preflight checks).</summary>
    public abstract Task StartAsync();

    public abstract Task GoNextAsync();

    public abstract void GoBack();

    /// <summary>
    /// Cancel/Close or the window's X. Returns true when the window may close now; false when a run was asked to stop
    /// and the page will say when it has (the window stays so the admin sees where it stopped).
    /// </summary>
    public bool RequestClose()
    {
        if (TryCancelRun())
        {
            return false;
        }

        _lifetime.Cancel();
        return true;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Asks a running export/import to stop; true when one was running (or is stopping).</summary>
    protected abstract bool TryCancelRun();

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _lifetime.Dispose();
        }
    }
}
