using CMDisconnectedSync.IO;
using Serilog;

namespace CMDisconnectedSync.State;

/// <summary>
/// Temp files a hard stop (kill, power cut) left in a state folder: <c>*.cmdsync-partial</c> of an atomic write
/// (<c>last-inventory.json.cmdsync-partial</c> after a kill between the export chain's two writes), the journal's
/// <c>*.tmp</c> rewrite, <c>category-snapshot-*.json.&lt;guid&gt;.tmp</c> (a new name per save, so they piled up) and
/// export chain generations its pointer does not name (<see cref="ExportChainStore.SweepUncommitted"/>).
/// Each run sweeps them once it holds its workflow's lock (issue 19).
/// </summary>
/// <remarks>
/// Files only this workflow writes, and only under its lock, are deleted at once. Files another verb may be writing
/// right now without that lock (<c>keys trust</c>, <c>categories snapshot</c>, the other workflow on a shared state
/// folder) are deleted only when untouched for <see cref="StaleAfter"/>: no write of a few KB takes that long.
/// </remarks>
public static class StateFolderLeftovers
{
    /// <summary>How long a temp file of another writer must be untouched before it counts as left behind.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    /// <summary>Deletes the leftovers <paramref name="workflow"/> (<c>import</c> or <c>export</c>) may sweep; returns their paths.</summary>
    public static IReadOnlyList<string> Sweep(string stateFolder, string workflow, TimeProvider clock, ILogger logger)
    {
        _ = stateFolder ?? throw new ArgumentNullException(nameof(stateFolder));
        _ = clock ?? throw new ArgumentNullException(nameof(clock));
        _ = logger ?? throw new ArgumentNullException(nameof(logger));
        if (!Directory.Exists(stateFolder))
        {
            return [];
        }

        var own = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var journal = workflow == Workflows.WorkflowJournalFiles.ExportWorkflowName
            ? Workflows.WorkflowJournalFiles.ExportJournal(stateFolder)
            : Workflows.WorkflowJournalFiles.ImportJournal(stateFolder);
        own.Add(journal + ".tmp");
        string[] names = workflow == Workflows.WorkflowJournalFiles.ExportWorkflowName
            ? [ExportChainStore.LastManifestFileName, ExportChainStore.LastInventoryFileName, ExportChainStore.PointerFileName]
            : [DisconnectedStateStore.StateFileName, DisconnectedStateStore.InventoryFileName];
        foreach (var name in names)
        {
            own.Add(Path.Combine(stateFolder, name + HashingFileCopier.PartialSuffix));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = Directory.EnumerateFiles(stateFolder, "*" + HashingFileCopier.PartialSuffix)
            .Concat(Directory.EnumerateFiles(stateFolder, "category-snapshot-*.json.*.tmp"))
            .Concat(own.Where(File.Exists))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        var swept = new List<string>();
        foreach (var path in candidates)
        {
            if (!own.Contains(path) && now - File.GetLastWriteTimeUtc(path) < StaleAfter)
            {
                continue;
            }

            // Only plain files: a link here is not ours to follow or to delete blindly.
            if (RegularFile.KindOf(path) != FileKind.Regular)
            {
                continue;
            }

            File.Delete(path);
            swept.Add(path);
            logger.Information("Deleted {Path}, a temp file an interrupted run left in the state folder", path);
        }

        if (workflow == Workflows.WorkflowJournalFiles.ExportWorkflowName)
        {
            // Generation folders of the export chain that its pointer does not name (a kill before or after the flip).
            swept.AddRange(ExportChainStore.SweepUncommitted(stateFolder, logger));
        }

        return swept;
    }
}
