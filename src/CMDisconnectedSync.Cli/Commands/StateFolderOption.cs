using System.CommandLine;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary><c>--state &lt;dir&gt;</c>: the disconnected side's state folder (last sequence, trusted signers, inventory).</summary>
internal static class StateFolderOption
{
    public static string DefaultPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "CMDisconnectedSync", "State");

    public static Option<DirectoryInfo> Create() => new("--state")
    {
        Description = "State folder of this (disconnected) server: last accepted sequence, trusted-signers.txt, content inventory.",
        DefaultValueFactory = _ => new DirectoryInfo(DefaultPath),
    };
}
