using System.CommandLine;
using CMDisconnectedSync.ConfigMgr;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary>
/// <c>cmdsync sync [--full] [--timeout]</c>: triggers a ConfigMgr software update synchronization on the top-level
/// software update point and waits for its result (6702 / 6703 / 6707 / 6708), after checking the sync source.
/// </summary>
public static class SyncCommand
{
    public static Command Create(ConfigMgrVerbSupport support)
    {
        _ = support ?? throw new ArgumentNullException(nameof(support));
        var full = new Option<bool>("--full") { Description = "Run a full synchronization (after subscribing to new products or classifications)." };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long to wait for the result, as hh:mm:ss (default 01:00:00). The synchronization keeps running on the site after a timeout.",
            DefaultValueFactory = _ => SyncRequest.DefaultTimeout,
        };
        var command = new Command("sync", "Synchronize ConfigMgr software updates from the local WSUS (SyncNow) and wait for the result.");
        command.Options.Add(full);
        command.Options.Add(timeout);
        command.Options.Add(support.SiteServer);
        command.SetAction((parseResult, cancellationToken) => support.RunAsync(
            parseResult,
            (context, site, token) => support.SyncAndReportAsync(
                context, site, parseResult.GetValue(full), parseResult.GetValue(timeout), token),
            cancellationToken));
        return command;
    }
}
