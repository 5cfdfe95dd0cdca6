using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CMDisconnectedSync.App.Presentation.Launch;
using CMDisconnectedSync.ConsoleExtension.Generation;
using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.App.Presentation.Tests.Launch;

/// <summary>
/// End to end over the console contract: the Parameters our console extension generates, with every <c>##SUB:x##</c>
/// replaced by what a real row holds, split into arguments the way Windows does, must parse into the intended site.
/// </summary>
/// <remarks>
/// Row values, and where their form comes from:
/// <list type="bullet">
/// <item><c>__Server</c> / <c>__Namespace</c>: WMI system properties (learn.microsoft.com/windows/win32/wmisdk/wmi-system-properties:
/// <c>__Server</c> "MyServer", <c>__Namespace</c> "root\cimv2", i.e. no server). For the SMS Provider that is
/// <c>ROOT\SMS\site_&lt;code&gt;</c>: sekorotkov/RCT@848485f <c>Install-SpecialExtension.ps1</c> fills the slots its actions
/// give <c>"##SUB:__SERVER##"</c> / <c>"##SUB:__Namespace##"</c> with the MRU server and <c>"ROOT\SMS\site_$($SiteCode)"</c>, and its
/// scripts document <c>-Namespace</c> as "root\sms\site_COD"; <c>Get-WmiObject</c> dumps of ConfigMgr rows show
/// <c>__NAMESPACE : root\sms\site_ABC</c>.</item>
/// <item><c>SMS_SUPSyncStatus</c> (SiteCode, WSUSServerName) and <c>SMS_SCI_SysResUse</c> (RoleName, NetworkOSPath <c>\\server</c>,
/// SiteCode): Microsoft ConfigMgr SDK class references, design.md §5.</item>
/// </list>
/// The SDK replaces each <c>##SUB:Name##</c> by the row's property (design.md §6); WMI property names are case-insensitive,
/// and public extensions spell the system properties both ways (<c>__SERVER</c> in RCT, <c>__Server</c> elsewhere).
/// </remarks>
[TestClass]
public sealed class ConsoleRowLaunchTests
{
    private const string RolePane = "11111111-2222-4333-8444-555555555555";

    private static readonly Dictionary<string, string> SupSyncStatusRow = new(StringComparer.OrdinalIgnoreCase)
    {
        ["__Server"] = "CM01",
        ["__Namespace"] = @"ROOT\SMS\site_PS1",
        ["SiteCode"] = "PS1",
        ["WSUSServerName"] = "SUP01.contoso.com",
        ["LastSyncState"] = "6702",
    };

    private static readonly Dictionary<string, string> SupRoleRow = new(StringComparer.OrdinalIgnoreCase)
    {
        ["__Server"] = "CM01.contoso.com",
        ["__Namespace"] = @"root\sms\site_PS1",
        ["SiteCode"] = "PS1",
        ["RoleName"] = "SMS Software Update Point",
        ["NetworkOSPath"] = @"\\SUP01.contoso.com",
    };

    // SMS_AuthorizationList (learn.microsoft.com/mem/configmgr/develop/reference/sum/sms_authorizationlist-server-wmi-class):
    // CI_ID UInt32, LocalizedDisplayName String.
    private static readonly Dictionary<string, string> UpdateGroupRow = new(StringComparer.OrdinalIgnoreCase)
    {
        ["__Server"] = "CM01.contoso.com",
        ["__Namespace"] = @"ROOT\SMS\site_PS1",
        ["CI_ID"] = "16777400",
        ["LocalizedDisplayName"] = "Patch Tuesday 2026-12",
    };

    private static IEnumerable<(string File, string Parameters)> RowActionParameters()
    {
        var definition = ConsoleExtensionDefinition.Create(new ConsoleExtensionOptions { Version = "1.0.0", RolePaneGuid = RolePane });
        var rowFolders = definition.ActionFolders.Where(f => f.IsRowLevel).Select(f => f.ParentGuid).ToHashSet(StringComparer.Ordinal);
        return ConsoleExtensionLayout.LegacyFiles(definition)
            .Where(f => f.RelativePath.Contains("/Actions/", StringComparison.Ordinal) && rowFolders.Contains(f.RelativePath.Split('/')[3]))
            .Select(f => (f.RelativePath, XDocument.Load(new MemoryStream(f.Content)).Root!.Element("Executable")!.Element("Parameters")!.Value));
    }

    [TestMethod]
    public void Parse_EveryGeneratedRowAction_WithARealRowsValues_IsValid()
    {
        var actions = RowActionParameters().ToList();
        Assert.HasCount(6, actions);

        foreach (var (file, parameters) in actions)
        {
            var isGroup = file.Contains(ConsoleNodeIds.SoftwareUpdateGroupRows, StringComparison.Ordinal);
            var row = isGroup ? UpdateGroupRow : file.Contains(RolePane, StringComparison.Ordinal) ? SupRoleRow : SupSyncStatusRow;
            var commandLine = Substitute(parameters, row);

            var result = LaunchArguments.Parse(SplitLikeWindows(commandLine));

            Assert.IsTrue(result.IsValid, $"{file}: {commandLine} -> {string.Join("; ", result.Errors)}");
            Assert.AreEqual(row["__Server"], result.Request!.SiteServer, file);
            Assert.AreEqual("PS1", result.Request.SiteCode, file);
            Assert.AreEqual(isGroup ? null : "SUP01.contoso.com", result.Request.SupServer, file);
            Assert.AreEqual(isGroup ? 16777400 : null, result.Request.GroupId, file);
            Assert.AreEqual(isGroup, result.Request.Action == LaunchAction.RequestContent, file);
            Assert.AreEqual($@"\\{row["__Server"]}\{row["__Namespace"]}", result.Request.ProviderNamespace, file);
        }
    }

    [TestMethod]
    public void Parameters_RowAction_PassServerAndNamespaceAsSeparateQuotedSubstitutions()
    {
        // The namespace arrives without its server (what broke every row action with "command line not valid"), so
        // the server must travel beside it.
        var (_, parameters) = RowActionParameters().First(a => !a.File.Contains(RolePane, StringComparison.Ordinal));

        StringAssert.Contains(parameters, "\"##SUB:__Server##\"");
        StringAssert.Contains(parameters, "\"##SUB:__Namespace##\"");
        Assert.IsTrue(LaunchArguments.Parse(SplitLikeWindows(Substitute(parameters, SupSyncStatusRow))).IsValid);
    }

    /// <summary>Replaces <c>##SUB:Name##</c> by the row's value; unknown names stay as they are (design.md §6).</summary>
    private static string Substitute(string parameters, Dictionary<string, string> row) =>
        Regex.Replace(parameters, "##SUB:([^#]+)##", m => row.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    /// <summary>
    /// The Microsoft C/C++ argument rules the .NET Framework exe's Main receives (learn.microsoft.com "Parsing C++
    /// command-line arguments"): whitespace separates, double quotes group; 2n backslashes before a quote give n and
    /// the quote delimits, 2n+1 give n and a literal quote; other backslashes are literal.
    /// </summary>
    private static List<string> SplitLikeWindows(string commandLine)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        var inQuotes = false;
        var hasToken = false;
        for (var i = 0; i < commandLine.Length; i++)
        {
            var c = commandLine[i];
            if (c == '\\')
            {
                var count = 0;
                while (i < commandLine.Length && commandLine[i] == '\\')
                {
                    count++;
                    i++;
                }

                if (i < commandLine.Length && commandLine[i] == '"')
                {
                    current.Append('\\', count / 2);
                    if (count % 2 == 1)
                    {
                        current.Append('"');
                    }
                    else
                    {
                        inQuotes = !inQuotes;
                    }
                }
                else
                {
                    current.Append('\\', count);
                    i--;
                }

                hasToken = true;
            }
            else if (c == '"')
            {
                inQuotes = !inQuotes;
                hasToken = true;
            }
            else if (char.IsWhiteSpace(c) && !inQuotes)
            {
                if (hasToken)
                {
                    args.Add(current.ToString());
                    current.Clear();
                    hasToken = false;
                }
            }
            else
            {
                current.Append(c);
                hasToken = true;
            }
        }

        if (hasToken)
        {
            args.Add(current.ToString());
        }

        return args;
    }
}
