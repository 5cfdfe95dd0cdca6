using System.Security;
using CMDisconnectedSync.ConfigMgr;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// The ConfigMgr SDK assemblies in the console's <c>AdminConsole\bin</c> carry exactly the identity (name, version,
/// culture, public key token) our adapter was compiled against, so the runtime binds to them. Read without loading.
/// </summary>
/// <param name="console">Where the console is.</param>
/// <param name="compiledAgainst">The identities our adapter references (<c>SdkIdentityReader.CompiledAgainst()</c>).</param>
/// <param name="readIdentity">Reads the identity a DLL declares (<c>SdkIdentityReader.ReadFromFile</c>).</param>
public sealed class SdkIdentityCheck(
    ConsoleFolderLookup console, IReadOnlyList<SdkAssemblyIdentity> compiledAgainst, Func<string, SdkAssemblyIdentity> readIdentity) : IDoctorCheck
{
    public string Name => "ConfigMgr SDK assembly identity";

    public FieldFact PrimaryFact => FieldFacts.ConsolePath;

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken)
    {
        if (compiledAgainst.Count == 0)
        {
            throw new InvalidOperationException("CMDisconnectedSync.ConfigMgr.dll references no ConfigMgr SDK assembly: this build is broken.");
        }

        return Task.FromResult<IReadOnlyList<DoctorFinding>>(compiledAgainst.Select(Check).ToList());
    }

    private DoctorFinding Check(SdkAssemblyIdentity expected)
    {
        var fileName = expected.Name + ".dll";
        var fact = FieldFacts.SdkAssembly(fileName) with { Expected = expected.ToString() };
        if (console.Folder is not { } folder)
        {
            return fact.NotApplicable("No ConfigMgr console on this machine (see console.path), so there is no SDK to check.");
        }

        var path = Path.Combine(folder, "bin", fileName);
        if (!File.Exists(path))
        {
            return fact.Missing("(no file)", $"{path} does not exist: the console install is incomplete. Repair or reinstall the ConfigMgr console.");
        }

        SdkAssemblyIdentity found;
        try
        {
            found = readIdentity(path);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or SecurityException)
        {
            return fact.AccessDenied($"{path} could not be read: {ex.Message}");
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException)
        {
            return fact.Differs("(not a .NET assembly)", $"{path} is not a readable .NET assembly ({ex.Message}). Repair or reinstall the ConfigMgr console.");
        }

        var differences = Differences(expected, found).ToList();
        return differences.Count == 0
            ? fact.Confirmed(found.ToString())
            : fact.Differs(found.ToString(),
                $"{string.Join("; ", differences)}. The runtime will not bind our adapter to this DLL: the SMS Provider verbs fail with a "
                + "FileLoadException. Report this finding so the reference in eng/ConfigMgrSdkReference can be corrected (one line in ConfigMgrSdkReference.props).");
    }

    private static IEnumerable<string> Differences(SdkAssemblyIdentity expected, SdkAssemblyIdentity found)
    {
        if (!string.Equals(expected.Name, found.Name, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"name {found.Name} instead of {expected.Name}";
        }

        if (expected.Version != found.Version)
        {
            yield return $"version {found.Version} instead of {expected.Version}";
        }

        if (!string.Equals(expected.PublicKeyToken, found.PublicKeyToken, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"public key token {(found.PublicKeyToken.Length == 0 ? "null" : found.PublicKeyToken)} instead of {expected.PublicKeyToken}";
        }

        if (!string.Equals(expected.Culture, found.Culture, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"culture {found.Culture} instead of {expected.Culture}";
        }
    }
}
