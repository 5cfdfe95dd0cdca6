using System.Windows.Forms;
using CMDisconnectedSync.App.Backend.Composition;
using CMDisconnectedSync.App.Forms;
using CMDisconnectedSync.App.Presentation.Content;
using CMDisconnectedSync.App.Presentation.Home;
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

        var banner = lab is null
            ? null
            : $"LAB: real export/import workflows on simulated WSUS servers and ConfigMgr site; nothing touches ConfigMgr or WSUS. Lab folder: {lab.Root}";
        var logViewer = new LogViewer(
            new ProcessLauncher(),
            _files,
            CmTraceLocations.Candidates(Environment.GetEnvironmentVariable),
            Environment.OSVersion.Platform == PlatformID.Win32NT ? "notepad.exe" : "xdg-open");

        IServerCheck serverCheck = lab is not null ? lab.ServerCheck : LocalServerCheck.Create(_clock, logger);
        var computer = ThisComputer();
        var session = new Session(
            request, operations, serverCheck, new SiteResolver(history), banner, logViewer, labDefaults,
            labDefaults?.ExportServerName ?? computer.DnsName ?? computer.NetBiosName);

        // Export works on this WSUS server and needs no site; the home window asks for one only when Import or Status opens.
        SiteTarget? site = null;
        if (request.Action is not (LaunchAction.Export or LaunchAction.Home))
        {
            site = ResolveOrAsk(session, owner: null);
            if (site is null)
            {
                return ExitCancelled;
            }
        }

        using var form = request.Action == LaunchAction.Home
            ? new HomeForm(new HomeWindow(session.ThisServer), banner, (home, command) => OpenFromHome(session, home, command))
            : CreateWindow(session, request.Action, site);
        using var pilot = request.AutoAdvance ? new AutoPilot(form, request.ScreenshotFolder, request.Action, request.Expect) : null;
        Application.Run(form);
        return pilot?.Failure is { } failure ? Fail(failure) : ExitOk;
    }

    /// <summary>The site from the command line or the console's last connection; otherwise the admin is asked (null: they cancelled).</summary>
    private static SiteTarget? ResolveOrAsk(Session session, IWin32Window? owner)
    {
        var resolution = session.Sites.Resolve(session.Request);
        if (resolution.Site is not null)
        {
            return resolution.Site;
        }

        using var prompt = new SitePromptForm(new SitePromptPresenter(), resolution.Message);
        return prompt.ShowDialog(owner) == DialogResult.OK ? prompt.ChosenSite : null;
    }

    /// <summary>A home-window button: the same window the console action opens, modal over the home window.</summary>
    private void OpenFromHome(Session session, HomeForm home, HomeCommand command)
    {
        home.Home.Report(string.Empty);
        if (command == HomeCommand.CheckThisServer)
        {
            // A known site (console connection) is checked too; without one (an export server outside the hierarchy)
            // the check runs as the export side and asks for nothing.
            var known = session.Sites.Resolve(session.Request).Site;
            using var check = new ServerCheckForm(new ServerCheckWindow(session.ServerCheck, known, new TextFileWriter()), session.Banner);
            check.ShowDialog(home);
            return;
        }

        var action = HomeWindow.ActionOf(command)!.Value;
        SiteTarget? site = null;
        if (action != LaunchAction.Export)
        {
            site = ResolveOrAsk(session, home);
            if (site is null)
            {
                home.Home.Report($"{command} needs the ConfigMgr site: no site server was entered, so it did not open.");
                return;
            }
        }

        using var window = CreateWindow(session, action, site);
        window.ShowDialog(home);
        if (window is WizardForm { Wizard: ExportWizard export })
        {
            home.Home.ExportClosed(export.Result);
        }
    }

    private Form CreateWindow(Session session, LaunchAction action, SiteTarget? site)
    {
        var lab = session.Lab;
        switch (action)
        {
            case LaunchAction.Export:
                var export = new ExportWizard(session.Operations, session.ThisServer, _files, _clock, new RunLog(session.LogViewer, _logPath));
                if (lab is not null)
                {
                    export.Options.TargetFolder = lab.ExportTargetFolder;
                    export.Options.Signing = SigningSource.PfxFile;
                    export.Options.PfxPath = lab.SigningPfxPath;
                }

                return WizardForm.ForExport(export, session.Banner, session.LogViewer);
            case LaunchAction.Import:
                var import = new ImportWizard(session.Operations, site!, _files, _clock, new RunLog(session.LogViewer, _logPath));
                import.Bundle.BundlePath = lab?.BundleToImport ?? import.Bundle.BundlePath;
                return WizardForm.ForImport(import, session.Banner);
            case LaunchAction.NextSteps:
                return new NextStepsForm(new NextStepsPage(session.Operations, site!), site!, session.Banner);
            case LaunchAction.RequestContent:
                return new ContentRequestForm(new ContentRequestDialog(session.Operations, site!, session.Request.GroupId), session.Banner);
            default:
                return new StatusForm(
                    new StatusWindow(session.Operations, site!, session.LogViewer, new ServerCheckWindow(session.ServerCheck, site, new TextFileWriter()), _clock),
                    session.Banner,
                    run => ResumeRun(run, session, site!));
        }
    }

    /// <summary>
    /// "Resume…" in the status window: the wizard of the run's kind with the run's bundle chosen (import), or its media
    /// folder (export); running it again resumes at the unfinished step (the journal skips what finished).
    /// </summary>
    private void ResumeRun(RunRecord run, Session session, SiteTarget site)
    {
        var bundle = run.BundlePath ?? string.Empty;
        WizardForm form;
        if (run.Kind == RunKind.Import)
        {
            var import = new ImportWizard(session.Operations, site, _files, _clock, new RunLog(session.LogViewer, _logPath));
            import.Bundle.BundlePath = bundle;
            form = WizardForm.ForImport(import, session.Banner);
        }
        else
        {
            // The export wrote into <target>\CMDS-<sequence>: the same target resumes that folder.
            var export = new ExportWizard(session.Operations, session.ThisServer, _files, _clock, new RunLog(session.LogViewer, _logPath));
            export.Options.TargetFolder = Path.GetDirectoryName(bundle) ?? string.Empty;
            if (session.Lab is { } lab)
            {
                export.Options.Signing = SigningSource.PfxFile;
                export.Options.PfxPath = lab.SigningPfxPath;
            }

            form = WizardForm.ForExport(export, session.Banner, session.LogViewer);
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

    /// <summary>What every window of this run is composed from.</summary>
    /// <param name="Request">The command line.</param>
    /// <param name="Operations">The backend (Windows, lab, or not connected).</param>
    /// <param name="ServerCheck">"Check this server".</param>
    /// <param name="Sites">Finds the site for Import, Next steps and Status.</param>
    /// <param name="Banner">The lab notice; null outside the lab.</param>
    /// <param name="LogViewer">Opens logs.</param>
    /// <param name="Lab">The lab's pre-filled choices; null outside the lab.</param>
    /// <param name="ThisServer">This (export) WSUS server's name: the lab export server, or this computer's DNS or NetBIOS name.</param>
    private sealed record Session(
        LaunchRequest Request,
        IDisconnectedSyncOperations Operations,
        IServerCheck ServerCheck,
        SiteResolver Sites,
        string? Banner,
        LogViewer LogViewer,
        LabWizardDefaults? Lab,
        string ThisServer);

    /// <summary>The lab's "last console connection": its one site.</summary>
    private sealed class FixedConnectionHistory(ConsoleConnection connection) : IConsoleConnectionHistory
    {
        public ConsoleConnection? GetLastConnection() => connection;
    }
}
