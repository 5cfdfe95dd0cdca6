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

    public void Show(IReadOnlyList<KeyValuePair<string, string>> details)
    {
        BeginUpdate();
        // The first column as wide as its longest label, so "Bundle would be written to" is not cut.
        var widest = details.Count == 0 ? 0 : details.Max(pair => TextRenderer.MeasureText(pair.Key, Font).Width);
        Columns[0].Width = Math.Max(120, Math.Min(280, widest + 16));
        Ui.FitLastColumn(this);
        Items.Clear();
        foreach (var pair in details)
        {
            // Long paths do not fit the column: the tooltip shows the whole value.
            Items.Add(new ListViewItem(new[] { pair.Key, pair.Value }) { ToolTipText = pair.Value });
        }

        EndUpdate();
    }
}
