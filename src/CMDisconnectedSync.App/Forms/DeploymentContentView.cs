using System.Drawing;
using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Pages;

namespace CMDisconnectedSync.App.Forms;

/// <summary>
/// Deployment content (only for a bundle that carries some): an existing package from the site's list, a new package
/// (name and source share), or skip; and whether the distribution points are refreshed. Values flow into the presenter
/// as chosen; the presenter validates on Next and names each field to fix.
/// </summary>
internal sealed class DeploymentContentView : PageView
{
    private readonly DeploymentContentPage _page;
    private readonly Label _headline;
    private readonly RadioButton _existing;
    private readonly RadioButton _new;
    private readonly RadioButton _skip;
    private readonly ListView _packages;
    private readonly Label _loadError;
    private readonly Button _retry;
    private readonly TextBox _name;
    private readonly TextBox _source;
    private readonly Button _browse;
    private readonly CheckBox _refresh;
    private readonly TextBox _request;
    private readonly Button _browseRequest;
    private readonly Label _note;
    private readonly FieldIssues _issues;
    private bool _rendering;

    public DeploymentContentView(DeploymentContentPage page, Func<Task> retry)
        : base("Deployment content")
    {
        _page = page;
        var issueList = Wrapping("Problems to fix");
        issueList.ForeColor = Ui.ErrorColor;
        _issues = new FieldIssues(issueList);
        var layout = new TableLayoutPanel { Dock = DockStyle.Top, AutoSize = true, ColumnCount = 3 };
        layout.ColumnStyles.Add(new ColumnStyle(SizeType.Absolute, 180));
        layout.ColumnStyles.Add(new ColumnStyle(SizeType.Percent, 100));
        layout.ColumnStyles.Add(new ColumnStyle(SizeType.Absolute, 96));

        _headline = Wrapping("What the bundle carries");
        AddSpanning(layout, _headline);

        _existing = Radio("Add to an &existing deployment package:", "Existing deployment package", DeploymentContentTarget.ExistingPackage);
        AddSpanning(layout, _existing);
        _packages = Ui.DetailsList("Deployment packages", ("Package ID", 100), ("Name", 220), ("Source folder", 200));
        _packages.Dock = DockStyle.None;
        _packages.Anchor = AnchorStyles.Left | AnchorStyles.Right | AnchorStyles.Top;
        _packages.Height = 80;
        _packages.Margin = new Padding(24, 3, 3, 3);
        _packages.SelectedIndexChanged += (_, _) =>
        {
            if (!_rendering && _packages.SelectedItems.Count == 1)
            {
                _page.SelectedPackageId = (string)_packages.SelectedItems[0].Tag;
                _page.Target = DeploymentContentTarget.ExistingPackage;
                Render();
            }
        };
        AddSpanning(layout, _packages);
        _issues.Bind(nameof(DeploymentContentPage.SelectedPackageId), _packages);
        _loadError = Wrapping("Why the packages could not be listed");
        _loadError.ForeColor = Ui.ErrorColor;
        _retry = Ui.Button("&Retry", "List the deployment packages again", 88);
        _retry.Click += async (_, _) => await retry();
        layout.Controls.Add(_loadError, 0, layout.RowCount);
        layout.SetColumnSpan(_loadError, 2);
        layout.Controls.Add(_retry, 2, layout.RowCount);
        layout.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        layout.RowCount++;

        _new = Radio("&Create a new deployment package:", "New deployment package", DeploymentContentTarget.NewPackage);
        AddSpanning(layout, _new);
        _name = Ui.TextBox("New package name");
        _name.Text = page.NewPackageName;
        _name.TextChanged += (_, _) => page.NewPackageName = _name.Text;
        AddRow(layout, "    Package na&me:", _name, null);
        _issues.Bind(nameof(DeploymentContentPage.NewPackageName), _name);
        _source = Ui.TextBox("New package source folder");
        _source.Text = page.NewPackageSource;
        _source.TextChanged += (_, _) => page.NewPackageSource = _source.Text;
        _browse = Ui.Button("Br&owse…", "Browse for the new package's source folder", 88);
        _browse.Click += (_, _) =>
        {
            using var dialog = new FolderBrowserDialog { SelectedPath = _source.Text, Description = "The new package's source folder (a shared folder, \\\\server\\share\\folder)" };
            if (dialog.ShowDialog() == DialogResult.OK)
            {
                _source.Text = dialog.SelectedPath;
            }
        };
        AddRow(layout, "    Source (&UNC share):", _source, _browse);
        _issues.Bind(nameof(DeploymentContentPage.NewPackageSource), _source);

        _skip = Radio("&Skip: put the files into no deployment package", "Skip the deployment content", DeploymentContentTarget.Skip);
        AddSpanning(layout, _skip);

        _refresh = new CheckBox
        {
            Text = "Send the package to its &distribution points when the files are added",
            AutoSize = true,
            Checked = page.RefreshDistributionPoints,
            AccessibleName = "Refresh distribution points",
            Margin = new Padding(3, 6, 3, 2),
        };
        _refresh.CheckedChanged += (_, _) => page.RefreshDistributionPoints = _refresh.Checked;
        AddSpanning(layout, _refresh);

        // Empty by default: the import checks against the request this server kept (what 'cmdsync import' does).
        _request = Ui.TextBox("Content request file (optional)");
        _request.Text = page.ContentRequestPath;
        _request.TextChanged += (_, _) => page.ContentRequestPath = _request.Text;
        _browseRequest = Ui.Button("Bro&wse…", "Browse for the content request file", 88);
        _browseRequest.Click += (_, _) =>
        {
            using var dialog = new OpenFileDialog { FileName = _request.Text, Filter = "Content request (*.json)|*.json|All files|*.*", CheckFileExists = true };
            if (dialog.ShowDialog() == DialogResult.OK)
            {
                _request.Text = dialog.FileName;
            }
        };
        AddRow(layout, "Content re&quest:", _request, _browseRequest);
        _issues.Bind(nameof(DeploymentContentPage.ContentRequestPath), _request);
        var requestHint = Wrapping("About the content request");
        requestHint.Text = "Optional. Empty: the request this server kept ('cmdsync content request').";
        requestHint.ForeColor = SystemColors.GrayText;
        requestHint.Margin = new Padding(3, 0, 3, 4);
        layout.Controls.Add(requestHint, 1, layout.RowCount);
        layout.SetColumnSpan(requestHint, 2);
        layout.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        layout.RowCount++;

        _note = Wrapping("What the choice means");
        _note.ForeColor = SystemColors.GrayText;
        AddSpanning(layout, _note);

        // In the layout, under the choice it is about; the page scrolls rather than push a problem out of sight.
        AddSpanning(layout, _issues.List);
        AutoScroll = true;
        Controls.Add(layout);
    }

    public override Control FirstFocus => _page.Target switch
    {
        DeploymentContentTarget.NewPackage => _name,
        DeploymentContentTarget.Skip => _skip,
        _ => _packages,
    };

    public override void Render()
    {
        _rendering = true;
        try
        {
            _headline.Text = _page.IsLoading ? "Listing the site's deployment packages…" : _page.Headline;
            RenderPackages();
            _loadError.Text = _page.LoadError ?? string.Empty;
            _loadError.Visible = _retry.Visible = _page.LoadError is not null;
            _existing.Checked = _page.Target == DeploymentContentTarget.ExistingPackage;
            _new.Checked = _page.Target == DeploymentContentTarget.NewPackage;
            _skip.Checked = _page.Target == DeploymentContentTarget.Skip;
            _name.Enabled = _source.Enabled = _browse.Enabled = _page.Target == DeploymentContentTarget.NewPackage;
            _packages.Enabled = !_page.IsLoading;
            _refresh.Enabled = _request.Enabled = _browseRequest.Enabled = _page.Target != DeploymentContentTarget.Skip;
            _note.Text = _page.TargetNote;
            _issues.Show(_page.Issues);
            _issues.List.Visible = _issues.List.Text.Length > 0;
        }
        finally
        {
            _rendering = false;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _issues.Dispose();
        }

        base.Dispose(disposing);
    }

    private void RenderPackages()
    {
        var ids = _page.Packages.Select(p => p.PackageId).ToList();
        if (!ids.SequenceEqual(_packages.Items.Cast<ListViewItem>().Select(i => (string)i.Tag)))
        {
            _packages.BeginUpdate();
            _packages.Items.Clear();
            foreach (var package in _page.Packages)
            {
                _packages.Items.Add(new ListViewItem([package.PackageId, package.Name, package.SourcePath]) { Tag = package.PackageId, ToolTipText = package.SourcePath });
            }

            _packages.EndUpdate();
            Ui.FitLastColumn(_packages);
        }

        foreach (ListViewItem item in _packages.Items)
        {
            item.Selected = string.Equals((string)item.Tag, _page.SelectedPackageId, StringComparison.OrdinalIgnoreCase);
        }
    }

    private RadioButton Radio(string text, string accessibleName, DeploymentContentTarget target)
    {
        var radio = new RadioButton { Text = text, AutoSize = true, AccessibleName = accessibleName, Margin = new Padding(3, 6, 3, 2) };
        radio.CheckedChanged += (_, _) =>
        {
            if (!_rendering && radio.Checked)
            {
                _page.Target = target;
            }
        };
        return radio;
    }

    private static Label Wrapping(string accessibleName)
    {
        var label = new Label
        {
            AutoSize = false,
            Anchor = AnchorStyles.Left | AnchorStyles.Right | AnchorStyles.Top,
            Height = 20,
            Margin = new Padding(3, 4, 3, 4),
            AccessibleName = accessibleName,
        };
        Ui.GrowWithText(label);
        return label;
    }

    private static void AddSpanning(TableLayoutPanel layout, Control control)
    {
        layout.Controls.Add(control, 0, layout.RowCount);
        layout.SetColumnSpan(control, 3);
        layout.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        layout.RowCount++;
    }

    private static void AddRow(TableLayoutPanel layout, string label, Control field, Control? button)
    {
        var row = layout.RowCount;
        layout.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        layout.Controls.Add(new Label { Text = label, AutoSize = true, Margin = new Padding(3, 8, 3, 3) }, 0, row);
        layout.Controls.Add(field, 1, row);
        if (button is not null)
        {
            layout.Controls.Add(button, 2, row);
        }

        layout.RowCount = row + 1;
    }
}
