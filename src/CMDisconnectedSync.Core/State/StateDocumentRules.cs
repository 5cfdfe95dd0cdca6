using CMDisconnectedSync.Delta;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.State;

/// <summary>
/// What a state, inventory or receipt document must satisfy after its JSON parsed, so that every consumer (verifier,
/// delta planner, receipt builder) gets a usable object or a <see cref="StateFileException"/>, never a crash on a
/// null path, a duplicate path or a short hash. Each method returns the first problem in words, or null.
/// </summary>
internal static class StateDocumentRules
{
    public static string? InventoryProblem(ContentInventory? inventory)
    {
        if (inventory?.Entries is null)
        {
            return "it has no entries list";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in inventory.Entries)
        {
            if (entry?.Path is null)
            {
                return "an entry is null or has no path";
            }

            if (entry.Size < 0)
            {
                return $"'{entry.Path}' has a negative size";
            }

            if (entry.Sha256 is not null && !Sha256Hex.IsWellFormed(entry.Sha256))
            {
                return $"'{entry.Path}' has a sha256 that is not 64 lowercase hex digits";
            }

            if (!seen.Add(entry.Path))
            {
                return $"'{entry.Path}' is listed twice";
            }
        }

        return null;
    }

    public static string? AcceptedProblem(AcceptedState state)
    {
        if (state.RollbackOverrides is null || state.RollbackOverrides.Any(o => o is null))
        {
            return "rollbackOverrides is missing or has a null entry";
        }

        if (state.HighestAcceptedSequence < 0)
        {
            return "highestAcceptedSequence is negative";
        }

        return state.LastAccepted is null ? null : AnchorProblem(state.LastAccepted.Sequence, state.LastAccepted.ManifestSha256, "lastAccepted")
            ?? (string.IsNullOrEmpty(state.LastAccepted.BundleId) ? "lastAccepted.bundleId is empty" : null);
    }

    /// <summary>A sequence + manifest hash pair (last accepted bundle, a receipt's base) must be usable as an anchor.</summary>
    public static string? AnchorProblem(long sequence, string? manifestSha256, string name) =>
        sequence < 1 ? $"{name}.sequence must be 1 or more"
        : !Sha256Hex.IsWellFormed(manifestSha256) ? $"{name}.manifestSha256 is not 64 lowercase hex digits"
        : null;
}
