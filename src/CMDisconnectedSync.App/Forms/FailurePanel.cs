using System.Drawing;
using System.Windows.Forms;

namespace CMDisconnectedSync.App.Forms;

/// <summary>
/// What every failure page shows: the whole message in a scrollable read-only box (never cut off), and, when something
/// failed, "Open log" and "Copy details" (the full details, for a ticket or a mail).
/// </summary>
internal sealed class FailurePanel : UserControl
{
    private readonly TextBox _text;
    private readonly Button _openLog;
    private readonly Button _copy;
    private readonly FlowLayoutPanel _actions;
    private string _details = string.Empty;

    public FailurePanel(string accessibleName, Action openLog)
    {
        Dock = DockStyle.Fill;
        AccessibleName = accessibleName;
        _text = new TextBox
        {
            Multiline = true,
            ReadOnly = true,
            WordWrap = true,
            ScrollBars = ScrollBars.Vertical,
            BorderStyle = BorderStyle.None,
            BackColor = SystemColors.Control,
            Dock = DockStyle.Fill,
            AccessibleName = accessibleName,
            TabStop = true,
        };
        _openLog = Ui.Button("Open &log", "Open the log", 110);
        _openLog.Click += (_, _) => openLog();
        _copy = Ui.Button("&Copy details", "Copy the details to the clipboard", 120);
        _copy.Click += (_, _) => CopyDetails();
        _actions = new FlowLayoutPanel { Dock = DockStyle.Right, Width = 130, FlowDirection = FlowDirection.TopDown, WrapContents = false, Visible = false };
        _actions.Controls.Add(_openLog);
        _actions.Controls.Add(_copy);
        Controls.Add(_text);
        Controls.Add(_actions);
    }

    /// <summary>The text shown; <paramref name="details"/> (copied by "Copy details") non-empty shows the two buttons.</summary>
    public void Show(string text, Color color, string details, bool canOpenLog)
    {
        if (_text.Text != text)
        {
            _text.Text = text;
        }

        _text.ForeColor = color;
        // No empty scroll bar beside a running step: it scrolls when there is something to read.
        _text.ScrollBars = text.Length == 0 ? ScrollBars.None : ScrollBars.Vertical;
        _details = details;
        _actions.Visible = details.Length > 0;
        _openLog.Enabled = canOpenLog;
    }

    public void CopyDetails()
    {
        if (_details.Length > 0)
        {
            Clipboard.SetText(_details);
        }
    }
}
