using System.Windows.Forms;
using CMDisconnectedSync.App.Forms;
using CMDisconnectedSync.App.Lab;
using CMDisconnectedSync.App.Presentation.Host;
using CMDisconnectedSync.App.Presentation.Launch;
using CMDisconnectedSync.App.Presentation.Logs;
using CMDisconnectedSync.App.Presentation.NextSteps;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Status;
using CMDisconnectedSync.App.Presentation.Wizards;
using CMDisconnectedSync.App.Testing;
using CMDisconnectedSync.App.Windows;

namespace CMDisconnectedSync.App;

/// <summary>
/// The composition root: parses the console action's command line, picks the backend, resolves the site and opens the
/// window for the action. The only place that knows which implementation of each seam is used.
/// </summary>
internal sealed class AppLauncher
{
    public const int ExitOk = 0;
    public const int ExitCancelled = 1;
    public const int ExitBadCommandLine = 2;
    public const int ExitUnhandledError = 3;

    private readonly TimeProvider _clock = TimeProvider.System;
    private readonly IFileSystemProbe _files = new FileSystemProbe();
    private bool _testHookRun;

    public int Run(string[] args)
    {
        var parsed = LaunchArguments.Parse(args);
        _testHookRun = parsed.Request?.AutoAdvance == true;
        InstallErrorHandlers();
        if (!parsed.IsValid)
        {
            var text = string.Join(Environment.NewLine, parsed.Errors) + Environment.NewLine + Environment.NewLine + LaunchArguments.Usage;
            Report("CMDisconnectedSync: the command line is not valid", text);
            return ExitBadCommandLine;
        }

        var request = parsed.Request!;
        LabBackend? lab = request.LabFolder is null ? null : LabBackend.Open(request.LabFolder, _clock);
        IDisconnectedSyncOperations operations = lab is null ? new NotConnectedOperations() : lab;
        IConsoleConnectionHistory history = lab is null ? new RegistryConsoleConnectionHistory() : lab;

        var resolution = new SiteResolver(history).Resolve(request);
        var site = resolution.Site;
        if (site is null)
        {
            using var prompt = new SitePromptForm(new SitePromptPresenter(), resolution.Message);
            if (prompt.ShowDialog() != DialogResult.OK || prompt.ChosenSite is null)
            {
                return ExitCancelled;
            }

            site = prompt.ChosenSite;
        }

        var banner = lab is null
            ? null
            : $"LAB BACKEND: simulated site and WSUS; nothing touches ConfigMgr or WSUS. Lab folder: {request.LabFolder}";
        var logViewer = new LogViewer(
            new ProcessLauncher(),
            _files,
            CmTraceLocations.Candidates(Environment.GetEnvironmentVariable),
            Environment.OSVersion.Platform == PlatformID.Win32NT ? "notepad.exe" : "xdg-open");

        using var form = CreateWindow(request.Action, operations, site, banner, logViewer, lab);
        using var pilot = request.AutoAdvance ? new AutoPilot(form, request.ScreenshotFolder, request.Action) : null;
        Application.Run(form);
        return pilot?.Failure is { } failure ? Fail(failure) : ExitOk;
    }

    private Form CreateWindow(
        LaunchAction action,
        IDisconnectedSyncOperations operations,
        SiteTarget site,
        string? banner,
        LogViewer logViewer,
        LabBackend? lab)
    {
        switch (action)
        {
            case LaunchAction.Export:
                var export = new ExportWizard(operations, site, _files, _clock);
                lab?.FillDefaults(export.Options);
                return WizardForm.ForExport(export, banner, logViewer);
            case LaunchAction.Import:
                var import = new ImportWizard(operations, site, _files, _clock);
                lab?.FillDefaults(import.Bundle);
                return WizardForm.ForImport(import, banner);
            case LaunchAction.NextSteps:
                return new NextStepsForm(new NextStepsPage(operations, site), site, banner);
            default:
                return new StatusForm(new StatusWindow(operations, site, logViewer), banner);
        }
    }

    private void InstallErrorHandlers()
    {
        Application.SetUnhandledExceptionMode(UnhandledExceptionMode.CatchException);
        Application.ThreadException += (_, e) => OnUnhandled(e.Exception);
        AppDomain.CurrentDomain.UnhandledException += (_, e) => OnUnhandled(e.ExceptionObject as Exception);
    }

    private void OnUnhandled(Exception? exception)
    {
        var text = exception?.ToString() ?? "unknown error";
        if (_testHookRun)
        {
            // The smoke test fails on this line; a dialog would hang an unattended run.
            Console.Error.WriteLine("CMDisconnectedSync: unhandled exception: " + text);
            Environment.Exit(ExitUnhandledError);
        }

        MessageBox.Show(
            "CMDisconnectedSync hit an error it did not expect:" + Environment.NewLine + Environment.NewLine + exception?.Message
            + Environment.NewLine + Environment.NewLine + "The current run's journal is kept; start the action again to resume.",
            "CMDisconnectedSync",
            MessageBoxButtons.OK,
            MessageBoxIcon.Error);
    }

    private void Report(string title, string text)
    {
        if (_testHookRun || !Environment.UserInteractive)
        {
            Console.Error.WriteLine(title + Environment.NewLine + text);
            return;
        }

        MessageBox.Show(text, title, MessageBoxButtons.OK, MessageBoxIcon.Error);
    }

    private static int Fail(string failure)
    {
        Console.Error.WriteLine("CMDisconnectedSync auto-advance: " + failure);
        return ExitUnhandledError;
    }
}
