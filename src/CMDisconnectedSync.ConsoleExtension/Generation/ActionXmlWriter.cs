using System.Globalization;
using System.Xml;
using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.ConsoleExtension.Generation;

/// <summary>
/// Writes one <c>ActionDescription Class="Executable"</c> file. Element and attribute names and their order follow
/// Microsoft's SDK articles: "Configuration Manager Executable Action" (Class, DisplayName, MnemonicDisplayName,
/// Description; ShowOn/string; MatchPattern + MatchValueToTest; Executable/FilePath + Executable/Parameters) and
/// "Configuration Manager Action XML" (SelectionMode Single|Multiple|Both; ImagesDescription/ResourceAssembly/
/// ImageResourceName). Icons come from the console's resources (<see cref="StockIcons"/>); no top-level
/// ResourceAssembly, so DisplayName/Description are shown as written, as in the Executable Action sample.
/// </summary>
public static class ActionXmlWriter
{
    public static byte[] Write(ActionFolder folder, ConsoleAction action, string executablePath)
    {
        _ = folder ?? throw new ArgumentNullException(nameof(folder));
        _ = action ?? throw new ArgumentNullException(nameof(action));
        return ConsoleXml.Write(writer =>
        {
            writer.WriteComment(ConsoleXml.GeneratedComment);
            writer.WriteComment(" Shown on: " + folder.ConsoleLocation + " ");
            writer.WriteStartElement("ActionDescription");
            writer.WriteAttributeString("Class", "Executable");
            writer.WriteAttributeString("DisplayName", action.DisplayName);
            writer.WriteAttributeString("MnemonicDisplayName", action.MnemonicDisplayName);
            writer.WriteAttributeString("Description", action.Description);
            if (folder.IsRowLevel)
            {
                writer.WriteAttributeString("SelectionMode", "Single");
            }

            writer.WriteStartElement("ShowOn");
            foreach (var place in folder.ShowOn)
            {
                writer.WriteElementString("string", place.ToString());
            }

            writer.WriteEndElement();
            if (action.StockIcon is not null)
            {
                writer.WriteStartElement("ImagesDescription");
                writer.WriteStartElement("ResourceAssembly");
                writer.WriteElementString("Assembly", StockIcons.ResourceAssembly);
                writer.WriteElementString("Type", StockIcons.ResourceType);
                writer.WriteEndElement();
                writer.WriteElementString("ImageResourceName", action.StockIcon);
                writer.WriteEndElement();
            }

            if (folder.Row is { MatchPattern: not null, MatchValueToTest: not null } row)
            {
                writer.WriteElementString("MatchPattern", row.MatchPattern);
                writer.WriteElementString("MatchValueToTest", row.MatchValueToTest);
            }

            writer.WriteStartElement("Executable");
            writer.WriteElementString("FilePath", executablePath);
            writer.WriteElementString("Parameters", Parameters(folder, action));
            writer.WriteEndElement();
            writer.WriteEndElement();
        });
    }

    /// <summary>
    /// The app's command line. Row actions pass the selected row's site and server; <c>##SUB:__SERVER##</c> and
    /// <c>##SUB:__Namespace##</c> are the SMS Provider the console is connected to (quoted: the namespace holds a
    /// backslash path). Node-level actions have no row, so no substitution: the app uses the console's last site.
    /// </summary>
    public static string Parameters(ActionFolder folder, ConsoleAction action)
    {
        _ = folder ?? throw new ArgumentNullException(nameof(folder));
        _ = action ?? throw new ArgumentNullException(nameof(action));
        var verb = action.Verb.CommandLineWord();
        if (folder.Row is not { } row)
        {
            return verb;
        }

        return string.Format(
            CultureInfo.InvariantCulture,
            "{0} --site-server \"##SUB:__SERVER##\" --namespace \"##SUB:__Namespace##\" --site-code {1} --sup {2}",
            verb,
            row.SiteCodeArgument,
            row.SupArgument);
    }
}
