using CMDisconnectedSync.Processes;

namespace CMDisconnectedSync.Wsus.Tests.TestSupport;

/// <summary>
/// Stands in for a child process whose behaviour we cannot get on Linux (Windows PowerShell with the WSUS API): it
/// records each launch and answers with the outcome the test scripted, as the real runner would report it.
/// </summary>
internal sealed class ScriptedProcessRunner : IProcessRunner
{
    private readonly Queue<Func<ProcessLaunch, ProcessOutcome>> _answers = new();

    public List<ProcessLaunch> Launches { get; } = [];

    public ScriptedProcessRunner Answers(int exitCode, string standardOutput = "", string standardError = "", bool timedOut = false)
    {
        _answers.Enqueue(_ => new ProcessOutcome(exitCode, timedOut, standardOutput, standardError, TimeSpan.FromMilliseconds(850), 4242));
        return this;
    }

    public ScriptedProcessRunner CannotStart(string reason)
    {
        _answers.Enqueue(launch => throw new ProcessStartException($"Could not start {launch.FileName}: {reason}."));
        return this;
    }

    public Task<ProcessOutcome> RunAsync(ProcessLaunch launch, CancellationToken cancellationToken)
    {
        Launches.Add(launch);
        if (_answers.Count == 0)
        {
            throw new InvalidOperationException($"The test scripted no answer for {launch.Describe()}.");
        }

        return Task.FromResult(_answers.Dequeue()(launch));
    }
}
