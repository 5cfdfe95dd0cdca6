using System.Windows.Forms;
using CMDisconnectedSync.App.Backend.Composition;
using CMDisconnectedSync.App.Forms;
using CMDisconnectedSync.App.Presentation.Host;
using CMDisconnectedSync.App.Presentation.Launch;
using CMDisconnectedSync.App.Presentation.Logs;
using CMDisconnectedSync.App.Presentation.NextSteps;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;
using CMDisconnectedSync.App.Presentation.Status;
using CMDisconnectedSync.App.Presentation.Wizards;
using CMDisconnectedSync.App.Testing;
using CMDisconnectedSync.App.Windows;
using CMDisconnectedSync.Logging;
using Serilog;
using Serilog.Events;

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
    private const string LogComponent = "CMDisconnectedSync";

    private readonly TimeProvider _clock = TimeProvider.System;
    private readonly IFileSystemProbe _files = new FileSystemProbe();
    private bool _testHookRun;
    private string _logPath = string.Empty;

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
        // The lab's servers are simulated, so a lab row action may name any of them.
        if (request.LabFolder is null && LocalServerGuard.Refusal(request, ThisComputer()) is { } refusal)
        {
            Report("CMDisconnectedSync: this action is for another server", refusal);
            return ExitBadCommandLine;
        }

        var logPath = CmTraceLog.DefaultPath(LogComponent);
        _logPath = logPath;
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        using var logger = new LoggerConfiguration().MinimumLevel.Debug().WriteToCmTraceFile(logPath, LogComponent, LogEventLevel.Debug).CreateLogger();
        if (request.LabFolder is not null && !LabSession.IsInstalled)
        {
            Report("CMDisconnectedSync: the demo lab is not installed",
                $"--lab needs {LabSession.LabAssemblyFile} beside {AppContext.BaseDirectory}, which a default install leaves out. "
                + "Add the demo lab with: msiexec /i CMDisconnectedSync.msi ADDLOCAL=Demo");
            return ExitBadCommandLine;
        }

        LabSession? lab;
        try
        {
            lab = request.LabFolder is null ? null : LabSession.Open(request.LabFolder, _clock, logger, logPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException or TypeLoadException)
        {
            Report("CMDisconnectedSync: the lab could not be opened", exception.Message);
            return ExitUnhandledError;
        }

        var labDefaults = lab?.Defaults;
        IDisconnectedSyncOperations operations = lab is not null ? lab.Operations
            : Environment.OSVersion.Platform == PlatformID.Win32NT ? WindowsBackend.Create(_clock, logger, logPath)
            : new NotConnectedOperations();
        IConsoleConnectionHistory history = labDefaults is null
            ? new RegistryConsoleConnectionHistory()
            : new FixedConnectionHistory(new ConsoleConnection(labDefaults.SiteServer, labDefaults.SiteCode));

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
            : $"LAB: real export/import workflows on simulated WSUS servers and ConfigMgr site; nothing touches ConfigMgr or WSUS. Lab folder: {lab.Root}";
        var logViewer = new LogViewer(
            new ProcessLauncher(),
            _files,
            CmTraceLocations.Candidates(Environment.GetEnvironmentVariable),
            Environment.OSVersion.Platform == PlatformID.Win32NT ? "notepad.exe" : "xdg-open");

        IServerCheck serverCheck = lab is not null ? lab.ServerCheck : LocalServerCheck.Create(_clock, logger);
        using var form = CreateWindow(request.Action, operations, serverCheck, site, banner, logViewer, labDefaults);
        using var pilot = request.AutoAdvance ? new AutoPilot(form, request.ScreenshotFolder, request.Action) : null;
        Application.Run(form);
        return pilot?.Failure is { } failure ? Fail(failure) : ExitOk;
    }

    private Form CreateWindow(
        LaunchAction action,
        IDisconnectedSyncOperations operations,
        IServerCheck serverCheck,
        SiteTarget site,
        string? banner,
        LogViewer logViewer,
        LabWizardDefaults? lab)
    {
        switch (action)
        {
            case LaunchAction.Export:
                var export = new ExportWizard(operations, site, _files, _clock, new RunLog(logViewer, _logPath));
                if (lab is not null)
                {
                    export.Options.TargetFolder = lab.ExportTargetFolder;
                    export.Options.Signing = SigningSource.PfxFile;
                    export.Options.PfxPath = lab.SigningPfxPath;
                }

                return WizardForm.ForExport(export, banner, logViewer);
            case LaunchAction.Import:
                var import = new ImportWizard(operations, site, _files, _clock, new RunLog(logViewer, _logPath));
                import.Bundle.BundlePath = lab?.BundleToImport ?? import.Bundle.BundlePath;
                return WizardForm.ForImport(import, banner);
            case LaunchAction.NextSteps:
                return new NextStepsForm(new NextStepsPage(operations, site), site, banner);
            default:
                return new StatusForm(
                    new StatusWindow(operations, site, logViewer, new ServerCheckWindow(serverCheck, site, new TextFileWriter()), _clock),
                    banner,
                    run => ResumeRun(run, operations, site, banner, logViewer, lab));
        }
    }

    /// <summary>
    /// "Resume…" in the status window: the wizard of the run's kind with the run's bundle chosen (import), or its media
    /// folder (export); running it again resumes at the unfinished step (the journal skips what finished).
    /// </summary>
    private void ResumeRun(RunRecord run, IDisconnectedSyncOperations operations, SiteTarget site, string? banner, LogViewer logViewer, LabWizardDefaults? lab)
    {
        var bundle = run.BundlePath ?? string.Empty;
        WizardForm form;
        if (run.Kind == RunKind.Import)
        {
            var import = new ImportWizard(operations, site, _files, _clock, new RunLog(logViewer, _logPath));
            import.Bundle.BundlePath = bundle;
            form = WizardForm.ForImport(import, banner);
        }
        else
        {
            // The export wrote into <target>\CMDS-<sequence>: the same target resumes that folder.
            var export = new ExportWizard(operations, site, _files, _clock, new RunLog(logViewer, _logPath));
            export.Options.TargetFolder = Path.GetDirectoryName(bundle) ?? string.Empty;
            if (lab is not null)
            {
                export.Options.Signing = SigningSource.PfxFile;
                export.Options.PfxPath = lab.SigningPfxPath;
            }

            form = WizardForm.ForExport(export, banner, logViewer);
        }

        using (form)
        {
            form.ShowDialog();
        }
    }

    /// <summary>This computer's NetBIOS name and, when it has a DNS domain, its FQDN.</summary>
    private static LocalComputer ThisComputer()
    {
        var properties = System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties();
        var dns = string.IsNullOrEmpty(properties.DomainName) ? null : properties.HostName + "." + properties.DomainName;
        return new LocalComputer(Environment.MachineName, dns);
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

    /// <summary>The lab's "last console connection": its one site.</summary>
    private sealed class FixedConnectionHistory(ConsoleConnection connection) : IConsoleConnectionHistory
    {
        public ConsoleConnection? GetLastConnection() => connection;
    }
}
