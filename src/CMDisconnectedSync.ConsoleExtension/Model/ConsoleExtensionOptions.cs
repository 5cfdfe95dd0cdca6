namespace CMDisconnectedSync.ConsoleExtension.Model;

/// <summary>
/// The inputs that vary between builds and machines. Everything else about our console extension is fixed in
/// <see cref="ConsoleExtensionDefinition"/>.
/// </summary>
public sealed record ConsoleExtensionOptions
{
    /// <summary>
    /// Where the MSI installs the wizard: <c>[ProgramFiles64Folder]CMDisconnectedSync\CMDisconnectedSync.exe</c>, i.e.
    /// <c>C:\Program Files\CMDisconnectedSync\CMDisconnectedSync.exe</c> on a default Windows. The console XML takes a
    /// literal path: Microsoft documents no environment-variable expansion for <c>Executable/FilePath</c> (its only
    /// <c>%temp%</c> example sits in <c>Parameters</c> of a <c>cmd /C</c> call, expanded by cmd), so we never write
    /// <c>%ProgramFiles%</c> there. <c>cmdsync console install --legacy</c> rewrites it to the real install folder.
    /// This is the legacy XML's path only: the cab's actions start the copy the cab carries, by a path relative to the
    /// console's bin folder as Microsoft's signed cabs do (<see cref="Generation.ConsoleExtensionLayout.CabLaunch"/>).
    /// </summary>
    public const string DefaultExecutablePath = @"C:\Program Files\CMDisconnectedSync\CMDisconnectedSync.exe";

    /// <summary>The wizard's file name, the same in the MSI and in the cab payload.</summary>
    public const string ExecutableFileName = "CMDisconnectedSync.exe";

    public string ExecutablePath { get; init; } = DefaultExecutablePath;

    /// <summary>
    /// The Servers and Site System Roles pane GUID from the admin's own console (<c>cmdsync console discover --filter
    /// SMS_SCI_SysResUse</c>), or null: then the role-row actions are not generated at all (no public source names the
    /// GUID, and a guess would ship actions that never appear; see the note in <see cref="ConsoleNodeIds"/>).
    /// </summary>
    public string? RolePaneGuid { get; init; }

    /// <summary>The product version (Directory.Build.props <c>VersionPrefix</c>), written to the cab manifest.</summary>
    public required string Version { get; init; }
}
