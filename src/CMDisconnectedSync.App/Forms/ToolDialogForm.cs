using System.Drawing;
using System.Windows.Forms;

namespace CMDisconnectedSync.App.Forms;

/// <summary>
/// The frame the tool windows (trust a signer, check this server, status, content request, next steps) share: the title with
/// <c>[LAB]</c> and the lab banner above the content in the lab, a lifetime token that is cancelled when the window
/// closes (so a presenter's work in flight stops instead of updating a closed window), and the right-aligned button row.
/// </summary>
internal abstract class ToolDialogForm : Form
{
    private readonly CancellationTokenSource _lifetime = new();

    /// <param name="title">The window title, without the lab marker.</param>
    /// <param name="clientSize">The size the layout is designed for (the minimum is half of it).</param>
    /// <param name="banner">The lab notice, or null outside the lab.</param>
    protected ToolDialogForm(string title, Size clientSize, string? banner)
    {
        Banner = banner;
        Ui.PrepareForm(this, (banner is null ? string.Empty : "[LAB] ") + title, clientSize);
    }

    /// <summary>The lab notice, or null: passed on to the dialogs this window opens.</summary>
    protected string? Banner { get; }

    /// <summary>Cancelled when the window closes.</summary>
    protected CancellationToken Lifetime => _lifetime.Token;

    /// <summary>A row of buttons aligned right; the first one given is the rightmost.</summary>
    protected static FlowLayoutPanel ButtonRow(params Control[] rightToLeft)
    {
        var row = new FlowLayoutPanel { Dock = DockStyle.Fill, FlowDirection = FlowDirection.RightToLeft };
        row.Controls.AddRange(rightToLeft);
        return row;
    }

    /// <summary>
    /// Fills the window with <paramref name="content"/> (docked controls, innermost first, as WinForms docks them),
    /// under the lab banner in the lab.
    /// </summary>
    protected void SetContent(params Control[] content)
    {
        Controls.AddRange(content ?? throw new ArgumentNullException(nameof(content)));
        if (Banner is not null)
        {
            Controls.Add(Ui.Banner(Banner));
        }
    }

    protected override void OnFormClosing(FormClosingEventArgs e)
    {
        _lifetime.Cancel();
        base.OnFormClosing(e);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _lifetime.Dispose();
        }

        base.Dispose(disposing);
    }
}
