using System.Text;
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
    public static byte[] Write(ActionFolder folder, ConsoleAction action, string executablePath) =>
        Write(folder, action, new ActionLaunch(executablePath, UseShellProcessing: null));

    public static byte[] Write(ActionFolder folder, ConsoleAction action, ActionLaunch launch)
    {
        _ = launch ?? throw new ArgumentNullException(nameof(launch));
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
            if (launch.UseShellProcessing is { } useShell)
            {
                writer.WriteAttributeString("UseShellProcessing", useShell ? "true" : "false");
            }

            writer.WriteElementString("FilePath", launch.FilePath);
            writer.WriteElementString("Parameters", Parameters(folder, action));
            writer.WriteEndElement();
            writer.WriteEndElement();
        });
    }

    /// <summary>
    /// The app's command line. Row actions pass the selected row's site and server: <c>##SUB:__Server##</c> and
    /// <c>##SUB:__Namespace##</c> are the row's WMI system properties <c>__SERVER</c> (the SMS Provider) and
    /// <c>__NAMESPACE</c> (<c>ROOT\SMS\site_ABC</c>, no server; learn.microsoft.com "WMI System Properties"), quoted as
    /// community extensions do (sekorotkov/RCT <c>Xml-RCT/XmlStorage/Extensions/Actions/5360fd7a-…/Get-RCTPackageBySU.ps1(ByCI_ID).xml</c>:
    /// <c>-SiteServer "##SUB:__SERVER##" -Namespace "##SUB:__Namespace##"</c>; its <c>Install-SpecialExtension.ps1</c> fills the
    /// same two slots for node-level actions with the MRU server and <c>ROOT\SMS\site_&lt;code&gt;</c>). Node-level actions have
    /// no row, so no substitution: the app uses the console's last site.
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

        var parameters = new StringBuilder(verb).Append(" --site-server \"##SUB:__Server##\" --namespace \"##SUB:__Namespace##\"");
        foreach (var argument in row.Arguments)
        {
            parameters.Append(' ').Append(argument.Option).Append(' ').Append(argument.Value);
        }

        return parameters.ToString();
    }
}

/// <summary>
/// How an action starts the wizard: <c>Executable/FilePath</c> and, when set, <c>Executable UseShellProcessing</c>. The
/// legacy XML names the MSI's absolute path; the cab's XML names the copy the cab itself carries (see
/// <see cref="ConsoleExtensionLayout.CabLaunch"/>).
/// </summary>
public sealed record ActionLaunch(string FilePath, bool? UseShellProcessing);
