using CMDisconnectedSync.ConsoleExtension.Model;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.ConsoleExtension.Generation;

/// <summary>
/// Writes the 2103+ <c>manifest.xml</c> in the form of Microsoft's own signed cabs in microsoft/configmgr-hub
/// (<c>objects/ConsoleExtensionCab/recoveryKeyExtension.cab</c> at df11bbe, <c>AllStatusMessageForTsDeployment.cab</c>;
/// both manifests are test fixtures): <c>CustomExtensionManifest</c> (ExtensionID, Name, Description, Version, Author)
/// &gt; <c>Deployments</c> &gt; one <c>ActionExtensionDeployment ParentNode</c> per action folder and a
/// <c>NodeExtensionDeployment ParentNode</c> for the node (Microsoft, "Console extension registration through community
/// hub") &gt; <c>FileList</c> &gt; <c>File Name</c> &gt; <c>Hash Algorithm="sha256"</c> in lower-case hex, as both signed
/// cabs write it (the article's example is upper case). "Each file must be listed in the manifest and have the correct
/// name and SHA256 hash." The payload (the wizard's exe, config and DLLs) is listed in an action deployment's
/// <c>FileList</c> after its action XML, as recoveryKeyExtension.cab lists <c>RecoveryKey.ps1</c> beside <c>action.xml</c>;
/// the console puts it in <c>AdminConsole\Extensions\&lt;ExtensionID&gt;\&lt;Version&gt;\bin\</c>
/// (<see cref="ConsoleExtensionLayout.CabLaunch"/>).
/// UNCONFIRMED: Microsoft's cab has a single deployment, so it does not show whether, with several, the payload may be
/// listed once; we list it once, in the first action deployment (<see cref="PayloadDeploymentIndex"/>). The doctor row
/// console.extension.payload confirms the files arrived on a console that installed the cab.
/// </summary>
public static class ExtensionManifestWriter
{
    /// <summary>Which <c>ActionExtensionDeployment</c> (in model order) lists the payload: the one line to change.</summary>
    public const int PayloadDeploymentIndex = 0;

    public static byte[] Write(ExtensionIdentity identity, IEnumerable<CabEntry> entries)
    {
        _ = identity ?? throw new ArgumentNullException(nameof(identity));
        var all = (entries ?? throw new ArgumentNullException(nameof(entries))).ToList();
        var payload = all.Where(e => e.Kind == DeploymentKind.Payload).ToList();
        var deployments = all.Where(e => e.Kind != DeploymentKind.Payload).GroupBy(e => (e.Kind, e.ParentGuid)).ToList();
        var actionDeployments = deployments.Where(g => g.Key.Kind == DeploymentKind.Action).ToList();
        if (payload.Count > 0 && actionDeployments.Count <= PayloadDeploymentIndex)
        {
            throw new InvalidOperationException("The cab has payload files but no action deployment to list them in.");
        }

        var payloadHolder = payload.Count > 0 ? actionDeployments[PayloadDeploymentIndex] : null;
        return ConsoleXml.Write(writer =>
        {
            writer.WriteComment(ConsoleXml.GeneratedComment);
            writer.WriteStartElement("CustomExtensionManifest");
            writer.WriteAttributeString("ExtensionID", identity.ExtensionId);
            writer.WriteAttributeString("Name", identity.Name);
            writer.WriteAttributeString("Description", identity.Description);
            writer.WriteAttributeString("Version", identity.Version);
            writer.WriteAttributeString("Author", identity.Author);
            writer.WriteStartElement("Deployments");
            foreach (var group in deployments)
            {
                writer.WriteStartElement(group.Key.Kind == DeploymentKind.Action ? "ActionExtensionDeployment" : "NodeExtensionDeployment");
                writer.WriteAttributeString("ParentNode", group.Key.ParentGuid);
                WriteFileList(writer, ReferenceEquals(group, payloadHolder) ? group.Concat(payload) : group);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        });
    }

    private static void WriteFileList(System.Xml.XmlWriter writer, IEnumerable<CabEntry> entries)
    {
        writer.WriteStartElement("FileList");
        foreach (var entry in entries)
        {
            writer.WriteStartElement("File");
            writer.WriteAttributeString("Name", entry.FileName);
            writer.WriteStartElement("Hash");
            writer.WriteAttributeString("Algorithm", "sha256");
            writer.WriteString(Sha256Hex.OfBytes(entry.Content)); // lower-case hex, as Microsoft's signed cabs write it
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}
