#if NET
using System.Runtime.InteropServices;
#endif

namespace CMDisconnectedSync.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT on Linux) into cancellation of <see cref="Token"/> from the moment it is created, for the whole
/// invocation. System.CommandLine installs its own Ctrl+C handler only after the verb's action has returned its task,
/// that is after the action's first asynchronous wait (InvocationPipeline starts the action, then creates its
/// ProcessTerminationHandler; source: github.com/dotnet/command-line-api, src/System.CommandLine/Invocation/InvocationPipeline.cs).
/// A verb that works synchronously up to that point (loading the certificate, scanning WsusContent, starting wsusutil)
/// was otherwise ended by the default Ctrl+C action: exit code 130 instead of 3, and wsusutil left running as an
/// orphan. The first Ctrl+C cancels (the verb stops wsusutil, journals the step and exits 3); a second one, once the
/// token is already cancelled, is left to System.CommandLine's handler and the default action, which end the process.
/// </summary>
internal sealed class CtrlCListener : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly object _gate = new();
    private bool _disposed;
#if NET
    // The same registration System.CommandLine uses on .NET (it leaves the terminal alone, unlike Console.CancelKeyPress).
    private readonly PosixSignalRegistration _registration;

    public CtrlCListener()
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            if (Cancel())
            {
                context.Cancel = true;
            }
        });
    }
#else
    public CtrlCListener()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
    }
#endif

    public CancellationToken Token => _cancellation.Token;

    public void Dispose()
    {
#if NET
        _registration.Dispose();
#else
        Console.CancelKeyPress -= OnCancelKeyPress;
#endif
        lock (_gate)
        {
            // The signal arrives on another thread: never cancel a disposed source.
            _disposed = true;
            _cancellation.Dispose();
        }
    }

#if !NET
    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (Cancel())
        {
            e.Cancel = true;
        }
    }
#endif

    /// <summary>
    /// Cancels on the first Ctrl+C and says so: true keeps the process running to stop in order. False never resets what
    /// another handler of the same signal decided (they share one context): after this listener is disposed, System.CommandLine's
    /// handler may still be waiting for the verb on the same signal, and a false here would end the process with 130.
    /// </summary>
    private bool Cancel()
    {
        lock (_gate)
        {
            if (_disposed || _cancellation.IsCancellationRequested)
            {
                return false;
            }

            _cancellation.Cancel();
            return true;
        }
    }
}
