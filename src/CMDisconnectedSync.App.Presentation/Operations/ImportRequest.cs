namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>An import of a verified bundle.</summary>
/// <param name="Site">The disconnected site and SUP.</param>
/// <param name="BundlePath">The bundle folder (first volume when split).</param>
/// <param name="WhatIf">Plan only: verify and report what would be done, write nothing.</param>
public sealed record ImportRequest(SiteTarget Site, string BundlePath, bool WhatIf);

/// <summary>What an import did.</summary>
/// <param name="Sequence">The imported bundle's sequence (now the last imported one).</param>
/// <param name="ContentFilesCopied">Content files copied into WsusContent (Core's <c>ContentInstallResult.Copied</c>).</param>
/// <param name="ContentFilesAlreadyPresent">Files found already in place with the right hash (<c>AlreadyPresent</c>), e.g. after a resume.</param>
/// <param name="BytesCopied">Bytes copied.</param>
/// <param name="FinalSync">The SUP's sync state when the import finished waiting; null for a what-if run.</param>
/// <param name="LogPath">The run's CMTrace log.</param>
/// <param name="NewCategoryCount">New products/classifications found after the sync (see the Next steps page).</param>
/// <param name="WhatIf">True when nothing was written.</param>
/// <param name="PlannedActions">For a what-if run, the plan as lines; empty otherwise.</param>
/// <param name="Receipt">
/// The state receipt written into the state folder after the import (for the export side's next bundle); null for a
/// what-if run, or when it could not be written (the log says why; <c>SaveReceiptAsync</c> writes one again).
/// </param>
/// <param name="ContentCopiedEarlier">
/// The content copy finished in an earlier run that stopped later (a resumed import): this run copied nothing because
/// nothing was left to copy, not because the bundle was empty.
/// </param>
public sealed record ImportResult(
    long Sequence,
    int ContentFilesCopied,
    int ContentFilesAlreadyPresent,
    long BytesCopied,
    SupSyncState? FinalSync,
    string LogPath,
    int NewCategoryCount,
    bool WhatIf,
    IReadOnlyList<string> PlannedActions,
    SavedReceipt? Receipt = null,
    bool ContentCopiedEarlier = false);
