using System.Windows.Forms;

namespace CMDisconnectedSync.App.Forms;

/// <summary>
/// The import wizard's last page: the next steps (<see cref="NextStepsView"/>, shared with the console's next-steps
/// window) with, above them, what the import put into a deployment package when the bundle carried deployment content
/// (issue 18). Nothing is added for a bundle that carries none.
/// </summary>
internal sealed class ImportFinishView : PageView
{
    private readonly PageView _nextSteps;
    private readonly Func<string> _packageText;
    private readonly Label _package;

    public ImportFinishView(PageView nextSteps, Func<string> packageText)
        : base("Import finished")
    {
        _nextSteps = nextSteps;
        _packageText = packageText;
        Padding = Padding.Empty;
        _package = new Label
        {
            AutoSize = false,
            Dock = DockStyle.Top,
            Height = 0,
            Padding = new Padding(14, 8, 14, 0),
            AccessibleName = "Deployment package result",
            AccessibleRole = AccessibleRole.StaticText,
            Visible = false,
        };
        // The package's name and source can be long: the line takes the height its text needs.
        Ui.GrowWithText(_package, 4);
        Controls.Add(_nextSteps);
        Controls.Add(_package);
    }

    public override Control? FirstFocus => _nextSteps.FirstFocus;

    public override void Render()
    {
        _package.Text = _packageText();
        _package.Visible = _package.Text.Length > 0;
        _nextSteps.Render();
    }
}
