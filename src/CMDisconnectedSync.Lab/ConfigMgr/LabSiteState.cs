using System.Text.Json;
using System.Text.Json.Serialization;
using CMDisconnectedSync.ConfigMgr;

namespace CMDisconnectedSync.Lab.ConfigMgr;

/// <summary>A synchronization the lab site is running: when it was triggered, how many status reads it has seen.</summary>
public sealed record LabRunningSync(DateTimeOffset TriggeredAt, bool FullSync, int StatusReads);

/// <summary>
/// Everything the lab site remembers between calls and processes (<c>configmgr-site.json</c> in the site folder):
/// identity, sync source, categories with their subscription, the last <c>SMS_SUPSyncStatus</c> row, a running sync,
/// and every SyncNow request.
/// </summary>
public sealed record LabSiteState
{
    public required string SiteCode { get; init; }

    public required string ProviderServer { get; init; }

    public required string SupServer { get; init; }

    public SyncSource SyncSource { get; init; } = SyncSource.DoNotSynchronize;

    public IReadOnlyList<UpdateCategory> Categories { get; init; } = [];

    public SupSyncStatus? Status { get; init; }

    public LabRunningSync? RunningSync { get; init; }

    /// <summary>The <c>fullSync</c> argument of every SyncNow, in order.</summary>
    public IReadOnlyList<bool> SyncTriggers { get; init; } = [];
}

/// <summary>Reads and writes <see cref="LabSiteState"/> (temp file + replace, so a crash leaves the old state).</summary>
public static class LabSiteStateFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static LabSiteState Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigMgrException(ConfigMgrFailure.ProviderUnreachable,
                $"The lab ConfigMgr site state {path} does not exist; the lab site was never created there. Recreate the lab.");
        }

        try
        {
            return JsonSerializer.Deserialize<LabSiteState>(File.ReadAllText(path), Json) ?? throw new JsonException("the file holds null");
        }
        catch (JsonException exception)
        {
            throw new ConfigMgrException(ConfigMgrFailure.OperationFailed, $"The lab ConfigMgr site state {path} cannot be read: {exception.Message} Recreate the lab.", exception);
        }
    }

    public static void Save(string path, LabSiteState state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, Json));
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        File.Move(temporary, path);
    }
}
