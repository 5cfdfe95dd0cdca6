using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

/// <summary>
/// A run that behaves like a journaled workflow: steps finished in an earlier call are reported AlreadyDone, the
/// step at <see cref="BlockAtStep"/> reports Running and then waits until cancelled (Cancelled, journaled) or released.
/// </summary>
internal sealed class JournaledRunScript
{
    private readonly string[] _titles;
    private readonly HashSet<int> _done = [];

    public JournaledRunScript(params string[] titles) => _titles = titles;

    /// <summary>1-based step that waits for cancellation; 0 runs straight through.</summary>
    public int BlockAtStep { get; set; }

    /// <summary>1-based step that throws <see cref="FailureAtStep"/>; 0 for none.</summary>
    public int FailAtStep { get; set; }

    public Exception FailureAtStep { get; set; } = new IOException("The media E:\\ was removed while writing content\\3A\\x.cab.");

    public List<int> StepsRun { get; } = [];

    public async Task<T> RunAsync<T>(IProgress<TransferProgress> progress, T result, CancellationToken cancellationToken)
    {
        for (var index = 1; index <= _titles.Length; index++)
        {
            var title = _titles[index - 1];
            if (_done.Contains(index))
            {
                progress.Report(A.Step(index, _titles.Length, StepState.AlreadyDone, title));
                continue;
            }

            StepsRun.Add(index);
            progress.Report(A.Step(index, _titles.Length, StepState.Running, title));
            if (index == FailAtStep)
            {
                FailAtStep = 0;
                progress.Report(A.Step(index, _titles.Length, StepState.Failed, title));
                throw FailureAtStep;
            }

            if (index == BlockAtStep)
            {
                BlockAtStep = 0;
                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
                {
                    await cancelled.Task;
                }

                progress.Report(A.Step(index, _titles.Length, StepState.Cancelled, title));
                cancellationToken.ThrowIfCancellationRequested();
            }

            _done.Add(index);
            progress.Report(A.Step(index, _titles.Length, StepState.Completed, title));
        }

        return result;
    }
}
