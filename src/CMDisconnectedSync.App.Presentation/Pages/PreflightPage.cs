using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Presentation.Pages;

/// <summary>
/// The preflight page: runs the checks, lists each with its status and fix hint, and lets the wizard continue only
/// when none failed (warnings do not block).
/// </summary>
public sealed class PreflightPage : ObservablePresenter
{
    private readonly IDisconnectedSyncOperations _operations;
    private readonly PreflightKind _kind;
    private readonly SiteTarget _site;

    public PreflightPage(IDisconnectedSyncOperations operations, PreflightKind kind, SiteTarget site)
    {
        _operations = operations ?? throw new ArgumentNullException(nameof(operations));
        _kind = kind;
        _site = site ?? throw new ArgumentNullException(nameof(site));
    }

    public IReadOnlyList<PreflightCheck> Checks { get; private set; } = [];

    public bool IsRunning { get; private set; }

    /// <summary>Why the checks could not run at all (not a failed check).</summary>
    public string? Error { get; private set; }

    public bool HasFailures => Checks.Any(c => c.Status == CheckStatus.Fail);

    public bool CanContinue => !IsRunning && Error is null && Checks.Count > 0 && !HasFailures;

    /// <summary>One line for the top of the page.</summary>
    public string Summary
    {
        get
        {
            if (IsRunning)
            {
                return $"Checking {_site.Describe()}…";
            }

            if (Error is not null)
            {
                return "The checks could not run.";
            }

            var failed = Checks.Count(c => c.Status == CheckStatus.Fail);
            var warnings = Checks.Count(c => c.Status == CheckStatus.Warn);
            var passed = Checks.Count(c => c.Status == CheckStatus.Pass);
            var verdict = failed > 0 ? "Fix the failed checks, then select Run checks again." : "Ready to continue.";
            return $"{passed} passed, {warnings} warning(s), {failed} failed. {verdict}";
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            return;
        }

        IsRunning = true;
        Error = null;
        Checks = [];
        RaiseChanged();
        Error = await FailureOfAsync(async () =>
        {
            Checks = await _operations.RunPreflightAsync(_kind, _site, cancellationToken);
        }, "The checks were cancelled.");

        IsRunning = false;
        RaiseChanged();
    }
}
