using System.Text.Json;
using System.Text.Json.Serialization;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Lab.Wsus;

/// <summary>The settings a lab WSUS server reports, as an admin would read them in the WSUS console.</summary>
public sealed record LabWsusSettings
{
    /// <summary>The name the lab server goes by (in manifests and messages), e.g. <c>LAB-EXPORT</c>.</summary>
    public required string ServerName { get; init; }

    public bool AllLanguages { get; init; }

    public IReadOnlyList<string> Languages { get; init; } = ["en"];

    public bool ExpressFiles { get; init; }

    public bool IsReplica { get; init; }

    public bool IsSynchronizing { get; init; }

    public SynchronizationOutcome LastSyncOutcome { get; init; } = SynchronizationOutcome.Never;

    public DateTimeOffset? LastSyncStart { get; init; }

    public DateTimeOffset? LastSyncEnd { get; init; }

    public string LastSyncError { get; init; } = string.Empty;

    /// <summary>
    /// Makes the lab wsusutil fail on cue on this server (<c>exit-code</c>, <c>error-line</c>, <c>empty-package</c>,
    /// <c>hang</c>), to show how the workflows report a wsusutil failure; null behaves.
    /// </summary>
    public string? WsusUtilFault { get; init; }
}

/// <summary>
/// A lab WSUS server's folder: <c>WsusContent\</c> (the content tree), <c>wsus-settings.json</c> (languages, express
/// files, replica mode, last synchronization) and <c>database\wsusutil-lab.database</c> (what the lab wsusutil imported,
/// plus its <c>.categories</c> table).
/// </summary>
public sealed class LabWsusServerFolder
{
    public const string ContentFolderName = "WsusContent";
    public const string SettingsFileName = "wsus-settings.json";
    public const string DatabaseFileName = "wsusutil-lab.database";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public LabWsusServerFolder(string root)
    {
        Root = Path.GetFullPath(root ?? throw new ArgumentNullException(nameof(root)));
    }

    public string Root { get; }

    public string ContentDirectory => Path.Combine(Root, ContentFolderName);

    public string SettingsPath => Path.Combine(Root, SettingsFileName);

    public string DatabasePath => Path.Combine(Root, "database", DatabaseFileName);

    /// <summary>Creates the folder, an empty WsusContent and the settings file.</summary>
    public static LabWsusServerFolder Create(string root, LabWsusSettings settings)
    {
        var folder = new LabWsusServerFolder(root);
        Directory.CreateDirectory(folder.ContentDirectory);
        folder.SaveSettings(settings);
        return folder;
    }

    public LabWsusSettings LoadSettings()
    {
        if (!File.Exists(SettingsPath))
        {
            throw new WsusQueryException(
                $"The lab WSUS server in {Root} has no {SettingsFileName}; it is not a lab server folder. Recreate the lab (cmdsync demo --folder <new folder>).");
        }

        try
        {
            return JsonSerializer.Deserialize<LabWsusSettings>(File.ReadAllText(SettingsPath), Json)
                ?? throw new JsonException("the file holds null");
        }
        catch (JsonException exception)
        {
            throw new WsusQueryException($"The lab WSUS settings {SettingsPath} cannot be read: {exception.Message} Recreate the lab.", exception);
        }
    }

    public void SaveSettings(LabWsusSettings settings)
    {
        _ = settings ?? throw new ArgumentNullException(nameof(settings));
        Directory.CreateDirectory(Root);
        var temporary = SettingsPath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(settings, Json));
        if (File.Exists(SettingsPath))
        {
            File.Delete(SettingsPath);
        }

        File.Move(temporary, SettingsPath);
    }
}
