using System.Drawing;
using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Pages;

namespace CMDisconnectedSync.App.Forms;

/// <summary>Import verification: the verdict (green, or red with the reason) and what the manifest says.</summary>
internal sealed class VerificationView : PageView
{
    private readonly VerificationPage _page;
    private readonly Label _verdict;
    private readonly DetailsGrid _details;
    private readonly Button _trust;
    private readonly FlowLayoutPanel _actions;
    private readonly ProgressBar _bar;
    private readonly Label _transfer;

    /// <param name="page">The page presenter.</param>
    /// <param name="trustSigner">Opens "Trust this certificate…" for the refused bundle's signer (modal); null offers no button.</param>
    public VerificationView(VerificationPage page, Func<Task>? trustSigner = null)
        : base("Bundle verification")
    {
        _page = page;
        _trust = Ui.Button("&Trust this certificate…", "Trust this certificate", 190);
        _trust.Click += async (_, _) =>
        {
            if (trustSigner is not null)
            {
                await trustSigner();
            }
        };
        _actions = new FlowLayoutPanel { Dock = DockStyle.Top, Height = 38, FlowDirection = FlowDirection.LeftToRight, Visible = false };
        _actions.Controls.Add(_trust);
        _verdict = Ui.Message("Verification result");
        _verdict.Dock = DockStyle.Top;
        _verdict.Height = 64;
        _verdict.Font = new Font(SystemFonts.MessageBoxFont, FontStyle.Bold);
        _details = new DetailsGrid("Bundle details");
        // Hashing progress (issue 17): a bar and "bytes of total (files) · rate · time left", shown only while verifying.
        _bar = new ProgressBar { Dock = DockStyle.Top, Height = 18, Minimum = 0, Maximum = 100, Visible = false, AccessibleName = "Verification progress" };
        _transfer = new Label { Dock = DockStyle.Top, AutoSize = false, Height = 24, Visible = false, AccessibleName = "Bytes verified" };
        Controls.Add(_details);
        Controls.Add(_actions);
        Controls.Add(_transfer);
        Controls.Add(_bar);
        Controls.Add(_verdict);
        Resize += (_, _) => FitVerdict();
    }

    public override Control FirstFocus => _details;

    public override void Render()
    {
        _bar.Visible = _transfer.Visible = _page.IsRunning;
        if (_page.IsRunning)
        {
            _verdict.Text = _page.IsCancelling
                ? "Cancelling the verification…"
                : "Verifying the signature, the signer, the sequence and every file's SHA-256… Cancel stops it.";
            _verdict.ForeColor = SystemColors.ControlText;
            _bar.Style = _page.Percent is null ? ProgressBarStyle.Marquee : ProgressBarStyle.Continuous;
            _bar.Value = Math.Max(0, Math.Min(100, _page.Percent ?? 0));
            _transfer.Text = string.Join("   ", new[] { _page.BytesText, _page.RateText, _page.RemainingText }.Where(t => t.Length > 0));
        }
        else if (_page.Error is not null)
        {
            _verdict.Text = _page.Error;
            _verdict.ForeColor = Ui.ErrorColor;
        }
        else if (_page.Notice is not null)
        {
            // Already imported by a finished run: nothing to do, and nothing wrong either.
            _verdict.Text = _page.Notice;
            _verdict.ForeColor = SystemColors.ControlText;
        }
        else if (_page.IsAccepted)
        {
            _verdict.Text = "Verified: the signature is valid, the signer is trusted, the sequence is newer and every file matches the manifest.";
            _verdict.ForeColor = Ui.OkColor;
        }

        _actions.Visible = _page.UntrustedSigner is not null;
        FitVerdict();
        _details.Show(_page.Details);
    }

    // A refusal names the file and the fix, and a long WsusContent path wraps over several lines: the verdict grows to
    // show all of it (up to half the page) instead of cutting the reason off.
    private void FitVerdict()
    {
        var width = Math.Max(100, _verdict.ClientSize.Width - _verdict.Padding.Horizontal);
        var needed = TextRenderer.MeasureText(_verdict.Text, _verdict.Font, new Size(width, int.MaxValue), TextFormatFlags.WordBreak).Height;
        _verdict.Height = Math.Min(Math.Max(64, needed + _verdict.Padding.Vertical + 8), Math.Max(64, ClientSize.Height / 2));
    }
}
