using System.Drawing;
using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.NextSteps;
using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Forms;

/// <summary>"Review new products and classifications…" on its own: the Next steps page with a Close button.</summary>
internal sealed class NextStepsForm : ToolDialogForm
{
    private readonly NextStepsPage _page;
    private readonly NextStepsView _view;

    public NextStepsForm(NextStepsPage page, SiteTarget site, string? banner)
        : base("Review new products and classifications: " + site.Describe(), new Size(820, 580), banner)
    {
        _page = page;
        _view = new NextStepsView(page, () => $"New products and classifications on {site.Describe()} since the last import.", banner);
        var buttons = new FlowLayoutPanel { Dock = DockStyle.Bottom, Height = 46, FlowDirection = FlowDirection.RightToLeft, Padding = new Padding(8, 8, 12, 8) };
        var close = Ui.Button("Close", "Close");
        close.Click += (_, _) => Close();
        buttons.Controls.Add(close);
        SetContent(_view, buttons);

        CancelButton = close;
        page.Changed += (_, _) => _view.Render();
        Shown += async (_, _) =>
        {
            _view.Render();
            await page.LoadAsync(Lifetime);
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
        base.OnFormClosing(e);
    }
}
