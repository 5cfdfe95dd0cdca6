using System.Text;
using System.Text.Json;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.State;

namespace CMDisconnectedSync.Delta;

/// <summary>
/// Writes and reads receipt files: <c>receipt.json</c> (canonical JSON) and <c>receipt.json.sha256</c> (its hash, in
/// <c>sha256sum</c> format, to catch damage in transit).
/// </summary>
/// <remarks>
/// A receipt is a convenience for choosing what to send, not a security boundary, and it is not signed: the
/// disconnected server holds no signing key, and the export server has no list of keys to trust for receipts.
/// (A <c>.p7s</c> was once written when a signer was passed, but nothing ever checked it, so it was dropped.) Anyone
/// who can edit the return media can edit both files. What that can and cannot do: claiming a file is present makes
/// the export withhold it (and the export chain then believes it was delivered) until a receipt made afresh on the
/// disconnected server lists it as absent; claiming files are absent only makes the export send more; a changed
/// last-accepted anchor makes the import refuse the bundle (BaseMismatch). Nothing unsigned is ever installed: the
/// import verifies every file against the signed manifest. Pinned by
/// <c>ImportWorkflowTests.RunAsync_ReceiptEditedToClaimAFile_WithheldUntilAnHonestReceipt</c>.
/// </remarks>
public sealed class StateReceiptFile
{
    public const string HashSuffix = ".sha256";

    public static byte[] Serialize(StateReceipt receipt)
    {
        _ = receipt ?? throw new ArgumentNullException(nameof(receipt));
        return JsonSerializer.SerializeToUtf8Bytes(receipt with { Inventory = ContentInventory.From(receipt.Inventory.Entries) }, BundleJsonContext.Default.StateReceipt);
    }

    public async Task WriteAsync(StateReceipt receipt, string path, CancellationToken cancellationToken)
    {
        var bytes = Serialize(receipt);
        await AtomicFile.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        var line = $"{Sha256Hex.OfBytes(bytes)}  {Path.GetFileName(path)}\n";
        await AtomicFile.WriteAllBytesAsync(path + HashSuffix, new UTF8Encoding(false).GetBytes(line), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a receipt and checks it against its <c>.sha256</c> file (required): damage, not forgery (see remarks).</summary>
    public async Task<StateReceipt> ReadAsync(string path, CancellationToken cancellationToken)
    {
        _ = path ?? throw new ArgumentNullException(nameof(path));
        if (!File.Exists(path) || !File.Exists(path + HashSuffix))
        {
            throw new StateFileException($"The receipt '{path}' or its '{Path.GetFileName(path)}{HashSuffix}' is missing. Copy both from the disconnected side (made by 'cmdsync receipt').");
        }

        var bytes = await Task.Run(() => StateFileReader.ReadAllBytes(path, ManifestSerializer.MaxManifestBytes), cancellationToken).ConfigureAwait(false);
        var expected = StateFileReader.ReadAllText(path + HashSuffix, StateFileReader.MaxSmallFileBytes).Trim().Split(' ')[0];
        var actual = Sha256Hex.OfBytes(bytes);
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new StateFileException($"The receipt '{path}' has SHA-256 {actual} but '{path}{HashSuffix}' says {expected}: it was damaged or edited. Make a new receipt on the disconnected side.");
        }

        StateReceipt? receipt;
        try
        {
            receipt = JsonSerializer.Deserialize(bytes, BundleJsonContext.Default.StateReceipt);
        }
        catch (JsonException ex)
        {
            throw new StateFileException($"The receipt '{path}' is not valid ({ex.Message}). Make a new receipt on the disconnected side.", ex);
        }

        ManifestSerializer.EnsureSupportedVersion(new FormatVersionProbe(receipt?.FormatVersion), path);
        var problem = receipt is null ? "it holds null"
            : StateDocumentRules.InventoryProblem(receipt.Inventory)
              ?? (receipt.LastAccepted is null ? null : StateDocumentRules.AnchorProblem(receipt.LastAccepted.Sequence, receipt.LastAccepted.ManifestSha256, "lastAccepted"));
        return problem is null
            ? receipt!
            : throw new StateFileException($"The receipt '{path}' is not valid ({problem}). Make a new receipt on the disconnected side.");
    }
}
