namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>What the export is a delta against.</summary>
public enum ExportBaseKind
{
    /// <summary>Send all content (first transfer, or the other side was rebuilt).</summary>
    Full,

    /// <summary>Send what changed since the last export recorded on this server.</summary>
    LastExport,

    /// <summary>Send exactly what a state receipt from the disconnected side says it is missing.</summary>
    Receipt,
}

/// <summary>The signing certificate: a thumbprint in the Windows certificate store, or a PFX file.</summary>
public sealed record SigningCertificate(string? StoreThumbprint, string? PfxPath, string? PfxPassword)
{
    public static SigningCertificate FromStore(string thumbprint) => new(thumbprint, null, null);

    public static SigningCertificate FromPfx(string path, string? password) => new(null, path, password);

    /// <summary>For messages and logs: never includes the password.</summary>
    public string Describe() => StoreThumbprint is not null ? "certificate " + StoreThumbprint : "PFX " + PfxPath;

    public override string ToString() => Describe();
}

/// <summary>An export as chosen on the options page.</summary>
/// <param name="Site">The site (and SUP) to export from.</param>
/// <param name="TargetFolder">Folder or media root the bundle is written to.</param>
/// <param name="Signing">The signing certificate.</param>
/// <param name="Base">What the export is a delta against.</param>
/// <param name="ReceiptPath">The state receipt file when <paramref name="Base"/> is <see cref="ExportBaseKind.Receipt"/>.</param>
/// <param name="MaxVolumeBytes">Split into volumes no larger than this (FAT32: 4 GiB − 1); null for one volume.</param>
/// <param name="WhatIf">Plan only: report what would be done, write nothing.</param>
public sealed record ExportRequest(
    SiteTarget Site,
    string TargetFolder,
    SigningCertificate Signing,
    ExportBaseKind Base,
    string? ReceiptPath,
    long? MaxVolumeBytes,
    bool WhatIf)
{
    /// <summary>
    /// A content request the disconnected site wrote (<c>cmdsync content request</c>): the export downloads the files it
    /// lists, checks each against Microsoft's digest and carries them in the bundle (issue 18); null for none.
    /// </summary>
    public string? ContentRequestPath { get; init; }
}

/// <summary>What an export produced (or, for a what-if run, would produce).</summary>
/// <param name="BundlePath">The bundle folder (Core's <c>BundleWriteResult.BundleFolder</c>).</param>
/// <param name="Files">Files in the bundle (the manifest's file count).</param>
/// <param name="Bytes">Bytes written (or to be written).</param>
/// <param name="Signer">Signer subject and thumbprint.</param>
/// <param name="Sequence">The bundle's sequence number.</param>
/// <param name="LogPath">The run's CMTrace log.</param>
/// <param name="WhatIf">True when nothing was written.</param>
/// <param name="PlannedActions">For a what-if run, the plan as lines; empty otherwise.</param>
public sealed record ExportResult(
    string BundlePath,
    int Files,
    long Bytes,
    string Signer,
    long Sequence,
    string LogPath,
    bool WhatIf,
    IReadOnlyList<string> PlannedActions);
