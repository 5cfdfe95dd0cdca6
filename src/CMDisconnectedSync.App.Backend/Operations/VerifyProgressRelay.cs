using Ui = CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Backend.Operations;

/// <summary>
/// The verifier's byte/file reports as the Verification page's <see cref="Ui.TransferProgress"/> (step <c>verify</c>),
/// thinned to one per <see cref="WorkflowProgressRelay.TransferInterval"/> like the progress page's relay: the
/// hashing workers report once per buffer, and more would only queue up on the UI thread. <see cref="Flush"/> sends
/// the last one, so the page ends at the true total.
/// </summary>
internal sealed class VerifyProgressRelay(IProgress<Ui.TransferProgress> target) : IProgress<Bundles.TransferProgress>
{
    public const string StepName = "verify";
    public const string StepTitle = "Verify every file's SHA-256";

    private readonly object _gate = new();
    private readonly System.Diagnostics.Stopwatch _sinceReport = System.Diagnostics.Stopwatch.StartNew();
    private Bundles.TransferProgress? _latest;
    private bool _sent = true;

    public void Report(Bundles.TransferProgress value)
    {
        lock (_gate)
        {
            _latest = value;
            _sent = false;
            if (_sinceReport.Elapsed >= WorkflowProgressRelay.TransferInterval)
            {
                Send();
            }
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            if (!_sent)
            {
                Send();
            }
        }
    }

    private void Send()
    {
        _sinceReport.Restart();
        _sent = true;
        var p = _latest!;
        target.Report(new Ui.TransferProgress(1, 1, StepName, StepTitle, Ui.StepState.Running, p.BytesDone, p.BytesTotal, p.FilesDone, p.FilesTotal, null));
    }
}
