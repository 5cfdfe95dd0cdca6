using System.Runtime.ExceptionServices;

namespace CMDisconnectedSync.Bundles;

/// <summary>Runs an async action over items with at most <see cref="Environment.ProcessorCount"/> in flight (works on net48).</summary>
internal static class BoundedParallel
{
    /// <summary>On the first failure the other workers stop, and that first failure (not a follow-on cancel) is rethrown.</summary>
    public static async Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        var next = -1;
        ExceptionDispatchInfo? firstFailure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        async Task Worker()
        {
            int index;
            while (!stop.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < items.Count)
            {
                try
                {
                    await body(items[index], stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && stop.IsCancellationRequested))
                {
                    Interlocked.CompareExchange(ref firstFailure, ExceptionDispatchInfo.Capture(ex), null);
                    stop.Cancel();
                }
            }
        }

        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(Environment.ProcessorCount, items.Count)))
            .Select(_ => Task.Run(Worker, CancellationToken.None));
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (firstFailure is not null || cancellationToken.IsCancellationRequested)
        {
            // Follow-on cancellations of sibling workers; the real cause is rethrown below.
        }

        firstFailure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Runs a synchronous <paramref name="body"/> over item numbers 0..<paramref name="count"/>-1 on at most
    /// <see cref="Environment.ProcessorCount"/> workers, in order of number, each worker with its own state (a
    /// buffer) made by <paramref name="createState"/> and handed to <paramref name="releaseState"/> at the end.
    /// Same failure rules as <see cref="ForEachAsync{T}"/>.
    /// </summary>
    public static async Task ForEachWorkerAsync<TState>(
        int count, Func<TState> createState, Action<TState, int, CancellationToken> body, Action<TState> releaseState, CancellationToken cancellationToken)
    {
        var next = -1;
        ExceptionDispatchInfo? firstFailure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void Worker()
        {
            var state = createState();
            try
            {
                int index;
                while (!stop.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < count)
                {
                    try
                    {
                        body(state, index, stop.Token);
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException && stop.IsCancellationRequested))
                    {
                        Interlocked.CompareExchange(ref firstFailure, ExceptionDispatchInfo.Capture(ex), null);
                        stop.Cancel();
                    }
                }
            }
            finally
            {
                releaseState(state);
            }
        }

        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(Environment.ProcessorCount, count)))
            .Select(_ => Task.Factory.StartNew(Worker, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (firstFailure is not null || cancellationToken.IsCancellationRequested)
        {
            // Follow-on cancellations of sibling workers; the real cause is rethrown below.
        }

        firstFailure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
