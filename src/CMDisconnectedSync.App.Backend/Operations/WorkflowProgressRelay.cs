using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Workflows;
using Ui = CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Backend.Operations;

/// <summary>
/// Joins a workflow's three progress streams (steps, bytes/files, sync status) into the one
/// <see cref="Ui.TransferProgress"/> stream the progress page shows: each byte or sync report is sent with the step
/// it belongs to. Reports arrive from worker threads; the wizard's <see cref="Progress{T}"/> marshals them to the UI,
/// so byte reports (one per buffer from parallel copiers) are thinned to one per <see cref="TransferInterval"/>:
/// more would only queue up on the UI thread. Step and sync reports always pass.
/// </summary>
internal sealed class WorkflowProgressRelay(IProgress<Ui.TransferProgress> target)
{
    public static readonly TimeSpan TransferInterval = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private readonly System.Diagnostics.Stopwatch _sinceTransferReport = System.Diagnostics.Stopwatch.StartNew();
    private StepReport? _step;
    private Bundles.TransferProgress? _transfer;

    public WorkflowProgress ToWorkflowProgress() => new(new Relay<StepReport>(OnStep), new Relay<Bundles.TransferProgress>(OnTransfer), new Relay<SyncProgress>(OnSync));

    private void OnStep(StepReport step)
    {
        lock (_gate)
        {
            if (_step is null || _step.Name != step.Name)
            {
                _transfer = null;
            }

            _step = step;
            target.Report(OperationsMapper.ToUi(step, _transfer, null));
        }
    }

    private void OnTransfer(Bundles.TransferProgress transfer)
    {
        lock (_gate)
        {
            _transfer = transfer;
            var last = transfer.BytesDone >= transfer.BytesTotal && transfer.FilesDone >= transfer.FilesTotal;
            if (_step is { } step && (last || _sinceTransferReport.Elapsed >= TransferInterval))
            {
                _sinceTransferReport.Restart();
                target.Report(OperationsMapper.ToUi(step, transfer, null));
            }
        }
    }

    private void OnSync(SyncProgress sync)
    {
        lock (_gate)
        {
            if (_step is { } step)
            {
                target.Report(OperationsMapper.ToUi(step, null, sync));
            }
        }
    }

    private sealed class Relay<T>(Action<T> handle) : IProgress<T>
    {
        public void Report(T value) => handle(value);
    }
}
