using System.Globalization;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.State;

namespace CMDisconnectedSync.Workflows;

/// <summary>The base an export is a delta against, and the sequence the new bundle gets.</summary>
/// <param name="Baseline">The inventory and anchor to compare with; null for a full bundle.</param>
/// <param name="Sequence">The new bundle's sequence: above the chain's head and above the base.</param>
/// <param name="Description">Where the base came from, for the plan and the log.</param>
public sealed record ExportBase(DeltaBase? Baseline, long Sequence, string Description);

/// <summary>
/// Picks the export's base: a state receipt when given, else a named earlier bundle, else the export chain (the
/// previous export), else none (the first bundle is full). The sequence always continues the export chain, so the
/// disconnected side never sees it go backwards.
/// </summary>
public sealed class ExportBaseResolver
{
    private readonly State.Protection.IStateFolderProtection _protection;

    /// <param name="protection">Who may change the export chain's state folder (its files are refused when a non-administrator can).</param>
    public ExportBaseResolver(State.Protection.IStateFolderProtection protection) =>
        _protection = protection ?? throw new ArgumentNullException(nameof(protection));

    public async Task<ExportBase> ResolveAsync(ExportRequest request, CancellationToken cancellationToken)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        var chain = await new ExportChainStore(request.StateFolder, _protection).LoadAsync(cancellationToken).ConfigureAwait(false);
        var next = chain?.NextSequence ?? 1;
        if (request.ReceiptPath is not null)
        {
            var receipt = await new StateReceiptFile().ReadAsync(request.ReceiptPath, cancellationToken).ConfigureAwait(false);
            var baseline = receipt.ToDeltaBase();
            return new ExportBase(baseline, Above(next, baseline.Base),
                string.Format(CultureInfo.InvariantCulture, "state receipt {0} from {1} (last accepted sequence {2})",
                    request.ReceiptPath, receipt.Server, receipt.LastAccepted?.Sequence.ToString(CultureInfo.InvariantCulture) ?? "none"));
        }

        if (request.BaseBundleFolder is not null)
        {
            var manifestPath = BundleManifestLocator.Find(request.BaseBundleFolder);
            var (manifest, sha256) = await ManifestSerializer.ReadFileAsync(manifestPath, cancellationToken).ConfigureAwait(false);
            if (chain is not null && string.Equals(chain.LastManifestSha256, sha256, StringComparison.OrdinalIgnoreCase))
            {
                return new ExportBase(chain.ToDeltaBase(), next, $"bundle {request.BaseBundleFolder} (the export chain's head, sequence {chain.LastSequence})");
            }

            if (manifest.Base is not null)
            {
                throw new WorkflowFailedException(new WorkflowFailure(WorkflowFailureKind.InvalidRequest, "base",
                    $"The bundle {request.BaseBundleFolder} (sequence {manifest.Sequence}) is a delta bundle and is not the export chain's last "
                    + "export, so it does not describe everything the disconnected server has. Use --receipt with a state receipt made there "
                    + "('cmdsync receipt'), or leave out --base to use the export chain."));
            }

            var inventory = ContentInventory.From(manifest.Files.Select(f => new InventoryEntry
            {
                Path = f.Path,
                Size = f.Size,
                Sha256 = f.Sha256,
                LastWriteUtc = DateTimeOffset.MinValue,
            }));
            var fromBundle = new DeltaBase(new BundleBase(manifest.Sequence, sha256), inventory, TimestampsComparable: false);
            return new ExportBase(fromBundle, Above(next, fromBundle.Base), $"full bundle {request.BaseBundleFolder} (sequence {manifest.Sequence})");
        }

        return chain is null
            ? new ExportBase(null, next, "none: first export, the bundle is full")
            : new ExportBase(chain.ToDeltaBase(), next, $"export chain in {request.StateFolder} (last export: sequence {chain.LastSequence})"
                + (chain.Repair is null ? string.Empty : " " + chain.Repair));
    }

    private static long Above(long next, BundleBase? baseAnchor) =>
        baseAnchor is not null && baseAnchor.Sequence >= next ? baseAnchor.Sequence + 1 : next;
}
