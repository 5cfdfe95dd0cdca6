using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// On a console that installed our signed cab (Console Extensions: import, approve, install), the wizard the cab's
/// actions start must be in <c>AdminConsole\Extensions\&lt;ExtensionID&gt;\&lt;Version&gt;\bin\</c>. This confirms on a real
/// console the one unconfirmed detail of the cab: that the payload, listed once in the first of several action
/// deployments, is installed (<see cref="FieldFacts.ExtensionPayload"/>).
/// </summary>
/// <param name="console">Where the console is.</param>
public sealed class ConsoleExtensionPayloadCheck(ConsoleFolderLookup console) : IDoctorCheck
{
    public string Name => "Console extension cab payload";

    public FieldFact PrimaryFact => FieldFacts.ExtensionPayload;

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DoctorFinding>>([Check()]);

    private DoctorFinding Check()
    {
        var fact = FieldFacts.ExtensionPayload;
        if (console.Folder is not { } folder)
        {
            return fact.NotApplicable("No ConfigMgr console on this machine (see console.path).");
        }

        var extension = Path.Combine(folder, "Extensions", ConsoleNodeIds.ExtensionId);
        if (!Directory.Exists(extension))
        {
            return fact.NotApplicable(
                $"{extension} does not exist: this console has not installed the CMDisconnectedSync cab (the legacy XML and the MSI need no payload). "
                + "After Administration > Updates and Servicing > Console Extensions: import, approve and install it, rerun doctor here.");
        }

        string[] versions;
        try
        {
            versions = Directory.GetDirectories(extension);
        }
        catch (UnauthorizedAccessException ex)
        {
            return fact.AccessDenied($"{extension} could not be read: {ex.Message}");
        }

        var executables = versions
            .Select(v => Path.Combine(v, "bin", ConsoleExtensionOptions.ExecutableFileName))
            .Where(File.Exists)
            .ToList();
        return executables.Count > 0
            ? fact.Confirmed(string.Join("; ", executables))
            : fact.Missing(
                $"{extension} holds {(versions.Length == 0 ? "no version folder" : string.Join(", ", versions.Select(Path.GetFileName)))}, without bin\\{ConsoleExtensionOptions.ExecutableFileName}",
                "The console installed our extension but not the wizard its actions start, so they cannot launch. Meanwhile install the MSI and, where "
                + "the hierarchy allows unapproved extensions, 'cmdsync console install --legacy'; and report this console's version: the cab lists the "
                + "payload once, in its first action deployment (ExtensionManifestWriter.PayloadDeploymentIndex), and this console did not take it from there.");
    }
}
