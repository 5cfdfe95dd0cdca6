using CMDisconnectedSync.Host;

namespace CMDisconnectedSync.Preflight;

/// <summary>wsusutil export/import must run as a local Administrator, elevated (Microsoft's procedure, design.md §4).</summary>
public sealed class ElevatedAdministratorCheck(IElevation elevation) : IPreflightCheck
{
    public string Name => "Elevated local Administrator";

    public Task<PreflightCheckResult> RunAsync(CancellationToken cancellationToken) =>
        Task.FromResult(elevation.IsElevatedAdministrator()
            ? PreflightCheckResult.Pass(Name, "Running elevated as a member of the local Administrators group.")
            : PreflightCheckResult.Fail(Name, "Not running elevated as a local Administrator; wsusutil refuses to export or import without it.",
                "Start the console or command prompt with 'Run as administrator' using an account in the local Administrators group of this server."));
}
