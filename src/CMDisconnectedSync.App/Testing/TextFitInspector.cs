using System.Drawing;
using System.Globalization;
using System.Windows.Forms;

namespace CMDisconnectedSync.App.Testing;

/// <summary>
/// The screenshot test's clipped-text check: walks every visible control of a window that shows text of its own
/// (labels, link labels, buttons, check boxes, radio buttons) and measures that text with the control's font
/// (<see cref="TextRenderer.MeasureText(string, Font, Size, TextFormatFlags)"/>, the GDI measurement WinForms draws
/// labels with; word-wrapped at the control's width for a fixed-size label) against the room the control has, and
/// checks that the control itself lies inside its container. It runs inside the app, where the forms and GDI+ are
/// (Mono's under Xvfb; .NET on Linux has no System.Drawing), on every page <see cref="AutoPilot"/> captures, and
/// writes one line per finding to <c>clipped.txt</c> beside the screenshots; the test reads that file
/// (tests/CMDisconnectedSync.App.Tests, <c>ClippedTextReport</c>). Lists and text boxes are not checked: they scroll.
/// </summary>
internal static class TextFitInspector
{
    /// <summary>Rounding between measuring and drawing; one pixel more would be a real cut.</summary>
    private const int TolerancePixels = 1;

    /// <summary>A check box's or radio button's glyph and the gap to its text (13 px box + 3 px gap at 96 DPI, plus border).</summary>
    private const int GlyphPixels = 18;

    /// <summary>A push button's border and the inner margin the text keeps from it.</summary>
    private const int ButtonChromePixels = 8;

    /// <summary>Every clipped text of <paramref name="window"/>, each naming the control, its text and the sizes.</summary>
    public static IReadOnlyList<ClippedText> Inspect(Form window)
    {
        _ = window ?? throw new ArgumentNullException(nameof(window));
        var findings = new List<ClippedText>();
        Walk(window, window.GetType().Name, findings);
        return findings;
    }

    private static void Walk(Control parent, string path, List<ClippedText> findings)
    {
        foreach (Control child in parent.Controls)
        {
            if (!child.Visible)
            {
                continue;
            }

            var childPath = path + "/" + NameOf(child);
            Check(child, childPath, findings);
            Walk(child, childPath, findings);
        }
    }

    private static void Check(Control control, string path, List<ClippedText> findings)
    {
        if (control.Parent is { } parent && !(parent is ScrollableControl { AutoScroll: true }))
        {
            var room = parent.ClientRectangle;
            var bounds = control.Bounds;
            if (bounds.Width > 0 && bounds.Height > 0
                && (bounds.Right > room.Right + TolerancePixels || bounds.Bottom > room.Bottom + TolerancePixels || bounds.Left < -TolerancePixels || bounds.Top < -TolerancePixels))
            {
                findings.Add(new ClippedText(path, control.Text, "lies outside its container", bounds.Size, room.Size));
            }
        }

        var text = control.Text;
        if (string.IsNullOrEmpty(text) || control.Width <= 0 || control.Height <= 0)
        {
            return;
        }

        switch (control)
        {
            case Label label:
                CheckLabel(label, path, findings);
                break;
            case CheckBox or RadioButton:
                CheckSingleLine(control, path, control.ClientSize.Width - control.Padding.Horizontal - GlyphPixels, control.ClientSize.Height, findings);
                break;
            case ButtonBase:
                CheckSingleLine(control, path, control.ClientSize.Width - control.Padding.Horizontal - ButtonChromePixels, control.ClientSize.Height - ButtonChromePixels / 2, findings);
                break;
        }
    }

    private static void CheckLabel(Label label, string path, List<ClippedText> findings)
    {
        var room = new Size(label.ClientSize.Width - label.Padding.Horizontal, label.ClientSize.Height - label.Padding.Vertical);
        // No padding: a label draws its text flush with its client area (an auto-sized label is exactly this wide), while
        // MeasureText's default adds GDI's left/right overhang.
        var flags = TextFormatFlags.TextBoxControl | TextFormatFlags.NoPadding | (label.UseMnemonic ? TextFormatFlags.Default : TextFormatFlags.NoPrefix);
        if (!label.AutoSize)
        {
            // A fixed-size label wraps at its width: what matters is whether every line fits its height, and whether a
            // single word is wider than the label (it cannot wrap).
            flags |= TextFormatFlags.WordBreak;
        }

        var needed = TextRenderer.MeasureText(label.Text, label.Font, new Size(label.AutoSize ? int.MaxValue : Math.Max(1, room.Width), int.MaxValue), flags);
        if (needed.Width > room.Width + TolerancePixels || needed.Height > room.Height + TolerancePixels)
        {
            findings.Add(new ClippedText(path, label.Text, "text does not fit", needed, room));
        }
    }

    private static void CheckSingleLine(Control control, string path, int width, int height, List<ClippedText> findings)
    {
        var needed = TextRenderer.MeasureText(control.Text, control.Font, new Size(int.MaxValue, int.MaxValue), TextFormatFlags.SingleLine);
        var room = new Size(width, height);
        if (needed.Width > room.Width + TolerancePixels || needed.Height > room.Height + TolerancePixels)
        {
            findings.Add(new ClippedText(path, control.Text, "text does not fit", needed, room));
        }
    }

    private static string NameOf(Control control) =>
        !string.IsNullOrEmpty(control.AccessibleName) ? control.AccessibleName
        : !string.IsNullOrEmpty(control.Name) ? control.Name
        : control.GetType().Name;
}

/// <summary>One clipped text: which control (its path of accessible names), what it says, and the sizes measured.</summary>
internal sealed record ClippedText(string Control, string Text, string Problem, Size Needed, Size Available)
{
    /// <summary>The line written to <c>clipped.txt</c>: page, control, text (one line), then the measurement.</summary>
    public string ToLine(string page) => string.Join(
        "\t",
        page,
        Control,
        Text.Replace("\r", string.Empty).Replace("\n", " ⏎ "),
        string.Format(CultureInfo.InvariantCulture, "{0}: needs {1}x{2} px, has {3}x{4} px", Problem, Needed.Width, Needed.Height, Available.Width, Available.Height));
}
