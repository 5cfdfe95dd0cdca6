using System.CommandLine;
using System.Text;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary>
/// Where a PFX password comes from, in this order: <c>--password-file</c>, the environment variable named by
/// <c>--password-env</c> (default <c>CMDSYNC_PFX_PASSWORD</c>), an interactive prompt when a person is at the
/// console. Never from the command line itself (it would land in shell history and process lists).
/// </summary>
internal sealed class PasswordOptions
{
    public const string DefaultVariable = "CMDSYNC_PFX_PASSWORD";

    public Option<FileInfo?> File { get; } = new("--password-file")
    {
        Description = "Read the PFX password from the first line of this file (protect it with file permissions).",
    };

    public Option<string> Variable { get; } = new("--password-env")
    {
        Description = "Read the PFX password from this environment variable.",
        DefaultValueFactory = _ => DefaultVariable,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(File);
        command.Options.Add(Variable);
    }

    /// <summary>Returns a function that yields the password when first asked; throws with a fix when none is available.</summary>
    public Func<string?> Resolve(ParseResult parseResult, TextWriter prompt, string purpose)
    {
        var file = parseResult.GetValue(File);
        var variable = parseResult.GetValue(Variable) ?? DefaultVariable;
        return () =>
        {
            if (file is not null)
            {
                try
                {
                    return System.IO.File.ReadLines(file.FullName).FirstOrDefault() ?? string.Empty;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new InvalidOperationException(
                        $"Cannot read the password for {purpose} from --password-file '{file.FullName}': {ex.Message} Check the path and that this account may read it.", ex);
                }
            }

            var fromEnvironment = Environment.GetEnvironmentVariable(variable);
            if (fromEnvironment is not null)
            {
                return fromEnvironment;
            }

            if (Console.IsInputRedirected)
            {
                throw new InvalidOperationException(
                    $"No password for {purpose}: set the environment variable {variable}, or pass --password-file <file>. (No console to prompt on.)");
            }

            prompt.Write($"Password for {purpose}: ");
            var password = new StringBuilder();
            ConsoleKeyInfo key;
            while ((key = Console.ReadKey(intercept: true)).Key != ConsoleKey.Enter)
            {
                if (key.Key == ConsoleKey.Backspace && password.Length > 0)
                {
                    password.Length--;
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    password.Append(key.KeyChar);
                }
            }

            prompt.WriteLine();
            return password.ToString();
        };
    }
}
