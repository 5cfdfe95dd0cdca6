using System.Drawing;
using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Home;

namespace CMDisconnectedSync.App.Forms;

/// <summary>
/// The Start-menu window: Export…, Import…, Status and Check this server, each with the sentence that says where it
/// belongs. A button opens the same window the console action opens (modal, so one thing runs at a time); what it
/// opens, and whether that needs a site, is the composition root's (<see cref="AppLauncher"/>) decision.
/// </summary>
internal sealed class HomeForm : Form
{
    private readonly HomeWindow _home;
    private readonly Label _notice;
    private readonly Dictionary<HomeCommand, Button> _buttons = [];

    public HomeForm(HomeWindow home, string? banner, Action<HomeForm, HomeCommand> open)
    {
        _home = home;
        Ui.PrepareForm(this, (banner is null ? string.Empty : "[LAB] ") + home.Title, new Size(820, 520));
        AccessibleName = home.Title;

        var layout = new TableLayoutPanel { Dock = DockStyle.Fill, ColumnCount = 2, Padding = new Padding(16, 12, 16, 12), AccessibleName = "Home" };
        layout.ColumnStyles.Add(new ColumnStyle(SizeType.Absolute, 190));
        layout.ColumnStyles.Add(new ColumnStyle(SizeType.Percent, 100));
        var heading = new Label
        {
            Text = home.Title,
            AutoSize = true,
            Font = new Font(SystemFonts.MessageBoxFont.FontFamily, 13F, FontStyle.Bold),
            Margin = new Padding(3, 3, 3, 6),
            AccessibleName = "Title",
        };
        var intro = new Label { Text = HomeWindow.Intro, AutoSize = false, Dock = DockStyle.Fill, Height = 44, AccessibleName = "What CMDisconnectedSync does" };
        AddRow(layout, heading, null, SizeType.AutoSize, 0);
        AddRow(layout, intro, null, SizeType.Absolute, 52);
        foreach (var entry in home.Entries)
        {
            var button = Ui.Button(entry.Label, entry.Label.Replace("&", string.Empty), 170);
            button.Height = 32;
            button.Margin = new Padding(3, 6, 3, 6);
            button.Click += (_, _) => open(this, entry.Command);
            _buttons[entry.Command] = button;
            var description = new Label
            {
                Text = entry.Description,
                AutoSize = false,
                Dock = DockStyle.Fill,
                TextAlign = ContentAlignment.MiddleLeft,
                AccessibleName = entry.Label.Replace("&", string.Empty) + ": what it does",
            };
            AddRow(layout, button, description, SizeType.Absolute, 56);
        }

        _notice = Ui.Message("Notice");
        _notice.ForeColor = Ui.WarningColor;
        AddRow(layout, _notice, null, SizeType.Absolute, 60);
        layout.RowStyles.Add(new RowStyle(SizeType.Percent, 100));
        layout.RowCount++;

        var buttons = new FlowLayoutPanel { Dock = DockStyle.Bottom, Height = 46, FlowDirection = FlowDirection.RightToLeft, Padding = new Padding(8, 8, 12, 8) };
        var close = Ui.Button("Close", "Close");
        close.Click += (_, _) => Close();
        buttons.Controls.Add(close);
        Controls.Add(layout);
        Controls.Add(buttons);
        if (banner is not null)
        {
            Controls.Add(Ui.Banner(banner));
        }

        CancelButton = close;
        home.Changed += (_, _) => _notice.Text = home.Notice;
    }

    public HomeWindow Home => _home;

    /// <summary>The button of <paramref name="command"/>, for the test hook that clicks it as an admin would.</summary>
    internal Button ButtonFor(HomeCommand command) => _buttons[command];

    private static void AddRow(TableLayoutPanel layout, Control first, Control? second, SizeType sizeType, float height)
    {
        var row = layout.RowCount;
        layout.RowStyles.Add(new RowStyle(sizeType, height));
        layout.Controls.Add(first, 0, row);
        if (second is null)
        {
            layout.SetColumnSpan(first, 2);
        }
        else
        {
            layout.Controls.Add(second, 1, row);
        }

        layout.RowCount = row + 1;
    }
}
