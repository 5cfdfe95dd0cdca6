using System.CommandLine;
using CMDisconnectedSync.ConfigMgr;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary>
/// <c>cmdsync sync [--full] [--sync-timeout]</c>: triggers a ConfigMgr software update synchronization on the top-level
/// software update point and waits for its result (6702 / 6703 / 6707 / 6708), after checking the sync source.
/// </summary>
public static class SyncCommand
{
    public static Command Create(ConfigMgrVerbSupport support)
    {
        _ = support ?? throw new ArgumentNullException(nameof(support));
        var full = new Option<bool>("--full") { Description = "Run a full synchronization (after subscribing to new products or classifications)." };
        var timeout = new AliasedOption<TimeSpan>(
            Duration.CreateOption("--sync-timeout", "How long to wait for the result; the synchronization keeps running on the site after a timeout.", SyncRequest.DefaultTimeout),
            "--timeout");
        var command = new Command("sync", HelpText.WithExamples(
            "Synchronize ConfigMgr software updates from the local WSUS (SyncNow) and wait for the result.",
            "cmdsync sync --site-server CM01.corp.example",
            "cmdsync sync --full --sync-timeout 2h --json"));
        command.Options.Add(full);
        timeout.AddTo(command);
        command.Options.Add(support.SiteServer);
        command.SetAction((parseResult, cancellationToken) => support.RunAsync(
            parseResult,
            (context, site, token) => support.SyncAndReportAsync(
                context, site, parseResult.GetValue(full), timeout.GetValue(parseResult), token),
            cancellationToken));
        return command;
    }
}
