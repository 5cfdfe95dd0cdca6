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

/// <summary>The export options page: target, signing certificate, base, volume size, what-if; validated as a whole.</summary>
public sealed class ExportOptionsPage : ObservablePresenter
{
    /// <summary>FAT32's largest file: 4 GiB − 1 byte (design.md §3).</summary>
    public const long Fat32MaxFileBytes = (4L * 1024 * 1024 * 1024) - 1;

    /// <summary>Smaller volumes would produce thousands of parts for a normal export.</summary>
    public const int MinimumCustomVolumeMegabytes = 100;

    private static readonly Regex ThumbprintPattern = new("^[0-9A-Fa-f]{40}$", RegexOptions.CultureInvariant);
    private readonly IFileSystemProbe _files;

    public ExportOptionsPage(IFileSystemProbe files) => _files = files ?? throw new ArgumentNullException(nameof(files));

    public string TargetFolder { get; set; } = string.Empty;

    public SigningSource Signing { get; set; } = SigningSource.CertificateStore;

    public string CertificateThumbprint { get; set; } = string.Empty;

    public string PfxPath { get; set; } = string.Empty;

    public string PfxPassword { get; set; } = string.Empty;

    public ExportBaseKind Base { get; set; } = ExportBaseKind.LastExport;

    public string ReceiptPath { get; set; } = string.Empty;

    public VolumeSplit Split { get; set; } = VolumeSplit.None;

    public string CustomVolumeMegabytes { get; set; } = string.Empty;

    public bool WhatIf { get; set; }

    public IReadOnlyList<ValidationIssue> Issues { get; private set; } = [];

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
        if (Base == ExportBaseKind.Receipt)
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
            WhatIf);
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
