namespace CMDisconnectedSync.DeploymentContent;

/// <summary>A local store that may already hold an update file (WsusContent on the export server): copied, not downloaded.</summary>
public interface ILocalContentLookup
{
    /// <summary>A file believed to have this digest and size, or null. The downloader verifies the copy anyway.</summary>
    string? TryFind(MicrosoftFileDigest digest, long size);
}

/// <summary>Finds files in a WsusContent folder by the SHA-1 their name carries (<see cref="WsusContentNameDigest"/>).</summary>
public sealed class WsusContentLookup(string wsusContentFolder) : ILocalContentLookup
{
    public string? TryFind(MicrosoftFileDigest digest, long size)
    {
        _ = digest ?? throw new ArgumentNullException(nameof(digest));
        if (digest.Algorithm != MicrosoftDigestAlgorithm.Sha1)
        {
            return null;
        }

        var relative = WsusContentNameDigest.PathFor(digest, string.Empty);
        var folder = Path.Combine(wsusContentFolder, relative.Substring(0, 2));
        if (!Directory.Exists(folder))
        {
            return null;
        }

        // The extension is not in the digest: match <SHA-1>.<any extension>; the size rules out strangers.
        return Directory.EnumerateFiles(folder, digest.Hex + ".*")
            .Concat(Directory.EnumerateFiles(folder, digest.Hex))
            .FirstOrDefault(path => new FileInfo(path).Length == size);
    }
}
