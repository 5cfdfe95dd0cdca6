using CMDisconnectedSync.ConsoleExtension.Discovery;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// The console's own node definitions (<c>XmlStorage\ConsoleRoot</c>, read with <see cref="ConsoleRootCatalog"/>) still
/// contain the GUIDs our actions hang under, and the Servers and Site System Roles pane GUID we install the role-row
/// actions for. When that GUID is missing, the queries over <see cref="FieldFacts.RolePaneWmiClass"/> are named as candidates.
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
        var match = entries.FirstOrDefault(e => string.Equals(e.NamespaceGuid, fact.Expected, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return fact.Confirmed(Describe(match));
        }

        var candidates = entries
            .Where(e => e.Kind == ConsoleRootEntryKind.Query && TextSearch.ContainsIgnoringCase(e.Wql, FieldFacts.RolePaneWmiClass))
            .ToList();
        if (candidates.Count == 0)
        {
            return fact.Missing("(not in ConsoleRoot; no query over " + FieldFacts.RolePaneWmiClass + ")",
                "The role-row actions (Export/Import on the software update point row) will not appear. Use the node-level actions "
                + "under Software Library > Software Updates, and run 'cmdsync console discover --filter " + FieldFacts.RolePaneWmiClass + "'.");
        }

        return fact.Differs("candidates: " + string.Join("; ", candidates.Select(Describe)),
            "Our GUID is a placeholder and this console does not have it. Confirm which candidate is Administration > Site Configuration > "
            + "Servers and Site System Roles (lower pane), then install with 'cmdsync console install --legacy --role-pane-guid <GUID>' "
            + "and report the GUID (one line in ConsoleNodeIds.SiteSystemRolesPaneUnconfirmed).");
    }

    private static string Describe(ConsoleRootEntry entry) =>
        $"{entry.NamespaceGuid} {entry.Kind} at {(entry.NodePath.Length == 0 ? "(root)" : entry.NodePath)} in {Path.GetFileName(entry.SourceFile)}";

    private static Task<IReadOnlyList<DoctorFinding>> Done(IEnumerable<DoctorFinding> findings) =>
        Task.FromResult<IReadOnlyList<DoctorFinding>>(findings.ToList());
}
