using System.Security;
using CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// Every ConfigMgr SDK type and member our adapter calls exists in the console's <c>AdminConsole\bin</c> SDK with the
/// signature we compiled against. <see cref="SdkIdentityCheck"/> proves the runtime binds the assemblies; this proves
/// the calls into them bind too, instead of failing with MissingMethodException in the middle of an import.
/// </summary>
/// <param name="console">Where the console is.</param>
/// <param name="adapterAssemblyPath">Our adapter, CMDisconnectedSync.ConfigMgr.dll (<see cref="SdkBindingReader.AdapterAssemblyPath"/>).</param>
/// <param name="resolve">Resolves the adapter's SDK references in a bin folder (<see cref="SdkBindingReader.Resolve"/>).</param>
public sealed class SdkMembersCheck(
    ConsoleFolderLookup console, string adapterAssemblyPath, Func<string, string, SdkBindingReport> resolve) : IDoctorCheck
{
    private const string Fix =
        "This console build's SDK lacks members cmdsync needs: update the console to the site's version, or report the doctor JSON "
        + "(cmdsync doctor --json) so the adapter can be adjusted.";

    public string Name => "ConfigMgr SDK members cmdsync calls";

    public FieldFact PrimaryFact => FieldFacts.SdkMembers;

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DoctorFinding>>([Check()]);

    private DoctorFinding Check()
    {
        var fact = FieldFacts.SdkMembers;
        if (console.Folder is not { } folder)
        {
            return fact.NotApplicable("No ConfigMgr console on this machine (see console.path), so there is no SDK to check.");
        }

        var bin = Path.Combine(folder, "bin");
        var absent = SdkIdentityReader.SdkFileNames.Where(file => !File.Exists(Path.Combine(bin, file))).ToList();
        if (absent.Count > 0)
        {
            return fact.Missing("(no file)",
                $"{string.Join(" and ", absent)} missing from {bin}: the console install is incomplete. Repair or reinstall the ConfigMgr console.");
        }

        SdkBindingReport report;
        try
        {
            report = resolve(adapterAssemblyPath, bin);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or SecurityException)
        {
            return fact.AccessDenied($"The SDK DLLs in {bin} could not be read: {ex.Message} Run cmdsync doctor as a user who can read the console folder.");
        }

        if (report.References.Count == 0)
        {
            throw new InvalidOperationException($"{adapterAssemblyPath} references no ConfigMgr SDK member: this build is broken.");
        }

        var total = report.References.Count;
        var problems = report.Problems;
        if (problems.Count == 0)
        {
            var leftToFramework = report.References.Count(reference => reference.Outcome == SdkReferenceOutcome.LeftToFrameworkBase);
            return fact.Confirmed($"{total} of {total} SDK members cmdsync uses are present in {bin}",
                leftToFramework == 0 ? string.Empty : $"{leftToFramework} of them are inherited from .NET base types, which this check does not read.");
        }

        return fact.Differs(
            $"{problems.Count} of {total} SDK members cmdsync uses are missing or different in {bin}: {string.Join(", ", problems.Select(p => ShortName(p.Reference)))}",
            string.Join("; ", problems.Select(p => $"{ShortName(p.Reference)} ({p.Outcome}): needed {p.Needed}; found {p.Found}")) + ". " + Fix);
    }

    /// <summary><c>Namespace.Type::Member</c> as <c>Type::Member</c>: the namespaces are the SDK's own and the same for all.</summary>
    private static string ShortName(string reference)
    {
        var memberAt = reference.IndexOf("::", StringComparison.Ordinal);
        var typeEnd = memberAt < 0 ? reference.Length : memberAt;
        return reference.Substring(reference.LastIndexOf('.', typeEnd - 1) + 1);
    }
}
