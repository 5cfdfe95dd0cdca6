namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>Is there a ConfigMgr console on this machine, and where.</summary>
public sealed class ConsolePathCheck(ConsoleFolderLookup console) : IDoctorCheck
{
    public string Name => "ConfigMgr console folder";

    public FieldFact PrimaryFact => FieldFacts.ConsolePath;

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DoctorFinding>>([console.Folder is { } folder
            ? FieldFacts.ConsolePath.Confirmed(folder)
            : FieldFacts.ConsolePath.Missing("(no console found)",
                console.Problem + " The SDK, console and GUID checks need a console: run doctor where the console is installed, or pass --console-path.")]);
}
