namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>
/// A state receipt written for the export side (what <c>cmdsync receipt</c> writes): every WsusContent file with size
/// and SHA-256, plus the last accepted bundle. The export wizard takes it as the base "Receipt".
/// </summary>
/// <param name="Path">The receipt file.</param>
/// <param name="HashPath">Its <c>.sha256</c> file, written beside it (carry both).</param>
/// <param name="Files">Content files listed.</param>
/// <param name="LastAcceptedSequence">The last bundle this server accepted; null before the first import.</param>
public sealed record SavedReceipt(string Path, string HashPath, int Files, long? LastAcceptedSequence);
