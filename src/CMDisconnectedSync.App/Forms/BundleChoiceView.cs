using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Pages;

namespace CMDisconnectedSync.App.Forms;

/// <summary>Import, first page: the bundle folder and what-if.</summary>
internal sealed class BundleChoiceView : PageView
{
    private readonly BundleChoicePage _page;
    private readonly TextBox _path;
    private readonly Label _issue;

    public BundleChoiceView(BundleChoicePage page)
        : base("Choose bundle")
    {
        _page = page;
        var intro = Ui.Message("Introduction");
        intro.Text = "Choose the bundle folder on the transfer media. Nothing is written until the bundle is verified and the preflight checks pass.";
        intro.Height = 44;
        var grid = new TableLayoutPanel { Dock = DockStyle.Top, AutoSize = true, ColumnCount = 3 };
        grid.ColumnStyles.Add(new ColumnStyle(SizeType.Absolute, 120));
        grid.ColumnStyles.Add(new ColumnStyle(SizeType.Percent, 100));
        grid.ColumnStyles.Add(new ColumnStyle(SizeType.Absolute, 96));
        _path = Ui.TextBox("Bundle folder");
        _path.Text = page.BundlePath;
        _path.TextChanged += (_, _) => page.BundlePath = _path.Text;
        var browse = Ui.Button("Brows&e…", "Browse for the bundle folder", 88);
        browse.Click += (_, _) =>
        {
            using var dialog = new FolderBrowserDialog { SelectedPath = _path.Text, Description = "Bundle folder (holds manifest.json)" };
            if (dialog.ShowDialog() == DialogResult.OK)
            {
                _path.Text = dialog.SelectedPath;
            }
        };
        var whatIf = new CheckBox { Text = "W&hat-if: verify and show the plan, write nothing", AutoSize = true, Checked = page.WhatIf, AccessibleName = "What-if" };
        whatIf.CheckedChanged += (_, _) => page.WhatIf = whatIf.Checked;
        grid.Controls.Add(new Label { Text = "B&undle folder:", AutoSize = true, Margin = new Padding(3, 8, 3, 3) }, 0, 0);
        grid.Controls.Add(_path, 1, 0);
        grid.Controls.Add(browse, 2, 0);
        grid.Controls.Add(whatIf, 1, 1);
        _issue = Ui.Message("Problem with the bundle folder");
        _issue.ForeColor = Ui.ErrorColor;
        intro.Dock = DockStyle.Top;
        Controls.Add(_issue);
        Controls.Add(grid);
        Controls.Add(intro);
    }

    public override Control FirstFocus => _path;

    public override void Render() => _issue.Text = _page.Issue ?? string.Empty;
}
