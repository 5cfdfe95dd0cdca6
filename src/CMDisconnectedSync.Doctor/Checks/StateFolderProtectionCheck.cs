using CMDisconnectedSync.State;
using CMDisconnectedSync.State.Protection;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// The state folder (trusted-signers.txt, state.json, the export chain, the journals) and every state file in it pass the
/// state folder rule: owned by SYSTEM, Administrators or TrustedInstaller, and no one else may write, delete or change
/// permissions. The same <see cref="StateFolderGuard"/> the workflows run; reads only, changes nothing.
/// </summary>
public sealed class StateFolderProtectionCheck(IStateFolderProtection protection, string stateFolder) : IDoctorCheck
{
    public string Name => "State folder permissions";

    public FieldFact PrimaryFact => FieldFacts.StateFolderProtected;

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DoctorFinding>>([Check()]);

    private DoctorFinding Check()
    {
        var fact = FieldFacts.StateFolderProtected;
        SecurityDescriptorModel? folder;
        IReadOnlyList<StateProtectionFinding> findings;
        try
        {
            folder = protection.Read(stateFolder);
            if (folder is null)
            {
                return fact.NotApplicable(
                    $"{stateFolder} does not exist yet: the first 'cmdsync keys trust', import or export creates it protected. Run the doctor again after that.");
            }

            findings = new StateFolderGuard(protection).Inspect(stateFolder);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or StateFileException)
        {
            return fact.AccessDenied($"{stateFolder}: {ex.Message}");
        }
        catch (IOException ex)
        {
            return fact.Missing(stateFolder, ex.Message);
        }

        if (findings.Count > 0)
        {
            return fact.Differs(
                string.Join("; ", findings.Select(f => $"{f.Path}: {string.Join(", ", f.Problems)}")),
                string.Join(" ", findings.Select(f => f.Message)) + " Until this is fixed, cmdsync refuses the state folder (exit code 25).");
        }

        var writers = (folder.Dacl ?? [])
            .Where(e => e.Allow && (e.Mask & AccessMask.Modifying) != 0)
            .Select(e => WellKnownPrincipals.Describe(e.Principal))
            .Distinct();
        return fact.Confirmed(
            $"{stateFolder}: owner {WellKnownPrincipals.Describe(folder.Owner ?? "?")}, {(folder.DaclProtected ? "protected DACL" : "DACL not protected (inherits)")}, "
            + $"may write: {string.Join(", ", writers)}");
    }
}
