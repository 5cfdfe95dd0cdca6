using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.ConsoleExtension.Generation;

/// <summary>
/// Turns the model into files: the legacy tree exactly as it lands in <c>&lt;AdminConsole&gt;\XmlStorage\Extensions</c>,
/// and the flat set of XML files the 2103+ cab carries. A cab has no folders, so the same action under two parents
/// becomes two files named <c>&lt;FolderKey&gt;.&lt;FileStem&gt;.xml</c> (the key prefix keeps the per-folder order). The
/// legacy actions start the wizard the MSI installs (<see cref="ConsoleExtensionOptions.ExecutablePath"/>); the cab's
/// start the copy the cab carries (<see cref="CabLaunch"/>), so a console that imports the cab needs no MSI.
/// </summary>
public static class ConsoleExtensionLayout
{
    /// <summary>Below a console's <c>AdminConsole</c> folder (and below <c>console-xml/</c> in the repository).</summary>
    public const string ExtensionsRoot = "XmlStorage/Extensions";

    /// <summary>Below <c>console-xml/</c>: the cab's XML files and manifest.xml without payload, for review.</summary>
    public const string CabReviewFolder = "extension";

    public const string ManifestFileName = "manifest.xml";

    /// <summary>
    /// How the cab's actions start the wizard the cab carries, exactly as Microsoft's signed
    /// <c>recoveryKeyExtension.cab</c> (microsoft/configmgr-hub@df11bbe <c>objects/ConsoleExtensionCab/</c>) runs its payload:
    /// its manifest lists <c>RecoveryKey.ps1</c> in the same <c>FileList</c> as <c>action.xml</c>, and the action runs
    /// <c>.\..\Extensions\3f72f649-…\1.0\bin\RecoveryKey.ps1</c> (ExtensionID and Version from the manifest) with
    /// <c>Executable UseShellProcessing="false"</c>. The path is relative to the console's working folder,
    /// <c>AdminConsole\bin</c> (Microsoft's other cab, AllStatusMessageForTsDeployment.cab, runs <c>i386\statview.exe</c>
    /// from there), so it resolves to <c>AdminConsole\Extensions\&lt;ExtensionID&gt;\&lt;Version&gt;\bin\</c>.
    /// </summary>
    public static ActionLaunch CabLaunch(ExtensionIdentity identity)
    {
        _ = identity ?? throw new ArgumentNullException(nameof(identity));
        return new ActionLaunch(
            $@".\..\Extensions\{identity.ExtensionId}\{identity.Version}\bin\{ConsoleExtensionOptions.ExecutableFileName}",
            UseShellProcessing: false);
    }

    public static IReadOnlyList<GeneratedFile> LegacyFiles(ConsoleExtensionDefinition definition)
    {
        _ = definition ?? throw new ArgumentNullException(nameof(definition));
        var files = new List<GeneratedFile>();
        foreach (var folder in definition.ActionFolders)
        {
            foreach (var action in folder.Actions)
            {
                files.Add(new GeneratedFile(
                    $"{ExtensionsRoot}/Actions/{folder.ParentGuid}/{action.FileStem}.xml",
                    ActionXmlWriter.Write(folder, action, definition.Options.ExecutablePath)));
            }
        }

        var node = definition.Node;
        files.Add(new GeneratedFile($"{ExtensionsRoot}/Nodes/{node.ParentGuid}/{node.FileStem}.xml", NodeXmlWriter.Write(node)));
        return files;
    }

    public static IReadOnlyList<CabEntry> CabXmlEntries(ConsoleExtensionDefinition definition)
    {
        _ = definition ?? throw new ArgumentNullException(nameof(definition));
        var entries = new List<CabEntry>();
        var launch = CabLaunch(definition.Identity);
        foreach (var folder in definition.ActionFolders)
        {
            foreach (var action in folder.Actions)
            {
                entries.Add(new CabEntry(
                    $"{folder.Key}.{action.FileStem}.xml",
                    DeploymentKind.Action,
                    folder.ParentGuid,
                    ActionXmlWriter.Write(folder, action, launch)));
            }
        }

        var node = definition.Node;
        entries.Add(new CabEntry($"{node.FileStem}.xml", DeploymentKind.Node, node.ParentGuid, NodeXmlWriter.Write(node)));
        return entries;
    }

    /// <summary>
    /// Everything checked in under <c>console-xml/</c>: the legacy tree plus the cab's XML and its manifest without the
    /// payload files (the wizard's build output is not checked in; <see cref="ConsoleExtensionOutput.WriteCabStage"/> adds it).
    /// </summary>
    public static IReadOnlyList<GeneratedFile> ReviewTree(ConsoleExtensionDefinition definition)
    {
        var cab = CabXmlEntries(definition);
        var files = new List<GeneratedFile>(LegacyFiles(definition));
        files.AddRange(cab.Select(entry => new GeneratedFile($"{CabReviewFolder}/{entry.FileName}", entry.Content)));
        files.Add(new GeneratedFile($"{CabReviewFolder}/{ManifestFileName}", ExtensionManifestWriter.Write(definition.Identity, cab)));
        return files;
    }
}
