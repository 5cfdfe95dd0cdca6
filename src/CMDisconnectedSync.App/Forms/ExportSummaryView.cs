using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Logs;
using CMDisconnectedSync.App.Presentation.Wizards;

namespace CMDisconnectedSync.App.Forms;

/// <summary>Export summary: bundle path, files, bytes, signer, sequence and a link to the log.</summary>
internal sealed class ExportSummaryView : PageView
{
    private readonly ExportWizard _wizard;
    private readonly LogViewer _logViewer;
    private readonly Label _headline;
    private readonly DetailsGrid _details;
    private readonly LinkLabel _log;
    private readonly Label _error;

    public ExportSummaryView(ExportWizard wizard, LogViewer logViewer)
        : base("Export summary")
    {
        _wizard = wizard;
        _logViewer = logViewer;
        _headline = Ui.Message("Result");
        _headline.Dock = DockStyle.Top;
        _headline.Height = 40;
        _details = new DetailsGrid("Export result");
        _log = new LinkLabel { Text = "Open the &log", Dock = DockStyle.Bottom, Height = 24, AccessibleName = "Open the export log" };
        _log.LinkClicked += (_, _) => OpenLog();
        _error = Ui.Message("Error opening the log");
        _error.Dock = DockStyle.Bottom;
        _error.Height = 36;
        _error.ForeColor = Ui.ErrorColor;
        Controls.Add(_details);
        Controls.Add(_headline);
        Controls.Add(_log);
        Controls.Add(_error);
    }

    public override Control FirstFocus => _details;

    public override void Render()
    {
        var result = _wizard.Result;
        _headline.Text = _wizard.SummaryHeadline;
        _details.Show(_wizard.SummaryDetails);
        _log.Visible = result is not null;
    }

    private void OpenLog()
    {
        try
        {
            _logViewer.Open(_wizard.Result!.LogPath);
            _error.Text = string.Empty;
        }
        catch (Exception ex) when (ex is IOException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            _error.Text = ex.Message;
        }
    }
}
