using System.Windows.Forms;

namespace CMDisconnectedSync.App.Forms;

/// <summary>A read-only two-column list of label/value pairs (summary and verification pages).</summary>
internal sealed class DetailsGrid : ListView
{
    public DetailsGrid(string accessibleName)
    {
        View = View.Details;
        FullRowSelect = true;
        HeaderStyle = ColumnHeaderStyle.None;
        ShowItemToolTips = true;
        Dock = DockStyle.Fill;
        AccessibleName = accessibleName;
        Columns.Add("Item", 170);
        Columns.Add("Value", 440);
        Ui.FillLastColumn(this);
    }

    private List<string> _keys = [];

    public void Show(IReadOnlyList<KeyValuePair<string, string>> details)
    {
        BeginUpdate();
        _keys = details.Select(pair => pair.Key).ToList();
        FitKeyColumn();
        Items.Clear();
        foreach (var pair in details)
        {
            // Long paths do not fit the column: the tooltip shows the whole value.
            Items.Add(new ListViewItem(new[] { pair.Key, pair.Value }) { ToolTipText = pair.Value });
        }

        EndUpdate();
    }

    /// <summary>
    /// Measured again with the font the grid ends up with: a grid filled before it joins its form (the trust dialog's)
    /// was measured with the default font, narrower than the form's, and cut "Certificate subject".
    /// </summary>
    protected override void OnFontChanged(EventArgs e)
    {
        base.OnFontChanged(e);
        if (Columns.Count == 2 && _keys.Count > 0)
        {
            FitKeyColumn();
        }
    }

    /// <summary>The first column as wide as its longest label, so "Bundle would be written to" is not cut.</summary>
    private void FitKeyColumn()
    {
        var widest = _keys.Count == 0 ? 0 : _keys.Max(key => TextRenderer.MeasureText(key, Font).Width);
        Columns[0].Width = Math.Max(120, Math.Min(280, widest + 16));
        Ui.FitLastColumn(this);
    }
}
