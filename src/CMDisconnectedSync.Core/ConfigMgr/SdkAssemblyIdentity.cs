namespace CMDisconnectedSync.ConfigMgr;

/// <summary>
/// The identity of a ConfigMgr SDK assembly as .NET binds it: name, version, culture and public key token. Read from
/// the console's DLL (without loading it) and from our adapter's own assembly references, so the doctor can tell an
/// admin whether the SDK on this console is the one we were compiled against.
/// </summary>
/// <param name="Name">Simple assembly name, e.g. <c>Microsoft.ConfigurationManagement.ManagementProvider</c>.</param>
/// <param name="Version">Assembly version, e.g. <c>5.0.0.0</c>.</param>
/// <param name="PublicKeyToken">Lower-case hex, e.g. <c>31bf3856ad364e35</c>; empty when unsigned.</param>
/// <param name="Culture">Culture name; empty for neutral.</param>
public sealed record SdkAssemblyIdentity(string Name, string Version, string PublicKeyToken, string Culture)
{
    /// <summary>The display form .NET uses: <c>Name, Version=…, Culture=neutral, PublicKeyToken=…</c>.</summary>
    public override string ToString() =>
        $"{Name}, Version={Version}, Culture={(Culture.Length == 0 ? "neutral" : Culture)}, PublicKeyToken={(PublicKeyToken.Length == 0 ? "null" : PublicKeyToken)}";
}
