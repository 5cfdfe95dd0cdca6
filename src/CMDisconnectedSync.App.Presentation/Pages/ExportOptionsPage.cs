using System.Globalization;
using System.Text.RegularExpressions;
using CMDisconnectedSync.App.Presentation.Host;
using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Presentation.Pages;

/// <summary>Where the signing certificate comes from.</summary>
public enum SigningSource
{
    CertificateStore,
    PfxFile,
}

/// <summary>How the bundle is split across media.</summary>
public enum VolumeSplit
{
    /// <summary>One volume (NTFS/exFAT media or a network share).</summary>
    None,

    /// <summary>FAT32 media: no file over 4 GiB − 1.</summary>
    Fat32,

    /// <summary>A size the admin enters, in MB.</summary>
    Custom,
}

/// <summary>One entry of the "Export base" list.</summary>
/// <param name="Kind">The base.</param>
/// <param name="Label">What the list shows.</param>
public sealed record ExportBaseChoice(ExportBaseKind Kind, string Label);

/// <summary>
/// The export options page: target, signing certificate, base, volume size, what-if; validated as a whole. The bases
/// offered follow this server's export chain (<see cref="LoadChainAsync"/>), so a choice the export would refuse is
/// never offered: before the first export the bundle is full, after it every bundle is a delta against the chain.
/// </summary>
public sealed class ExportOptionsPage : ObservablePresenter
{
    /// <summary>FAT32's largest file: 4 GiB − 1 byte (design.md §3).</summary>
    public const long Fat32MaxFileBytes = (4L * 1024 * 1024 * 1024) - 1;

    /// <summary>Smaller volumes would produce thousands of parts for a normal export.</summary>
    public const int MinimumCustomVolumeMegabytes = 100;

    private static readonly Regex ThumbprintPattern = new("^[0-9A-Fa-f]{40}$", RegexOptions.CultureInvariant);
    private static readonly ExportBaseChoice FullChoice = new(ExportBaseKind.Full, "Full export (all content)");
    private static readonly ExportBaseChoice LastExportChoice = new(ExportBaseKind.LastExport, "Changes since the last export");
    private static readonly ExportBaseChoice ReceiptChoice = new(ExportBaseKind.Receipt, "What a state receipt says is missing");
    private readonly IFileSystemProbe _files;
    private bool _whatIf;

    public ExportOptionsPage(IFileSystemProbe files) => _files = files ?? throw new ArgumentNullException(nameof(files));

    public string TargetFolder { get; set; } = string.Empty;

    public SigningSource Signing { get; set; } = SigningSource.CertificateStore;

    public string CertificateThumbprint { get; set; } = string.Empty;

    public string PfxPath { get; set; } = string.Empty;

    public string PfxPassword { get; set; } = string.Empty;

    public ExportBaseKind Base { get; set; } = ExportBaseKind.LastExport;

    public string ReceiptPath { get; set; } = string.Empty;

    public VolumeSplit Split { get; set; } = VolumeSplit.None;

    /// <summary>Optional: the disconnected site's content request (request.json), whose deployment content the bundle carries.</summary>
    public string ContentRequestPath { get; set; } = string.Empty;

    public string CustomVolumeMegabytes { get; set; } = string.Empty;

    /// <summary>Plan only. Changing it raises <see cref="ObservablePresenter.Changed"/>: the Next button says "Plan" or "Start export".</summary>
    public bool WhatIf
    {
        get => _whatIf;
        set
        {
            if (_whatIf != value)
            {
                _whatIf = value;
                RaiseChanged();
            }
        }
    }

    public IReadOnlyList<ValidationIssue> Issues { get; private set; } = [];

    /// <summary>This server's export chain; null until <see cref="LoadChainAsync"/> read it (or when it could not).</summary>
    public ExportChainState? Chain { get; private set; }

    /// <summary>True while <see cref="LoadChainAsync"/> reads the chain: the wizard waits before it builds a request.</summary>
    public bool IsLoadingChain { get; private set; }

    /// <summary>Why the chain could not be read; the export itself checks again.</summary>
    public string? ChainError { get; private set; }

    /// <summary>
    /// The bases this server's chain allows: before the first export "full" (a delta needs something to be a delta
    /// against), after it "since the last export" (the chain refuses a second full bundle); a state receipt always.
    /// All three while the chain is unknown.
    /// </summary>
    public IReadOnlyList<ExportBaseChoice> BaseChoices => Chain switch
    {
        null => [FullChoice, LastExportChoice, ReceiptChoice],
        { HasExported: false } => [FullChoice, ReceiptChoice],
        _ => [LastExportChoice, ReceiptChoice],
    };

    /// <summary>One sentence under the base list: what the chain allows and why the missing choice is missing.</summary>
    public string BaseNote => Chain switch
    {
        null when ChainError is not null => "The export chain could not be read (" + ChainError + "); the export checks the base again when it starts.",
        null => string.Empty,
        { HasExported: false } => "First export from this server: the bundle carries all content and starts the chain at sequence 1.",
        { LastSequence: var last } => string.Format(
            CultureInfo.CurrentCulture,
            "Full export is not offered: the export chain in {0} is at sequence {1}; every bundle is a delta against it. "
            + "To send everything again (disconnected server rebuilt), use a state receipt from that server.",
            Chain.StateFolder,
            last),
    };

    /// <summary>
    /// Reads this server's export chain and keeps <see cref="Base"/> on a choice it allows (the first one when the
    /// current one is not). A failure is shown as <see cref="ChainError"/> and leaves every choice open.
    /// </summary>
    public async Task LoadChainAsync(IDisconnectedSyncOperations operations, CancellationToken cancellationToken)
    {
        _ = operations ?? throw new ArgumentNullException(nameof(operations));
        ExportChainState? chain = null;
        IsLoadingChain = true;
        RaiseChanged();
        ChainError = await FailureOfAsync(async () => chain = await operations.GetExportChainAsync(cancellationToken), "cancelled");
        IsLoadingChain = false;
        Chain = chain;
        if (BaseChoices.All(c => c.Kind != Base))
        {
            Base = BaseChoices[0].Kind;
        }

        RaiseChanged();
    }

    /// <summary>Checks every field; returns the request when all are valid, else null with <see cref="Issues"/> set.</summary>
    public ExportRequest? TryBuildRequest(SiteTarget site)
    {
        var issues = new List<ValidationIssue>();
        var target = TargetFolder.Trim();
        if (target.Length == 0)
        {
            issues.Add(new(nameof(TargetFolder), "Choose the folder or media the bundle is written to."));
        }
        else if (!Path.IsPathRooted(target))
        {
            issues.Add(new(nameof(TargetFolder), $"'{target}' is not a full path: use a drive letter (E:\\Transfer) or a UNC path."));
        }
        else if (!_files.DirectoryExists(target))
        {
            issues.Add(new(nameof(TargetFolder), $"The folder '{target}' does not exist. Insert the media or create the folder."));
        }

        var signing = ValidateSigning(issues);
        if (BaseChoices.All(c => c.Kind != Base))
        {
            issues.Add(new(nameof(Base), BaseNote));
        }
        else if (Base == ExportBaseKind.Receipt)
        {
            var receipt = ReceiptPath.Trim();
            if (receipt.Length == 0)
            {
                issues.Add(new(nameof(ReceiptPath), "Choose the state receipt that the disconnected side wrote to the media."));
            }
            else if (!_files.FileExists(receipt))
            {
                issues.Add(new(nameof(ReceiptPath), $"The state receipt '{receipt}' does not exist."));
            }
        }

        var volumeBytes = ValidateVolume(issues);
        var contentRequest = ValidateContentRequest(issues);
        Issues = issues;
        RaiseChanged();
        if (issues.Count > 0)
        {
            return null;
        }

        return new ExportRequest(
            site,
            target,
            signing!,
            Base,
            Base == ExportBaseKind.Receipt ? ReceiptPath.Trim() : null,
            volumeBytes,
            WhatIf)
        {
            ContentRequestPath = contentRequest,
        };
    }

    /// <summary>Optional; when given it must be an existing .json file (the export reads and checks its contents).</summary>
    private string? ValidateContentRequest(List<ValidationIssue> issues)
    {
        var path = ContentRequestPath.Trim();
        if (path.Length == 0)
        {
            return null;
        }

        if (!Path.IsPathRooted(path))
        {
            issues.Add(new(nameof(ContentRequestPath), $"'{path}' is not a full path: use a drive letter (E:\\Transfer\\request.json) or a UNC path."));
        }
        else if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            issues.Add(new(nameof(ContentRequestPath), $"'{path}' is not a content request: choose the request.json that 'cmdsync content request' wrote on the disconnected site."));
        }
        else if (!_files.FileExists(path))
        {
            issues.Add(new(nameof(ContentRequestPath), $"The content request '{path}' does not exist. Insert the media it was carried on, or leave the field empty to export without deployment content."));
        }
        else
        {
            return path;
        }

        return null;
    }

    private SigningCertificate? ValidateSigning(List<ValidationIssue> issues)
    {
        if (Signing == SigningSource.CertificateStore)
        {
            // Thumbprints copied from the certificate dialog carry spaces and often an invisible left-to-right mark.
            var thumbprint = new string(CertificateThumbprint.Where(Uri.IsHexDigit).ToArray()).ToUpperInvariant();
            if (!ThumbprintPattern.IsMatch(thumbprint))
            {
                issues.Add(new(nameof(CertificateThumbprint),
                    "Enter the signing certificate's thumbprint: 40 hexadecimal characters (certlm.msc > certificate > Details > Thumbprint)."));
                return null;
            }

            return SigningCertificate.FromStore(thumbprint);
        }

        var pfx = PfxPath.Trim();
        if (pfx.Length == 0)
        {
            issues.Add(new(nameof(PfxPath), "Choose the PFX file that holds the signing certificate and its private key."));
            return null;
        }

        if (!pfx.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) && !pfx.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
        {
            issues.Add(new(nameof(PfxPath), $"'{pfx}' is not a .pfx or .p12 file."));
            return null;
        }

        if (!_files.FileExists(pfx))
        {
            issues.Add(new(nameof(PfxPath), $"The PFX file '{pfx}' does not exist."));
            return null;
        }

        return SigningCertificate.FromPfx(pfx, PfxPassword.Length == 0 ? null : PfxPassword);
    }

    private long? ValidateVolume(List<ValidationIssue> issues)
    {
        switch (Split)
        {
            case VolumeSplit.None:
                return null;
            case VolumeSplit.Fat32:
                return Fat32MaxFileBytes;
            default:
                if (!int.TryParse(CustomVolumeMegabytes.Trim(), NumberStyles.None, CultureInfo.CurrentCulture, out var megabytes)
                    || megabytes < MinimumCustomVolumeMegabytes)
                {
                    issues.Add(new(nameof(CustomVolumeMegabytes),
                        $"Enter the volume size in whole MB, at least {MinimumCustomVolumeMegabytes}."));
                    return null;
                }

                return Math.Min((long)megabytes * 1024 * 1024, Fat32MaxFileBytes);
        }
    }
}
