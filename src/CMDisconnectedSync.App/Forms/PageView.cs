using System.Windows.Forms;

namespace CMDisconnectedSync.App.Forms;

/// <summary>One wizard page: a control that re-reads its presenter in <see cref="Render"/>.</summary>
internal abstract class PageView : UserControl
{
    protected PageView(string accessibleName)
    {
        Dock = DockStyle.Fill;
        AccessibleName = accessibleName;
        AccessibleRole = AccessibleRole.Pane;
        Padding = new Padding(12, 8, 12, 8);
    }

    /// <summary>Reads the presenter's state into the controls. Called on the UI thread after every change.</summary>
    public abstract void Render();

    /// <summary>The control that gets focus when the page opens.</summary>
    public virtual Control? FirstFocus => null;
}
