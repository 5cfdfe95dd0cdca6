using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.State.Protection;

namespace CMDisconnectedSync.State;

/// <summary>
/// The disconnected side's state folder: <c>state.json</c> (last accepted sequence + manifest hash, highest sequence
/// ever accepted, rollback overrides), <c>trusted-signers.txt</c> (one thumbprint per line, <c>#</c> comments) and <c>inventory.json</c>
/// (what was installed, with hashes). Every write is temp+rename, so a crash leaves the old or the new file. Reads refuse
/// a folder or file a non-administrator owns or can change, and the first write creates the folder protected
/// (<see cref="StateFolderGuard"/>).
/// </summary>
public sealed class DisconnectedStateStore
{
    public const string StateFileName = "state.json";
    public const string TrustedSignersFileName = "trusted-signers.txt";
    public const string InventoryFileName = "inventory.json";

    private readonly TimeProvider _clock;
    private readonly StateFolderGuard _guard;

    public DisconnectedStateStore(string folder, TimeProvider clock, IStateFolderProtection protection)
    {
        Folder = folder ?? throw new ArgumentNullException(nameof(folder));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _guard = new StateFolderGuard(protection ?? throw new ArgumentNullException(nameof(protection)));
    }

    public string Folder { get; }

    /// <summary>Creates the folder protected on first use, or protects an unprotected one (see <see cref="StateFolderGuard.Prepare"/>), then checks it.</summary>
    public void Protect() => _guard.Prepare(Folder);

    public async Task<AcceptedState> LoadAcceptedAsync(CancellationToken cancellationToken)
    {
        var state = await ReadJsonAsync(StateFileName, BundleJsonContext.Default.AcceptedState, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return new AcceptedState();
        }

        state = Checked(StateFileName, state, StateDocumentRules.AcceptedProblem(state));
        // A state.json written before the highest sequence was kept has none: the last accepted one is the highest known.
        return state.LastAccepted is { } last && state.HighestAcceptedSequence < last.Sequence
            ? state with { HighestAcceptedSequence = last.Sequence }
            : state;
    }

    public async Task<ContentInventory> LoadInventoryAsync(CancellationToken cancellationToken)
    {
        var inventory = await ReadJsonAsync(InventoryFileName, BundleJsonContext.Default.ContentInventory, cancellationToken).ConfigureAwait(false);
        return inventory is null ? ContentInventory.Empty : Checked(InventoryFileName, inventory, StateDocumentRules.InventoryProblem(inventory));
    }

    public TrustedSigners LoadTrustedSigners()
    {
        var path = Path.Combine(Folder, TrustedSignersFileName);
        _guard.Check(Folder);
        if (!File.Exists(path))
        {
            return TrustedSigners.None;
        }

        var signers = new List<SignerIdentity>();
        var lineNumber = 0;
        foreach (var raw in StateFileReader.ReadAllLines(path, StateFileReader.MaxSmallFileBytes))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var hash = line.IndexOf('#');
            var thumbprint = (hash < 0 ? line : line.Substring(0, hash)).Trim();
            var subject = hash < 0 ? string.Empty : line.Substring(hash + 1).Trim();
            if (!TrustedSigners.IsThumbprint(thumbprint))
            {
                throw new StateFileException($"'{path}' line {lineNumber}: '{thumbprint}' is not a 40-digit certificate thumbprint. Fix or remove the line, or re-add the signer with 'cmdsync keys trust'.");
            }

            var (name, notAfter) = TrustedSignerComment.Parse(subject);
            signers.Add(new SignerIdentity(name, TrustedSigners.NormalizeThumbprint(thumbprint)) { NotAfterUtc = notAfter });
        }

        return new TrustedSigners(signers);
    }

    public async Task SaveTrustedSignersAsync(TrustedSigners signers, CancellationToken cancellationToken)
    {
        _ = signers ?? throw new ArgumentNullException(nameof(signers));
        var text = new StringBuilder("# Certificates whose signed bundles this server accepts: thumbprint  # subject [expires <UTC>]\n");
        foreach (var signer in signers.Signers)
        {
            text.Append(signer.Thumbprint).Append("  # ").Append(TrustedSignerComment.Format(signer)).Append('\n');
        }

        _guard.Prepare(Folder);
        await AtomicFile.WriteAllBytesAsync(Path.Combine(Folder, TrustedSignersFileName), new UTF8Encoding(false).GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records <paramref name="bundle"/> as accepted (its sequence and manifest hash become the new anchor) and
    /// merges <paramref name="installed"/> into the inventory. A <paramref name="rollbackReason"/> is required
    /// when the sequence is not above the highest one ever accepted, and is kept in <c>state.json</c>; the highest
    /// sequence is never lowered, so one override does not reopen the sequences between the new anchor and it.
    /// </summary>
    public async Task RecordAcceptedAsync(VerifiedBundle bundle, IReadOnlyList<InventoryEntry> installed, string? rollbackReason, CancellationToken cancellationToken)
    {
        _ = bundle ?? throw new ArgumentNullException(nameof(bundle));
        _ = installed ?? throw new ArgumentNullException(nameof(installed));
        _guard.Prepare(Folder);
        var state = await LoadAcceptedAsync(cancellationToken).ConfigureAwait(false);
        var now = _clock.GetUtcNow();
        var overrides = state.RollbackOverrides.ToList();
        var highest = state.HighestAcceptedSequence;
        if (bundle.Manifest.Sequence <= highest)
        {
            if (string.IsNullOrWhiteSpace(rollbackReason))
            {
                throw new InvalidOperationException(
                    $"Bundle sequence {bundle.Manifest.Sequence} is not above the highest accepted {highest}; recording it needs a rollback reason.");
            }

            overrides.Add(new RollbackOverride { FromSequence = state.LastAccepted?.Sequence ?? highest, ToSequence = bundle.Manifest.Sequence, Reason = rollbackReason!, AtUtc = now });
        }

        var inventory = await LoadInventoryAsync(cancellationToken).ConfigureAwait(false);
        var merged = inventory.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        foreach (var entry in installed)
        {
            merged[entry.Path] = entry;
        }

        await WriteJsonAsync(InventoryFileName, ContentInventory.From(merged.Values), BundleJsonContext.Default.ContentInventory, cancellationToken).ConfigureAwait(false);
        var updated = state with
        {
            LastAccepted = new AcceptedBundle { Sequence = bundle.Manifest.Sequence, ManifestSha256 = bundle.ManifestSha256, BundleId = bundle.Manifest.BundleId, AcceptedAtUtc = now },
            HighestAcceptedSequence = Math.Max(highest, bundle.Manifest.Sequence),
            RollbackOverrides = overrides,
        };
        await WriteJsonAsync(StateFileName, updated, BundleJsonContext.Default.AcceptedState, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T?> ReadJsonAsync<T>(string name, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var path = Path.Combine(Folder, name);
        _guard.Check(Folder);
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = StateFileReader.OpenRead(path, name == InventoryFileName ? StateFileReader.MaxInventoryBytes : StateFileReader.MaxSmallFileBytes, FileStreams.BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new StateFileException(string.Format(CultureInfo.InvariantCulture,
                "The state file '{0}' is damaged ({1}). Restore it from backup; do not delete it, or replay protection is lost.", path, ex.Message), ex);
        }
    }

    /// <summary>Returns <paramref name="document"/>, or throws when it parsed as JSON but breaks the rules (<paramref name="problem"/>).</summary>
    private T Checked<T>(string name, T document, string? problem) =>
        problem is null
            ? document
            : throw new StateFileException(string.Format(CultureInfo.InvariantCulture,
                "The state file '{0}' is damaged ({1}). Restore it from backup; do not delete it, or replay protection is lost.", Path.Combine(Folder, name), problem));

    private Task WriteJsonAsync<T>(string name, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllBytesAsync(Path.Combine(Folder, name), JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), cancellationToken);
}
