using System.Drawing;
using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.NextSteps;
using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Forms;

/// <summary>"Review new products and classifications…" on its own: the Next steps page with a Close button.</summary>
internal sealed class NextStepsForm : Form
{
    private readonly NextStepsPage _page;
    private readonly NextStepsView _view;
    private readonly CancellationTokenSource _lifetime = new();

    public NextStepsForm(NextStepsPage page, SiteTarget site, string? banner)
    {
        _page = page;
        Ui.PrepareForm(this, (banner is null ? string.Empty : "[LAB] ") + "Review new products and classifications: " + site.Describe(), new Size(820, 580));
        _view = new NextStepsView(page, () => $"New products and classifications on {site.Describe()} since the last import.", banner);
        var buttons = new FlowLayoutPanel { Dock = DockStyle.Bottom, Height = 46, FlowDirection = FlowDirection.RightToLeft, Padding = new Padding(8, 8, 12, 8) };
        var close = Ui.Button("Close", "Close");
        close.Click += (_, _) => Close();
        buttons.Controls.Add(close);
        Controls.Add(_view);
        Controls.Add(buttons);
        if (banner is not null)
        {
            Controls.Add(Ui.Banner(banner));
        }

        CancelButton = close;
        page.Changed += (_, _) => _view.Render();
        Shown += async (_, _) =>
        {
            _view.Render();
            await page.LoadAsync(_lifetime.Token);
        };
    }

    public NextStepsPage Page => _page;

    public NextStepsView View => _view;

    protected override void OnFormClosing(FormClosingEventArgs e)
    {
        if (e.CloseReason == CloseReason.UserClosing && _page.CloseQuestion is { } question && !Ui.Confirm(this, question))
        {
            e.Cancel = true;
            return;
        }

        _page.CancelFullSync();
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
