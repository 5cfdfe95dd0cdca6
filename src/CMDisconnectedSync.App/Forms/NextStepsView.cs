using System.Drawing;
using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.NextSteps;

namespace CMDisconnectedSync.App.Forms;

/// <summary>
/// Next steps: new products and classifications as a checked tree grouped by classification/product family,
/// Subscribe selected, Run full sync now, and the follow-ups. Used as the import's last page and on its own.
/// </summary>
internal sealed class NextStepsView : PageView
{
    private readonly NextStepsPage _page;
    private readonly Func<string> _headline;
    private readonly Label _result;
    private readonly TreeView _tree;
    private readonly Button _subscribe;
    private readonly Button _fullSync;
    private readonly Button _cancelSync;
    private readonly ProgressBar _syncBar;
    private readonly Label _syncState;
    private readonly Label _status;
    private readonly TextBox _followUps;
    private readonly Label _receipt;
    private readonly Button _saveReceipt;
    private readonly Button _requestContent;
    private readonly string? _banner;
    private IReadOnlyList<CategoryGroup>? _shownGroups;
    private bool _rendering;

    /// <param name="page">The presenter.</param>
    /// <param name="headline">The line above the list.</param>
    /// <param name="banner">The lab notice for the dialogs this page opens; null outside the lab.</param>
    public NextStepsView(NextStepsPage page, Func<string> headline, string? banner = null)
        : base("Next steps")
    {
        _page = page;
        _headline = headline;
        _banner = banner;
        _result = Ui.Message("Import result");
        _tree = new TreeView { CheckBoxes = true, Dock = DockStyle.Fill, AccessibleName = "New products and classifications", HideSelection = false };
        _tree.AfterCheck += OnAfterCheck;
        _subscribe = Ui.Button("&Subscribe selected", "Subscribe selected", 170);
        _subscribe.Click += async (_, _) => await _page.SubscribeSelectedAsync(CancellationToken.None);
        _fullSync = Ui.Button("&Run full sync now", "Run full sync now", 170);
        _fullSync.Click += async (_, _) => await _page.RunFullSyncAsync(CancellationToken.None);
        _cancelSync = Ui.Button("Stop &waiting", "Stop waiting for the full sync", 170);
        _cancelSync.Click += (_, _) => _page.CancelFullSync();
        _syncBar = new ProgressBar { Style = ProgressBarStyle.Marquee, Width = 170, Height = 14, Margin = new Padding(6, 6, 0, 3), AccessibleName = "Full sync running" };
        _syncState = new Label { AutoSize = false, Width = 170, Height = 52, Margin = new Padding(6, 3, 0, 3), AccessibleName = "Full sync state" };
        _status = Ui.Message("Next steps status");
        _receipt = Ui.Message("Receipt for the export side");
        _saveReceipt = Ui.Button("Sa&ve receipt for the export side…", "Save receipt for the export side", 290);
        _saveReceipt.Click += async (_, _) => await SaveReceiptAsync();
        _requestContent = Ui.Button("Request &content for these updates…", "Request content for these updates", 290);
        _requestContent.Click += (_, _) => RequestContent();
        _followUps = new TextBox
        {
            Multiline = true,
            ReadOnly = true,
            ScrollBars = ScrollBars.Vertical,
            Dock = DockStyle.Fill,
            AccessibleName = "Other follow-ups",
            Text = string.Join(Environment.NewLine, page.FollowUps.Select(f => "• " + f)),
        };

        var buttons = new FlowLayoutPanel { Dock = DockStyle.Fill, FlowDirection = FlowDirection.TopDown, AutoSize = true };
        buttons.Controls.Add(_subscribe);
        buttons.Controls.Add(_fullSync);
        buttons.Controls.Add(_syncBar);
        buttons.Controls.Add(_syncState);
        buttons.Controls.Add(_cancelSync);

        // The receipt line spans the page (its path is long: three lines fit) with its button under it, so neither
        // widens the column beside the list (the Mono walk's clipped-text check measured both).
        var receiptRow = new TableLayoutPanel { Dock = DockStyle.Fill, ColumnCount = 1, RowCount = 2, Margin = Padding.Empty };
        receiptRow.ColumnStyles.Add(new ColumnStyle(SizeType.Percent, 100));
        receiptRow.RowStyles.Add(new RowStyle(SizeType.Absolute, 60));
        receiptRow.RowStyles.Add(new RowStyle(SizeType.Absolute, 34));
        receiptRow.Controls.Add(_receipt, 0, 0);
        var receiptButtons = new FlowLayoutPanel { Dock = DockStyle.Fill, FlowDirection = FlowDirection.LeftToRight, Margin = Padding.Empty, WrapContents = false };
        receiptButtons.Controls.Add(_saveReceipt);
        receiptButtons.Controls.Add(_requestContent);
        receiptRow.Controls.Add(receiptButtons, 0, 1);

        var layout = new TableLayoutPanel { Dock = DockStyle.Fill, ColumnCount = 2, RowCount = 6 };
        layout.ColumnStyles.Add(new ColumnStyle(SizeType.Percent, 100));
        layout.ColumnStyles.Add(new ColumnStyle(SizeType.AutoSize));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 42));
        layout.RowStyles.Add(new RowStyle(SizeType.Percent, 62));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 40));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 96));
        layout.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        layout.RowStyles.Add(new RowStyle(SizeType.Percent, 38));
        layout.Controls.Add(_result, 0, 0);
        layout.SetColumnSpan(_result, 2);
        layout.Controls.Add(_tree, 0, 1);
        layout.Controls.Add(buttons, 1, 1);
        // The buttons, the sync bar, its state and "Stop waiting" need about 190 px: they take the status row's height
        // too, beside the status line (the clipped-text check found them cut off once the receipt row took its space).
        layout.SetRowSpan(buttons, 2);
        layout.Controls.Add(_status, 0, 2);
        layout.Controls.Add(receiptRow, 0, 3);
        layout.SetColumnSpan(receiptRow, 2);
        layout.Controls.Add(Ui.Label("Other follow-ups:", "Other follow-ups heading", bold: true), 0, 4);
        layout.Controls.Add(_followUps, 0, 5);
        layout.SetColumnSpan(_followUps, 2);
        Controls.Add(layout);
    }

    public override Control FirstFocus => _tree;

    /// <summary>The list of categories, for the test hook that ticks rows as an admin would.</summary>
    internal TreeView Tree => _tree;

    public override void Render()
    {
        _rendering = true;
        try
        {
            _result.Text = _headline();
            if (!ReferenceEquals(_shownGroups, _page.Groups))
            {
                Rebuild();
            }
            else
            {
                Refresh(_tree.Nodes);
            }

            _subscribe.Enabled = _page.CanSubscribe;
            _fullSync.Enabled = _page.CanRunFullSync;
            _receipt.Text = _page.ReceiptText;
            _saveReceipt.Enabled = _page.CanSaveReceipt;
            _requestContent.Enabled = !_page.IsBusy;
            _syncBar.Visible = _syncState.Visible = _cancelSync.Visible = _page.IsSyncing;
            _cancelSync.Enabled = _page.CanCancelSync;
            _syncState.Text = _page.SyncText;
            _status.Text = _page.Error ?? (_page.IsSyncing ? "Waiting for the full synchronization (as cmdsync categories subscribe --sync does)…" : _page.IsBusy ? "Working…" : _page.Status);
            _status.ForeColor = _page.Error is null ? SystemColors.ControlText : Ui.ErrorColor;
        }
        finally
        {
            _rendering = false;
        }
    }

    /// <summary>
    /// "Request content for these updates…": the content request dialog for this site (issue 18), modal over this page;
    /// it writes nothing unless the admin selects Write request there.
    /// </summary>
    private void RequestContent()
    {
        using var dialog = new ContentRequestForm(_page.RequestContent(), _banner);
        dialog.ShowDialog(FindForm());
    }

    /// <summary>Asks where (the transfer media, typically); the presenter writes it through the backend and says where it went.</summary>
    private async Task SaveReceiptAsync()
    {
        string destination;
        using (var dialog = new SaveFileDialog
        {
            Title = "Save the state receipt for the export side",
            FileName = _page.SuggestedReceiptFileName,
            Filter = "State receipt (*.json)|*.json|All files (*.*)|*.*",
            DefaultExt = "json",
            OverwritePrompt = true,
        })
        {
            if (dialog.ShowDialog(FindForm()) != DialogResult.OK)
            {
                return;
            }

            destination = dialog.FileName;
        }

        await _page.SaveReceiptAsync(destination, CancellationToken.None);
    }

    private void Rebuild()
    {
        _shownGroups = _page.Groups;
        _tree.BeginUpdate();
        _tree.Nodes.Clear();
        foreach (var group in _page.Groups)
        {
            var heading = new TreeNode(group.Heading) { NodeFont = new Font(_tree.Font, FontStyle.Bold), Tag = group };
            foreach (var choice in group.Items)
            {
                heading.Nodes.Add(new TreeNode { Tag = choice });
            }

            _tree.Nodes.Add(heading);
            heading.Expand();
        }

        Refresh(_tree.Nodes);
        _tree.EndUpdate();
    }

    private static void Refresh(TreeNodeCollection nodes)
    {
        foreach (TreeNode heading in nodes)
        {
            foreach (TreeNode node in heading.Nodes)
            {
                var choice = (CategoryChoice)node.Tag;
                // Subscribed: ticked, grey, "already subscribed"; not allowed: unticked, grey, and why. The presenter keeps both as they are.
                node.Text = choice.Note is null ? choice.Category.Name : $"{choice.Category.Name} ({choice.Note})";
                node.Checked = choice.IsChecked;
                node.ForeColor = choice.IsSelectable ? SystemColors.WindowText : SystemColors.GrayText;
                node.ToolTipText = choice.Note ?? string.Empty;
            }

            heading.Checked = heading.Nodes.Count > 0 && heading.Nodes.Cast<TreeNode>().All(n => n.Checked);
        }
    }

    private void OnAfterCheck(object? sender, TreeViewEventArgs e)
    {
        if (_rendering || e.Node is null)
        {
            return;
        }

        if (e.Node.Tag is CategoryChoice choice)
        {
            _page.SetChecked(choice, e.Node.Checked);
            if (e.Node.Checked != choice.IsChecked)
            {
                // A subscribed or not-subscribable row: put its box back (Changed does not fire when nothing changed).
                BeginInvoke(new Action(Render));
            }
        }
        else if (e.Node.Tag is CategoryGroup group)
        {
            _page.SetGroupChecked(group, e.Node.Checked);
        }
    }
}
