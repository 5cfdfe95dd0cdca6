namespace CMDisconnectedSync.Doctor;

/// <summary>
/// One read-only check of <c>cmdsync doctor</c>. A check never changes the system: it reads registry values, files,
/// console XML and SMS Provider rows, and asks permission questions. It reports expected failures (absent key, access
/// denied) as findings; the runner turns anything else it throws into a finding too.
/// </summary>
public interface IDoctorCheck
{
    /// <summary>What the check looks at, for logs and for the finding of a check that crashed.</summary>
    string Name { get; }

    /// <summary>The fact reported when the check itself fails unexpectedly.</summary>
    FieldFact PrimaryFact { get; }

    Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken);
}
