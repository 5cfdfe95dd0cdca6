using System.Text.Json;
using System.Text.Json.Serialization;
using Serilog;

namespace CMDisconnectedSync.ConfigMgr;

/// <summary>
/// Saves and loads <see cref="CategorySnapshot"/>s as JSON in a state folder, one file per site
/// (<c>category-snapshot-&lt;SiteCode&gt;.json</c>). A save writes a temp file and renames it over the old one,
/// so a crash leaves either the old snapshot or the new one, never half of one.
/// </summary>
public sealed class CategorySnapshotStore
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly string _stateFolder;
    private readonly ILogger _logger;

    public CategorySnapshotStore(string stateFolder, ILogger logger)
    {
        _stateFolder = stateFolder ?? throw new ArgumentNullException(nameof(stateFolder));
        _logger = (logger ?? throw new ArgumentNullException(nameof(logger))).ForContext<CategorySnapshotStore>();
    }

    public string PathFor(string siteCode)
    {
        _ = siteCode ?? throw new ArgumentNullException(nameof(siteCode));
        if (siteCode.Length == 0 || siteCode.Any(c => !char.IsLetterOrDigit(c)))
        {
            throw new ArgumentException($"'{siteCode}' is not a ConfigMgr site code (letters and digits only).", nameof(siteCode));
        }

        return Path.Combine(_stateFolder, $"category-snapshot-{siteCode.ToUpperInvariant()}.json");
    }

    public async Task SaveAsync(CategorySnapshot snapshot, CancellationToken cancellationToken)
    {
        _ = snapshot ?? throw new ArgumentNullException(nameof(snapshot));
        Directory.CreateDirectory(_stateFolder);
        var path = PathFor(snapshot.SiteCode);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(snapshot, JsonOptions);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                await stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (File.Exists(path))
            {
                File.Replace(temp, path, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temp, path);
            }

            _logger.Information("Saved {Count} update categories of site {SiteCode} to {Path}",
                snapshot.Categories.Count, snapshot.SiteCode, path);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The site's last snapshot, or null when none was taken yet.</summary>
    public async Task<CategorySnapshot?> LoadAsync(string siteCode, CancellationToken cancellationToken)
    {
        var path = PathFor(siteCode);
        if (!File.Exists(path))
        {
            _logger.Debug("No category snapshot for site {SiteCode} at {Path}", siteCode, path);
            return null;
        }

        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        using (var buffer = new MemoryStream())
        {
            await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
            bytes = buffer.ToArray();
        }

        CategorySnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<CategorySnapshot>(bytes, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"The category snapshot {path} is not valid JSON ({ex.Message}). Delete it and run 'cmdsync categories snapshot' to take a new one.", ex);
        }

        if (snapshot is null || snapshot.Categories is null)
        {
            throw new InvalidDataException(
                $"The category snapshot {path} is empty. Delete it and run 'cmdsync categories snapshot' to take a new one.");
        }

        if (snapshot.FormatVersion != CategorySnapshot.CurrentFormatVersion)
        {
            throw new InvalidDataException(
                $"The category snapshot {path} has format version {snapshot.FormatVersion}; this version of cmdsync reads version "
                + $"{CategorySnapshot.CurrentFormatVersion}. Take a new snapshot with 'cmdsync categories snapshot'.");
        }

        return snapshot;
    }
}
