using System.Drawing;
using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Forms;

/// <summary>Small factory helpers so every window looks the same and every control gets an accessible name.</summary>
internal static class Ui
{
    public static readonly Color ErrorColor = Color.FromArgb(176, 0, 32);
    public static readonly Color OkColor = Color.FromArgb(16, 124, 16);
    public static readonly Color WarningColor = Color.FromArgb(157, 93, 0);

    /// <summary>Every form is laid out at 96 DPI and scaled by WinForms (PerMonitorV2 per app.config).</summary>
    public static void PrepareForm(Form form, string title, Size size)
    {
        form.AutoScaleDimensions = new SizeF(96F, 96F);
        form.AutoScaleMode = AutoScaleMode.Dpi;
        form.Font = SystemFonts.MessageBoxFont;
        form.Text = title;
        form.ClientSize = size;
        form.MinimumSize = new Size(size.Width / 2, size.Height / 2);
        form.StartPosition = FormStartPosition.CenterScreen;
        form.ShowIcon = false;
        form.KeyPreview = true;
    }

    /// <summary>
    /// The test hook's answer to <see cref="Confirm"/> (it records the question); null for an admin, who gets the dialog.
    /// </summary>
    internal static Func<string, bool>? UnattendedAnswer { get; set; }

    /// <summary>
    /// Asks a presenter's yes/no question before something the admin chose is lost; true means go ahead. Without a
    /// desktop, or under the test hook, no dialog is shown: an unattended run must not hang.
    /// </summary>
    public static bool Confirm(IWin32Window owner, string question) =>
        UnattendedAnswer is { } answer ? answer(question)
        : !Environment.UserInteractive
        || MessageBox.Show(owner, question, "CMDisconnectedSync", MessageBoxButtons.YesNo, MessageBoxIcon.Question, MessageBoxDefaultButton.Button2) == DialogResult.Yes;

    /// <summary>The yellow strip that says the window runs against the lab backend (two lines: the lab folder is long).</summary>
    public static Label Banner(string text)
    {
        var banner = new Label
        {
            Text = text,
            Dock = DockStyle.Top,
            Height = 40,
            TextAlign = ContentAlignment.MiddleLeft,
            Padding = new Padding(12, 0, 12, 0),
            BackColor = Color.FromArgb(255, 244, 206),
            AccessibleName = "Lab backend notice",
        };

        GrowWithText(banner, 8);
        return banner;
    }

    /// <summary>
    /// Keeps a fixed-size, word-wrapping label exactly as tall as its text needs at its current width (plus
    /// <paramref name="extra"/> pixels), whenever its width or text changes: a long path never cuts a line off.
    /// </summary>
    public static void GrowWithText(Label label, int extra = 2)
    {
        void Fit()
        {
            var needed = label.Text.Length == 0 ? 0 : TextRenderer.MeasureText(
                label.Text, label.Font, new Size(Math.Max(1, label.ClientSize.Width - label.Padding.Horizontal), int.MaxValue),
                TextFormatFlags.WordBreak | TextFormatFlags.TextBoxControl).Height + label.Padding.Vertical + extra;
            if (label.Height != needed)
            {
                label.Height = needed;
            }
        }

        label.Resize += (_, _) => Fit();
        label.TextChanged += (_, _) => Fit();
    }

    public static Label Label(string text, string accessibleName, bool bold = false) => new()
    {
        Text = text,
        AutoSize = true,
        Margin = new Padding(3, 6, 3, 3),
        AccessibleName = accessibleName,
        Font = bold ? new Font(SystemFonts.MessageBoxFont, FontStyle.Bold) : SystemFonts.MessageBoxFont,
    };

    /// <summary>A label that wraps to its container's width (messages, errors).</summary>
    public static Label Message(string accessibleName) => new()
    {
        AutoSize = false,
        Dock = DockStyle.Fill,
        AccessibleName = accessibleName,
        AccessibleRole = AccessibleRole.StaticText,
        Padding = new Padding(2),
    };

    public static Button Button(string text, string accessibleName, int width = 96) => new()
    {
        Text = text,
        Width = width,
        Height = 28,
        AccessibleName = accessibleName,
        UseVisualStyleBackColor = true,
        Margin = new Padding(6, 3, 0, 3),
    };

    /// <summary>
    /// Read-only text that looks like the window's own (no border, the control colour, not a tab stop) but wraps,
    /// scrolls when it outgrows its row and can be selected and copied: instructions, results and errors of a dialog.
    /// </summary>
    public static TextBox Note(string accessibleName, string text = "", Color? color = null) => new()
    {
        Multiline = true,
        ReadOnly = true,
        BorderStyle = BorderStyle.None,
        BackColor = SystemColors.Control,
        ForeColor = color ?? SystemColors.ControlText,
        Dock = DockStyle.Fill,
        ScrollBars = ScrollBars.Vertical,
        Text = text,
        AccessibleName = accessibleName,
        TabStop = false,
    };

    public static TextBox TextBox(string accessibleName) => new()
    {
        Dock = DockStyle.Fill,
        AccessibleName = accessibleName,
        Margin = new Padding(3, 4, 3, 4),
    };

    public static ListView DetailsList(string accessibleName, params (string Title, int Width)[] columns)
    {
        var list = new ListView
        {
            View = View.Details,
            FullRowSelect = true,
            HeaderStyle = ColumnHeaderStyle.Nonclickable,
            HideSelection = false,
            MultiSelect = false,
            Dock = DockStyle.Fill,
            AccessibleName = accessibleName,
        };
        foreach (var (title, width) in columns)
        {
            list.Columns.Add(title, width);
        }

        FillLastColumn(list);
        return list;
    }

    /// <summary>Keeps the last column as wide as the space left, so long values are not cut in a half-empty list.</summary>
    public static void FillLastColumn(ListView list) => list.Resize += (_, _) => FitLastColumn(list);

    /// <summary>Gives the last column the width the other columns leave.</summary>
    public static void FitLastColumn(ListView list)
    {
        if (list.Columns.Count == 0)
        {
            return;
        }

        var others = 0;
        for (var i = 0; i < list.Columns.Count - 1; i++)
        {
            others += list.Columns[i].Width;
        }

        var last = list.Columns[list.Columns.Count - 1];
        last.Width = Math.Max(80, list.ClientSize.Width - others - SystemInformation.VerticalScrollBarWidth - 4);
    }

    /// <summary>Icons for check and step states, drawn here so no image files ship.</summary>
    public static ImageList StateImages()
    {
        var images = new ImageList { ImageSize = new Size(16, 16), ColorDepth = ColorDepth.Depth32Bit };
        images.Images.Add(nameof(CheckStatus.Pass), Dot(OkColor));
        images.Images.Add(nameof(CheckStatus.Warn), Dot(Color.FromArgb(234, 160, 0)));
        images.Images.Add(nameof(CheckStatus.Fail), Dot(ErrorColor));
        images.Images.Add(nameof(StepState.Running), Dot(Color.FromArgb(0, 95, 184)));
        images.Images.Add(nameof(StepState.Pending), Dot(Color.Gainsboro));
        return images;
    }

    public static string ImageKey(StepState state) => state switch
    {
        StepState.Completed or StepState.AlreadyDone => nameof(CheckStatus.Pass),
        StepState.Failed => nameof(CheckStatus.Fail),
        StepState.Cancelled => nameof(CheckStatus.Warn),
        StepState.Running => nameof(StepState.Running),
        _ => nameof(StepState.Pending),
    };

    private static Bitmap Dot(Color color)
    {
        var bitmap = new Bitmap(16, 16);
        using var graphics = Graphics.FromImage(bitmap);
        graphics.SmoothingMode = System.Drawing.Drawing2D.SmoothingMode.AntiAlias;
        using var brush = new SolidBrush(color);
        graphics.FillEllipse(brush, 2, 2, 12, 12);
        return bitmap;
    }
}
