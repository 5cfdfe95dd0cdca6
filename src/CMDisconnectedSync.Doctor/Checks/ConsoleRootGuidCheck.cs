using CMDisconnectedSync.ConsoleExtension.Discovery;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// The console's own node definitions (<c>XmlStorage\ConsoleRoot</c>, read with <see cref="ConsoleRootCatalog"/>) still
/// contain the GUIDs our actions hang under; and which queries over <see cref="FieldFacts.RolePaneWmiClass"/> could be the
/// Servers and Site System Roles pane, whose GUID no public source names (none ships; the admin passes it with
/// <c>--role-pane-guid</c> to get the role-row actions).
/// </summary>
/// <param name="console">Where the console is.</param>
/// <param name="readConsoleRoot">Reads a ConsoleRoot folder (<see cref="ConsoleRootCatalog.Read"/>; a refusing stand-in in tests).</param>
public sealed class ConsoleRootGuidCheck(ConsoleFolderLookup console, Func<string, IReadOnlyList<ConsoleRootEntry>> readConsoleRoot) : IDoctorCheck
{
    public ConsoleRootGuidCheck(ConsoleFolderLookup console)
        : this(console, ConsoleRootCatalog.Read)
    {
    }

    public string Name => "Console node GUIDs in XmlStorage\\ConsoleRoot";

    public FieldFact PrimaryFact => FieldFacts.ParentNodes[0];

    private static IEnumerable<FieldFact> Facts => FieldFacts.ParentNodes.Append(FieldFacts.RolePane);

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken)
    {
        if (console.Folder is not { } folder)
        {
            return Done(Facts.Select(f => f.NotApplicable("No ConfigMgr console on this machine (see console.path).")));
        }

        var consoleRoot = Path.Combine(folder, "XmlStorage", "ConsoleRoot");
        IReadOnlyList<ConsoleRootEntry> entries;
        try
        {
            entries = readConsoleRoot(consoleRoot);
        }
        catch (UnauthorizedAccessException ex)
        {
            return Done(Facts.Select(f => f.AccessDenied($"{consoleRoot} could not be read: {ex.Message}")));
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or InvalidDataException)
        {
            return Done(Facts.Select(f => f.Missing("(ConsoleRoot not readable)", ex.Message)));
        }

        return Done(FieldFacts.ParentNodes.Select(fact => ParentFinding(fact, entries)).Append(RolePaneFinding(entries)));
    }

    private static DoctorFinding ParentFinding(FieldFact fact, IReadOnlyList<ConsoleRootEntry> entries)
    {
        var match = entries.FirstOrDefault(e => string.Equals(e.NamespaceGuid, fact.Expected, StringComparison.OrdinalIgnoreCase));
        return match is null
            ? fact.Missing("(not in ConsoleRoot)",
                "Our actions under this GUID will not appear in this console version. List the console's GUIDs with "
                + "'cmdsync console discover' and report the node's new GUID (one line in ConsoleNodeIds).")
            : fact.Confirmed(Describe(match));
    }

    private static DoctorFinding RolePaneFinding(IReadOnlyList<ConsoleRootEntry> entries)
    {
        var fact = FieldFacts.RolePane;
        var candidates = entries
            .Where(e => e.Kind == ConsoleRootEntryKind.Query && TextSearch.ContainsIgnoringCase(e.Wql, FieldFacts.RolePaneWmiClass))
            .ToList();
        if (candidates.Count == 0)
        {
            return fact.Missing("(not in ConsoleRoot; no query over " + FieldFacts.RolePaneWmiClass + ")",
                "The role-row actions (Export/Import on the software update point row) cannot be placed in this console. Use the node-level actions "
                + "under Software Library > Software Updates, and run 'cmdsync console discover --filter " + FieldFacts.RolePaneWmiClass + "'.");
        }

        // Not checkable: no public source says which of these is the pane, so nothing here can be confirmed or differ.
        return fact.Finding(CheckStatus.NotApplicable, "candidates: " + string.Join("; ", candidates.Select(Describe)),
            "No role-pane GUID ships with CMDisconnectedSync (no public source names it; a guess would never appear), so the software update "
            + "point's role row has no Export/Import actions unless you add them. Confirm which candidate is Administration > Site Configuration > "
            + "Servers and Site System Roles (lower pane), then run 'cmdsync console install --legacy --role-pane-guid <GUID>', or build your "
            + "site's own cab with 'cmdsync console generate --role-pane-guid <GUID> --cab-stage <empty folder> --payload <app folder>' and sign it; "
            + "please report the GUID and console version so it can ship.");
    }

    private static string Describe(ConsoleRootEntry entry) =>
        $"{entry.NamespaceGuid} {entry.Kind} at {(entry.NodePath.Length == 0 ? "(root)" : entry.NodePath)} in {Path.GetFileName(entry.SourceFile)}";

    private static Task<IReadOnlyList<DoctorFinding>> Done(IEnumerable<DoctorFinding> findings) =>
        Task.FromResult<IReadOnlyList<DoctorFinding>>(findings.ToList());
}
