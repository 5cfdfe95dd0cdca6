using System.Text;

namespace CMDisconnectedSync.Wsus.Processes;

/// <summary>
/// Joins arguments into one Windows command line that <c>CommandLineToArgvW</c> / the MSVC runtime splits back into
/// the same arguments (quotes around spaces, backslashes doubled only before a quote). Needed on .NET Framework,
/// whose <c>ProcessStartInfo</c> has no <c>ArgumentList</c>. Rules: "Parsing C++ command-line arguments",
/// https://learn.microsoft.com/en-us/cpp/cpp/main-function-command-line-args#parsing-c-command-line-arguments
/// </summary>
internal static class WindowsCommandLine
{
    public static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

    public static string Quote(string argument)
    {
        _ = argument ?? throw new ArgumentNullException(nameof(argument));
        if (argument.Length > 0 && argument.IndexOfAny([' ', '\t', '\n', '\v', '"']) < 0)
        {
            return argument;
        }

        var quoted = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var character in argument)
        {
            if (character == '\\')
            {
                backslashes++;
                continue;
            }

            if (character == '"')
            {
                quoted.Append('\\', (backslashes * 2) + 1);
            }
            else
            {
                quoted.Append('\\', backslashes);
            }

            backslashes = 0;
            quoted.Append(character);
        }

        // Backslashes before the closing quote must be doubled or they would escape it.
        quoted.Append('\\', backslashes * 2).Append('"');
        return quoted.ToString();
    }
}
