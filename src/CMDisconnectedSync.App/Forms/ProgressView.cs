using System.Drawing;
using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;

namespace CMDisconnectedSync.App.Forms;

/// <summary>Progress page: step list, current step and overall bars, bytes/rate/ETA, live SUP sync state.</summary>
internal sealed class ProgressView : PageView
{
    private readonly TransferProgressPage _page;
    private readonly ListView _steps;
    private readonly Label _current;
    private readonly ProgressBar _stepBar;
    private readonly ProgressBar _overallBar;
    private readonly Label _transfer;
    private readonly Label _sync;
    private readonly FailurePanel _message;

    public ProgressView(TransferProgressPage page)
        : base("Progress")
    {
        _page = page;
        _steps = Ui.DetailsList("Steps", ("Step", 380), ("Detail", 240));
        _steps.SmallImageList = Ui.StateImages();
        _steps.ShowItemToolTips = true;
        _current = Ui.Message("Current step");
        _current.Font = new Font(SystemFonts.MessageBoxFont, FontStyle.Bold);
        _stepBar = new ProgressBar { Dock = DockStyle.Fill, AccessibleName = "Current step progress", Maximum = 100 };
        _overallBar = new ProgressBar { Dock = DockStyle.Fill, AccessibleName = "Overall progress", Maximum = 100 };
        _transfer = Ui.Message("Bytes, rate and time left");
        _sync = Ui.Message("Software update point synchronization");
        _message = new FailurePanel("Run status", page.OpenLog);

        var layout = new TableLayoutPanel { Dock = DockStyle.Fill, ColumnCount = 2, RowCount = 7 };
        layout.ColumnStyles.Add(new ColumnStyle(SizeType.Absolute, 110));
        layout.ColumnStyles.Add(new ColumnStyle(SizeType.Percent, 100));
        layout.RowStyles.Add(new RowStyle(SizeType.Percent, 100));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 26));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 24));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 22));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 24));
        // Two lines for the sync state: a fully qualified update point name and a local time with its UTC offset
        // ("… Succeeded (6702) at 2026-12-07 16:11 UTC-08:00") outgrow one line (the UI walk's Los Angeles pass).
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 40));
        // Room for the failure's first lines (the step, what to do, the error) beside Open log and Copy details, while
        // the nine steps of an import still fit the list above without scrolling.
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 112));
        layout.Controls.Add(_steps, 0, 0);
        layout.SetColumnSpan(_steps, 2);
        layout.Controls.Add(_current, 0, 1);
        layout.SetColumnSpan(_current, 2);
        layout.Controls.Add(new Label { Text = "This step:", AutoSize = true, Margin = new Padding(3, 6, 3, 0) }, 0, 2);
        layout.Controls.Add(_stepBar, 1, 2);
        layout.Controls.Add(_transfer, 1, 3);
        layout.Controls.Add(new Label { Text = "Overall:", AutoSize = true, Margin = new Padding(3, 6, 3, 0) }, 0, 4);
        layout.Controls.Add(_overallBar, 1, 4);
        layout.Controls.Add(_sync, 0, 5);
        layout.SetColumnSpan(_sync, 2);
        layout.Controls.Add(_message, 0, 6);
        layout.SetColumnSpan(_message, 2);
        Controls.Add(layout);
    }

    public override Control FirstFocus => _steps;

    /// <summary>
    /// The Step column as wide as its longest title (a fixed width cut "Check the bundle (signature, signer, sequence,
    /// files)"), the Detail column the rest; a detail longer than that shows whole in its tooltip.
    /// </summary>
    private void FitStepColumn()
    {
        var widest = 0;
        foreach (ListViewItem item in _steps.Items)
        {
            widest = Math.Max(widest, TextRenderer.MeasureText(item.Text, _steps.Font).Width);
        }

        // The state icon, its gap and the cell's padding.
        var width = widest + (_steps.SmallImageList?.ImageSize.Width ?? 0) + 16;
        if (widest > 0 && _steps.Columns[0].Width != width)
        {
            _steps.Columns[0].Width = width;
            Ui.FitLastColumn(_steps);
        }
    }

    public override void Render()
    {
        _steps.BeginUpdate();
        var stopped = -1;
        for (var i = 0; i < _page.Steps.Count; i++)
        {
            var step = _page.Steps[i];
            if (step.State is StepState.Running or StepState.Failed or StepState.Cancelled)
            {
                stopped = i;
            }

            var title = step.Title.Length == 0 ? $"Step {step.Index}" : step.Title;
            var detail = step.State == StepState.Pending ? "waiting" : step.Detail ?? step.State.ToString();
            if (i >= _steps.Items.Count)
            {
                _steps.Items.Add(new ListViewItem(new[] { title, detail }));
            }

            var item = _steps.Items[i];
            item.Text = title;
            item.SubItems[1].Text = detail;
            item.ToolTipText = title + ": " + detail;
            item.ImageKey = Ui.ImageKey(step.State);
        }

        FitStepColumn();
        _steps.EndUpdate();
        // The step that runs, failed or was cancelled is scrolled into view when the list scrolls (an import with deployment
        // content has ten steps, and a failure's message takes the bottom of the page).
        if (stopped >= 0)
        {
            _steps.Items[stopped].EnsureVisible();
        }

        _current.Text = _page.CurrentStepTitle;
        if (_page.StepPercent is { } percent)
        {
            _stepBar.Style = ProgressBarStyle.Continuous;
            _stepBar.Value = Math.Max(0, Math.Min(100, percent));
        }
        else
        {
            _stepBar.Style = _page.IsActive ? ProgressBarStyle.Marquee : ProgressBarStyle.Continuous;
            _stepBar.Value = 0;
        }

        _overallBar.Value = Math.Max(0, Math.Min(100, _page.OverallPercent));
        _transfer.Text = string.Join("   ", new[] { _page.BytesText, _page.RateText, _page.RemainingText }.Where(s => s.Length > 0));
        _sync.Text = _page.SyncText;
        // A failure shows the whole message (scrollable) with Open log and Copy details; a failed Open log says why.
        var text = _page.LogError is { } logError ? _page.Message + Environment.NewLine + Environment.NewLine + logError : _page.Message;
        _message.Show(text, _page.State == RunState.Failed ? Ui.ErrorColor : SystemColors.ControlText, _page.FailureDetails, _page.CanOpenLog);
    }
}
