using System.Text.Json;
using System.Text.Json.Serialization;

namespace CMDisconnectedSync.ConsoleExtension.Installation;

/// <summary>
/// What a legacy install put into a console: every file (relative to <c>AdminConsole</c>, with its SHA-256) and every
/// folder it had to create. Uninstall removes exactly these and nothing else.
/// </summary>
public sealed record InstallReceipt(
    string AdminConsolePath,
    string Version,
    DateTimeOffset InstalledAtUtc,
    IReadOnlyList<InstalledFile> Files,
    IReadOnlyList<string> CreatedFolders)
{
    public const string FileName = "console-extension-install.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static InstallReceipt? Load(string stateFolder)
    {
        var path = Path.Combine(stateFolder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<InstallReceipt>(File.ReadAllText(path), JsonOptions)
                ?? throw new InvalidDataException($"The install receipt '{path}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"The install receipt '{path}' is not valid JSON ({ex.Message}). Restore it from the backup folder beside it, or remove our "
                + "files by hand (every file named in the console's XmlStorage\\Extensions whose FilePath is CMDisconnectedSync.exe).",
                ex);
        }
    }

    public void Save(string stateFolder)
    {
        Directory.CreateDirectory(stateFolder);
        File.WriteAllText(Path.Combine(stateFolder, FileName), JsonSerializer.Serialize(this, JsonOptions));
    }

    public static void Delete(string stateFolder) => File.Delete(Path.Combine(stateFolder, FileName));
}

/// <param name="RelativePath">Below the AdminConsole folder.</param>
/// <param name="Sha256">What we wrote.</param>
/// <param name="ReplacedBackup">
/// When the install overwrote a file someone else had put there (e.g. the MSI's copy with another app path): the
/// backup of that file, which uninstall puts back instead of deleting. Null when the file was ours or new.
/// </param>
public sealed record InstalledFile(
    [property: JsonPropertyName("path")] string RelativePath,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("replacedBackup")] string? ReplacedBackup = null);
