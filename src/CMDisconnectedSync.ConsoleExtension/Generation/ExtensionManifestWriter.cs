using CMDisconnectedSync.ConsoleExtension.Model;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.ConsoleExtension.Generation;

/// <summary>
/// Writes the 2103+ <c>manifest.xml</c>. Schema from Microsoft, "Console extension registration through community hub"
/// (learn.microsoft.com/mem/configmgr/develop/core/servers/console/console-extension-register):
/// <c>CustomExtensionManifest</c> (ExtensionID, Name, Description, Version, Author) &gt; <c>Deployments</c> &gt;
/// <c>ActionExtensionDeployment ParentNode</c> / <c>NodeExtensionDeployment ParentNode</c> &gt; <c>FileList</c> &gt;
/// <c>File Name</c> &gt; <c>Hash Algorithm="sha256"</c> (uppercase hex, as in Microsoft's example). "Each file must be
/// listed in the manifest and have the correct name and SHA256 hash."
/// UNCONFIRMED: Microsoft documents no deployment element for an executable payload; we list the wizard's exe and
/// DLLs under <see cref="PayloadDeploymentElement"/> (documented for view DLLs, installed to the extension's own folder
/// and loaded only when a node names them). Change that one constant if a field check shows otherwise.
/// </summary>
public static class ExtensionManifestWriter
{
    public const string PayloadDeploymentElement = "ViewExtensionDeployment";

    public static byte[] Write(ExtensionIdentity identity, IEnumerable<CabEntry> entries)
    {
        _ = identity ?? throw new ArgumentNullException(nameof(identity));
        var all = (entries ?? throw new ArgumentNullException(nameof(entries))).ToList();
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
            foreach (var group in all.Where(e => e.Kind != DeploymentKind.Payload).GroupBy(e => (e.Kind, e.ParentGuid)))
            {
                writer.WriteStartElement(group.Key.Kind == DeploymentKind.Action ? "ActionExtensionDeployment" : "NodeExtensionDeployment");
                writer.WriteAttributeString("ParentNode", group.Key.ParentGuid);
                WriteFileList(writer, group);
                writer.WriteEndElement();
            }

            var payload = all.Where(e => e.Kind == DeploymentKind.Payload).ToList();
            if (payload.Count > 0)
            {
                writer.WriteStartElement(PayloadDeploymentElement);
                WriteFileList(writer, payload);
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
            writer.WriteString(Sha256Hex.OfBytes(entry.Content).ToUpperInvariant());
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}
