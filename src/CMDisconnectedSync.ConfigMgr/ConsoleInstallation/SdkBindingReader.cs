namespace CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

/// <summary>
/// Checks, without loading any SDK code, that every ConfigMgr SDK type and member our adapter assembly references exists
/// in a console's SDK DLLs with the signature we compiled against. The adapter is compiled against compile-only
/// reference assemblies (eng/ConfigMgrSdkReference) and binds to the console's real DLLs at run time; a member missing
/// there would only show as MissingMethodException / TypeLoadException in the middle of a run.
/// </summary>
/// <remarks>
/// Reads the adapter's TypeRef and MemberRef tables (ECMA-335 §II.22.38, §II.22.25) for references into the SDK
/// assemblies and resolves each the way the runtime does: the type by namespace and name in the referenced assembly
/// (following a type forwarder), the member by name and signature on that type, then on its base types; constructors
/// only on the type itself. Base types outside the SDK folder (.NET types) are not inspected.
/// </remarks>
public static class SdkBindingReader
{
    /// <summary>The adapter assembly (CMDisconnectedSync.ConfigMgr.dll) this process runs, whose references are checked.</summary>
    /// <remarks>
    /// Named through this class, which has no SDK-typed field: Mono lays out a type named in <c>typeof</c> and fails with
    /// TypeLoadException for SmsProviderSite when no SDK is installed (seen running the net48 cmdsync doctor under Mono).
    /// </remarks>
    public static string AdapterAssemblyPath => typeof(SdkBindingReader).Assembly.Location;

    /// <summary>
    /// Resolves every SDK reference of <paramref name="adapterAssemblyPath"/> against the SDK DLLs in
    /// <paramref name="sdkFolder"/> (the console's <c>AdminConsole\bin</c>). An SDK DLL that is absent or not a .NET
    /// assembly makes each reference into it <see cref="SdkReferenceOutcome.Missing"/>, with the reason.
    /// Throws <see cref="FileNotFoundException"/> / <see cref="BadImageFormatException"/> for a broken adapter path and
    /// <see cref="UnauthorizedAccessException"/> when a file cannot be read.
    /// </summary>
    public static SdkBindingReport Resolve(string adapterAssemblyPath, string sdkFolder)
    {
        _ = adapterAssemblyPath ?? throw new ArgumentNullException(nameof(adapterAssemblyPath));
        _ = sdkFolder ?? throw new ArgumentNullException(nameof(sdkFolder));
        var sdkAssemblyNames = SdkIdentityReader.SdkFileNames.Select(Path.GetFileNameWithoutExtension).OfType<string>();

        using var adapter = MetadataFile.Open(adapterAssemblyPath);
        using var sdk = new SdkAssemblyFolder(sdkFolder);
        var references = new SdkReferenceResolver(adapter, sdk, sdkAssemblyNames).ResolveAll();
        return new SdkBindingReport(adapterAssemblyPath, sdkFolder, references);
    }
}
