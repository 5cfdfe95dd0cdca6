namespace CMDisconnectedSync.Installer.Harvest;

/// <summary>Reads MSI tables with <c>msiinfo export</c> (msitools): tab-separated rows after three header lines.</summary>
internal static class MsiTables
{
    public static IReadOnlyList<string[]> Export(string msiPath, string table)
    {
        var text = ProcessRunner.Run("msiinfo", ["export", msiPath, table]);
        return text.Split('\n')
            .Skip(3)
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .ToList();
    }

    public static IReadOnlyList<string> TableNames(string msiPath) =>
        ProcessRunner.Run("msiinfo", ["tables", msiPath])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
