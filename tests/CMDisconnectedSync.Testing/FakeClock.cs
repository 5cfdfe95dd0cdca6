using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Testing;

/// <summary>Drives code that waits on a <see cref="FakeTimeProvider"/> to completion without real waiting.</summary>
public static class FakeClock
{
    /// <summary>
    /// Advances <paramref name="clock"/> by <paramref name="step"/> until <paramref name="task"/> completes, then
    /// returns its result. Fails after <paramref name="maxSteps"/> steps, so a wait that never ends fails the test
    /// instead of hanging it.
    /// </summary>
    public static async Task<T> RunAsync<T>(this FakeTimeProvider clock, Task<T> task, TimeSpan step, int maxSteps = 100_000)
    {
        _ = clock ?? throw new ArgumentNullException(nameof(clock));
        _ = task ?? throw new ArgumentNullException(nameof(task));
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            // Let the awaiting code register its next timer before the clock moves again.
            await Task.Delay(1).ConfigureAwait(false);
            if (!task.IsCompleted)
            {
                clock.Advance(step);
            }
        }

        if (!task.IsCompleted)
        {
            throw new TimeoutException($"The task did not complete within {maxSteps} fake-clock steps of {step}.");
        }

        return await task.ConfigureAwait(false);
    }
}
