using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Pages;

namespace CMDisconnectedSync.App.Forms;

/// <summary>
/// A page's validation problems where the admin fixes them: an error icon beside each field the presenter names, and
/// every problem as a bullet in one label (the export options and the deployment content pages).
/// </summary>
internal sealed class FieldIssues : IDisposable
{
    private readonly ErrorProvider _errors = new() { BlinkStyle = ErrorBlinkStyle.NeverBlink };
    private readonly Dictionary<string, Control> _fields = [];

    /// <param name="list">The label that lists every problem.</param>
    public FieldIssues(Label list) => List = list ?? throw new ArgumentNullException(nameof(list));

    /// <summary>The label that lists every problem.</summary>
    public Label List { get; }

    /// <summary>Shows the problems of the presenter's <paramref name="field"/> (a property name) beside <paramref name="control"/>.</summary>
    public void Bind(string field, Control control) => _fields[field] = control;

    /// <summary>Replaces what is shown with <paramref name="issues"/>; a field without an issue loses its icon.</summary>
    public void Show(IReadOnlyList<ValidationIssue> issues)
    {
        _ = issues ?? throw new ArgumentNullException(nameof(issues));
        foreach (var field in _fields.Values)
        {
            _errors.SetError(field, string.Empty);
        }

        foreach (var issue in issues)
        {
            if (_fields.TryGetValue(issue.Field, out var control))
            {
                _errors.SetError(control, issue.Message);
            }
        }

        List.Text = string.Join(Environment.NewLine, issues.Select(i => "• " + i.Message));
    }

    public void Dispose() => _errors.Dispose();
}
