namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// Whether the hierarchy allows only approved console extensions. Microsoft documents the setting in the console only
/// (Hierarchy Settings) and no SMS Provider class or property for it was found in public sources, so it is not read:
/// the finding says how to check it by hand. Correct this here once a documented, read-only source is known.
/// </summary>
public sealed class ApprovedExtensionsCheck : IDoctorCheck
{
    public string Name => "Only approved console extensions (hierarchy setting)";

    public FieldFact PrimaryFact => FieldFacts.ApprovedExtensionsOnly;

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DoctorFinding>>([FieldFacts.ApprovedExtensionsOnly.NotApplicable(
            "No documented SMS Provider class exposes this setting, so cmdsync does not read it. Check by hand: Administration > Site "
            + "Configuration > Sites > Hierarchy Settings > General: 'Only allow console extensions that are approved for the hierarchy'. "
            + "When it is on, import and approve CMDisconnectedSync.ConsoleExtension.cab (Administration > Updates and Servicing > "
            + "Console Extensions) instead of 'cmdsync console install --legacy'.")]);
}
