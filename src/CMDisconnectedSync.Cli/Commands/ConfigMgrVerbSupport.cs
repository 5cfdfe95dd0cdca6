using System.CommandLine;
using System.Globalization;
using CMDisconnectedSync.ConfigMgr;
using Serilog;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary>
/// What the ConfigMgr verbs (<c>categories …</c>, <c>sync</c>) share: the <c>--site-server</c> option, how to connect,
/// how a <see cref="ConfigMgrException"/> becomes a message and an exit code, and how results are written.
/// </summary>
public sealed class ConfigMgrVerbSupport
{
    public ConfigMgrVerbSupport(CommandContextFactory contexts, Func<ILogger, IConfigMgrSiteConnector> connectorFactory)
        : this(contexts, connectorFactory, TimeProvider.System)
    {
    }

    /// <param name="contexts">Creates the per-invocation context (output, logger).</param>
    /// <param name="connectorFactory">Connects to the site (the SDK adapter; a fake site in tests).</param>
    /// <param name="clock">Times the synchronization wait (a fake clock in tests).</param>
    public ConfigMgrVerbSupport(CommandContextFactory contexts, Func<ILogger, IConfigMgrSiteConnector> connectorFactory, TimeProvider clock)
    {
        Contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        ConnectorFactory = connectorFactory ?? throw new ArgumentNullException(nameof(connectorFactory));
        Clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    public TimeProvider Clock { get; }

    /// <summary>This computer's names: <c>sync</c> follows the status of the software update point on it (tests set others).</summary>
    public IReadOnlyCollection<string> ThisServerNames { get; init; } = CMDisconnectedSync.Host.ThisComputer.Names();

    public CommandContextFactory Contexts { get; }

    public Func<ILogger, IConfigMgrSiteConnector> ConnectorFactory { get; }

    public Option<string?> SiteServer { get; } = new("--site-server")
    {
        Description = "The SMS Provider server (usually the top-level site server). Default: the server the ConfigMgr console last connected to.",
        Recursive = true,
    };

    /// <summary>Where category snapshots are kept between runs.</summary>
    internal AliasedOption<DirectoryInfo?> StateFolder { get; } = new(
        new Option<DirectoryInfo?>("--state")
        {
            Description = "State folder holding the category snapshot (default: %ProgramData%\\CMDisconnectedSync\\State).",
            Recursive = true,
        },
        "--state-folder");

    public static string DefaultStateFolder() => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "CMDisconnectedSync", "State");

    public string StateFolderOf(ParseResult parseResult) =>
        StateFolder.GetValue(parseResult)?.FullName ?? DefaultStateFolder();

    /// <summary>Runs a ConfigMgr verb: connects, runs <paramref name="body"/>, turns ConfigMgr failures into exit codes.</summary>
    public async Task<int> RunAsync(
        ParseResult parseResult,
        Func<CommandContext, IConfigMgrSite, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken)
    {
        _ = parseResult ?? throw new ArgumentNullException(nameof(parseResult));
        _ = body ?? throw new ArgumentNullException(nameof(body));
        using var context = Contexts.Create(parseResult);
        try
        {
            var connector = ConnectorFactory(context.Logger);
            var site = await connector.ConnectAsync(parseResult.GetValue(SiteServer), cancellationToken).ConfigureAwait(false);
            try
            {
                return await body(context, site, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                (site as IDisposable)?.Dispose();
            }
        }
        catch (ConfigMgrException ex)
        {
            return await FailAsync(context, ex, ExitCodeFor(ex.Failure)).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            return await FailAsync(context, ex, ExitCodes.Failure).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return await Workflows.WorkflowVerbSupport.CancelledAsync(context).ConfigureAwait(false);
        }
    }

    public static int ExitCodeFor(ConfigMgrFailure failure) => failure switch
    {
        ConfigMgrFailure.ConsoleNotInstalled => ExitCodes.ConfigMgrConsoleNotInstalled,
        ConfigMgrFailure.SiteServerUnknown => ExitCodes.ConfigMgrSiteServerUnknown,
        ConfigMgrFailure.ProviderUnreachable => ExitCodes.ConfigMgrProviderUnreachable,
        ConfigMgrFailure.AccessDenied => ExitCodes.ConfigMgrAccessDenied,
        ConfigMgrFailure.ProviderQuotaExceeded => ExitCodes.ConfigMgrProviderQuotaExceeded,
        ConfigMgrFailure.CategoryNotSubscribable => ExitCodes.ConfigMgrCategoryNotSubscribable,
        ConfigMgrFailure.SiteMisconfigured => ExitCodes.ConfigMgrSiteMisconfigured,
        _ => ExitCodes.Failure,
    };

    public static int ExitCodeFor(SyncOutcomeKind outcome) => outcome switch
    {
        SyncOutcomeKind.Succeeded or SyncOutcomeKind.SucceededWithPendingLicenseTerms => ExitCodes.Success,
        SyncOutcomeKind.Failed => ExitCodes.ConfigMgrSyncFailed,
        SyncOutcomeKind.ContentOutOfSync => ExitCodes.ConfigMgrContentOutOfSync,
        _ => ExitCodes.ConfigMgrSyncTimedOut,
    };

    public static Task WriteJsonAsync(CommandContext context, object result)
    {
        _ = context ?? throw new ArgumentNullException(nameof(context));
        return context.Output.WriteLineAsync(Workflows.WorkflowVerbSupport.ToJson(result));
    }

    /// <summary>Waits for a synchronization, printing each new state on standard error, and reports the outcome.</summary>
    public async Task<int> SyncAndReportAsync(
        CommandContext context, IConfigMgrSite site, bool fullSync, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _ = context ?? throw new ArgumentNullException(nameof(context));
        _ = site ?? throw new ArgumentNullException(nameof(site));
        var finding = SyncSourceCheck.Evaluate(await site.GetSyncSourceAsync(cancellationToken).ConfigureAwait(false), site.SiteCode);
        if (!finding.IsOk)
        {
            context.FileLogger.Warning("{Message} Fix: {Fix}", finding.Message, finding.Fix);
            await context.Error.WriteLineAsync($"WARNING: {finding.Message}{Environment.NewLine}  Fix: {finding.Fix}").ConfigureAwait(false);
        }

        var sups = await site.GetSoftwareUpdatePointsAsync(cancellationToken).ConfigureAwait(false);
        var sup = SyncSourceSoftwareUpdatePoint.Select(sups, site.SiteCode, site.ProviderServer, ThisServerNames);

        var waiter = new SupSyncWaiter(Clock, context.Logger);
        var request = new SyncRequest(fullSync, timeout, SyncRequest.DefaultPollInterval);
        var outcome = await waiter.SyncNowAndWaitAsync(site, sup, request, new StateChangePrinter(context), cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            await WriteJsonAsync(context, new
            {
                result = outcome.IsSuccess ? "synchronized" : "failed",
                exitCode = ExitCodeFor(outcome.Kind),
                site.SiteCode,
                site.ProviderServer,
                SyncSource = finding,
                outcome.Kind,
                outcome.IsSuccess,
                SoftwareUpdatePoint = outcome.SoftwareUpdatePoint.ServerName,
                outcome.FinalStatus,
                ElapsedSeconds = (long)outcome.Elapsed.TotalSeconds,
                outcome.Message,
                log = context.LogPath,
            }).ConfigureAwait(false);
        }
        else
        {
            var writer = outcome.IsSuccess ? context.Output : context.Error;
            await writer.WriteLineAsync(outcome.Message).ConfigureAwait(false);
        }

        return ExitCodeFor(outcome.Kind);
    }

    // The admin sees the message once (one line on standard error, or the --json failure object); the stack trace goes
    // to the log file only.
    private static Task<int> FailAsync(CommandContext context, Exception exception, int exitCode) =>
        Task.FromResult(context.Fail(exitCode, exception.Message, exception));

    /// <summary>Prints a line whenever the synchronization's state changes (not on every poll).</summary>
    private sealed class StateChangePrinter(CommandContext context) : IProgress<SyncProgress>
    {
        private int? _lastState;

        public void Report(SyncProgress value)
        {
            if (value.Status is not { } status || !value.IsAfterTrigger || status.StateMessageId == _lastState)
            {
                return;
            }

            _lastState = status.StateMessageId;
            context.Error.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "  {0:hh\\:mm\\:ss}  {1} {2} on {3}", value.Elapsed, status.StateMessageId, status.State, status.WsusServerName));
        }
    }
}
