using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

/// <summary>A scripted "Check this server" backend: records each request and answers with the findings the test set, or fails.</summary>
internal sealed class FakeServerCheck : IServerCheck
{
    public List<(ServerSide Side, SiteTarget? Site)> Requests { get; } = [];

    public IReadOnlyList<ServerFinding> Findings { get; set; } = [Finding("wsus.registry.setupKey", FindingStatus.Confirmed)];

    public Exception? Failure { get; set; }

    /// <summary>When set, the check waits for it (to observe the running state) before answering.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public static ServerFinding Finding(string id, FindingStatus status, string found = "found value", string detail = "") =>
        new(id, "WSUS", "assumption of " + id, status, found, "expected value", "source of " + id, detail);

    public async Task<ServerCheckReport> CheckAsync(ServerSide side, SiteTarget? site, CancellationToken cancellationToken)
    {
        Requests.Add((side, site));
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (Failure is { } failure)
        {
            throw failure;
        }

        var json = "{ \"machine\": \"SUP01\", \"findings\": " + Findings.Count + " }";
        return new ServerCheckReport("SUP01", side, new DateTimeOffset(2026, 11, 25, 10, 30, 5, TimeSpan.Zero), Findings, json,
            string.Join(Environment.NewLine, Findings.Select(f => f.Status + " " + f.Id)));
    }
}
