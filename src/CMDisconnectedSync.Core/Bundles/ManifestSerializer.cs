using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.Bundles;

/// <summary>
/// The one way manifests become bytes and back. Canonical: entries sorted ordinal by path, languages and removed
/// paths sorted, fixed property order, compact JSON, UTC timestamps; so the same content always gives the same
/// bytes, which is what the detached signature covers.
/// </summary>
public static class ManifestSerializer
{
    /// <summary>The format this build writes for a bundle without deployment content (its bytes unchanged since 1.0).</summary>
    public const string CurrentFormatVersion = "1.0";

    /// <summary>
    /// The format this build writes for a bundle that carries deployment content (issue 18): 1.0 plus
    /// <c>contentRequestId</c> and <c>deploymentContent</c>. A 1.0 reader skips both (unknown members are ignored), so it
    /// imports the WsusContent part and never mistakes deployment content for WsusContent.
    /// </summary>
    public const string DeploymentContentFormatVersion = "1.1";

    /// <summary>The only major version this build reads; any minor of it is accepted (new fields are ignored).</summary>
    public const int SupportedMajorVersion = 1;

    /// <summary>
    /// The largest manifest the verifier reads (1 GiB). Measured: a WsusContent entry (<c>XX/&lt;40 hex&gt;.cab</c>,
    /// size, SHA-256, change) serializes to about 150 bytes (ManifestSerializerTests pins the figure), so a full export
    /// of a 500,000-file WsusContent is ~75 MB and this cap leaves room for about 7 million entries. Larger files are
    /// refused before a byte of them is read: the signature check hashes the whole manifest, and a bigger manifest can
    /// only be hostile or damaged.
    /// </summary>
    public const long MaxManifestBytes = 1L << 30;

    /// <summary>The most content entries a manifest may list: 10 times a 500,000-file WsusContent.</summary>
    public const int MaxEntries = 5_000_000;

    public static byte[] Serialize(BundleManifest manifest) =>
        JsonSerializer.SerializeToUtf8Bytes(Canonicalize(manifest), BundleJsonContext.Default.BundleManifest);

    /// <summary>Returns the manifest with every collection in canonical order (what <see cref="Serialize"/> writes).</summary>
    public static BundleManifest Canonicalize(BundleManifest manifest)
    {
        _ = manifest ?? throw new ArgumentNullException(nameof(manifest));
        return manifest with
        {
            Source = manifest.Source with { Languages = manifest.Source.Languages.OrderBy(l => l, StringComparer.Ordinal).ToList() },
            Files = manifest.Files
                .Select(f => f.Parts is null ? f : f with { Parts = f.Parts.OrderBy(p => p.Index).ToList() })
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .ToList(),
            RemovedPaths = manifest.RemovedPaths.OrderBy(p => p, StringComparer.Ordinal).ToList(),
            DeploymentContent = manifest.DeploymentContent is { Count: > 0 } deployment
                ? deployment
                    .Select(d => d.File.Parts is null ? d : d with { File = d.File with { Parts = d.File.Parts.OrderBy(p => p.Index).ToList() } })
                    .OrderBy(d => d.File.Path, StringComparer.Ordinal)
                    .ToList()
                : null,
        };
    }

    /// <summary>Parses and validates manifest bytes; <paramref name="sourceName"/> names the file in errors.</summary>
    public static BundleManifest Deserialize(byte[] utf8Json, string sourceName)
    {
        _ = utf8Json ?? throw new ArgumentNullException(nameof(utf8Json));
        EnsureSupportedVersion(ProbeVersion(() => JsonSerializer.Deserialize(utf8Json, BundleJsonContext.Default.FormatVersionProbe), sourceName), sourceName);
        return Validate(Parse(() => JsonSerializer.Deserialize(utf8Json, BundleJsonContext.Default.BundleManifest), sourceName), sourceName);
    }

    /// <summary>The sequence of a manifest without building its entries (checks the format version).</summary>
    public static long ReadSequence(byte[] utf8Json, string sourceName)
    {
        _ = utf8Json ?? throw new ArgumentNullException(nameof(utf8Json));
        ManifestHeaderProbe? header;
        try
        {
            header = JsonSerializer.Deserialize(utf8Json, BundleJsonContext.Default.ManifestHeaderProbe);
        }
        catch (JsonException ex)
        {
            throw Malformed(sourceName, ex);
        }

        EnsureSupportedVersion(new FormatVersionProbe(header?.FormatVersion), sourceName);
        return header!.Sequence > 0
            ? header.Sequence
            : throw new ManifestFormatException(ManifestProblem.Malformed, $"'{sourceName}' is not a valid manifest: sequence must be 1 or more.");
    }

    /// <summary>
    /// Streams through <paramref name="path"/> once to prove it is complete JSON of a supported major version,
    /// without building the entries (constant memory). Throws <see cref="ManifestFormatException"/>.
    /// </summary>
    /// <remarks>
    /// Parses synchronously on a pool thread: with the async stream API every 16 KB buffer refill went through
    /// several async state machines, which profiled at a third of verify's CPU for a 55,000-entry manifest.
    /// </remarks>
    public static Task CheckFormatAsync(string path, CancellationToken cancellationToken) =>
        Task.Run(() => CheckFormat(path), cancellationToken);

    /// <summary>
    /// Reads <paramref name="path"/> in one streaming pass, returning the validated manifest and the SHA-256 of the
    /// exact bytes read (compare it with the hash the signature was checked over).
    /// </summary>
    public static Task<(BundleManifest Manifest, string Sha256)> ReadFileAsync(string path, CancellationToken cancellationToken) =>
        Task.Run(() => ReadFile(path), cancellationToken);

    private static void CheckFormat(string path)
    {
        using var stream = FileStreams.OpenSequentialReadSync(path);
        FormatVersionProbe? probe;
        try
        {
            probe = JsonSerializer.Deserialize(stream, BundleJsonContext.Default.FormatVersionProbe);
        }
        catch (JsonException ex)
        {
            throw Malformed(path, ex);
        }

        EnsureSupportedVersion(probe, path);
    }

    private static (BundleManifest Manifest, string Sha256) ReadFile(string path)
    {
        using var file = FileStreams.OpenSequentialReadSync(path);
        return Read(file, path);
    }

    /// <summary>
    /// Parses a manifest from <paramref name="stream"/> (from its position to the end) in one pass, returning it
    /// validated with the SHA-256 of the bytes read. A document that is not a manifest is checked once more for
    /// its format version only, so a newer major version is reported as such (12), not as damage (11).
    /// The verifier calls this only after the signature over the same bytes was found valid and trusted.
    /// </summary>
    internal static (BundleManifest Manifest, string Sha256) Read(Stream stream, string path, int maxEntries = MaxEntries)
    {
        var start = stream.CanSeek ? stream.Position : -1;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var hashing = new HashingReadStream(stream, hash);
        BundleManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(hashing, BundleJsonContext.Default.BundleManifest);
        }
        catch (JsonException ex)
        {
            if (start >= 0)
            {
                stream.Position = start;
                EnsureSupportedVersion(ProbeVersion(() => JsonSerializer.Deserialize(stream, BundleJsonContext.Default.FormatVersionProbe), path), path);
            }

            throw Malformed(path, ex);
        }

        EnsureSupportedVersion(manifest is null ? null : new FormatVersionProbe(manifest.FormatVersion), path);
        return (Validate(manifest, path, maxEntries), Sha256Hex.Format(hash.GetHashAndReset()));
    }

    /// <summary>Throws unless the probed formatVersion is "major.minor" with the supported major.</summary>
    internal static void EnsureSupportedVersion(FormatVersionProbe? probe, string sourceName)
    {
        var formatVersion = probe?.FormatVersion;
        if (string.IsNullOrEmpty(formatVersion))
        {
            throw new ManifestFormatException(ManifestProblem.Malformed,
                $"'{sourceName}' has no formatVersion: it is not a CMDisconnectedSync manifest, or it was truncated or edited. Copy the bundle again from the export media.");
        }

        var dot = formatVersion!.IndexOf('.');
        var majorText = dot < 0 ? formatVersion : formatVersion.Substring(0, dot);
        if (!int.TryParse(majorText, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            throw new ManifestFormatException(ManifestProblem.Malformed, $"'{sourceName}' has formatVersion '{formatVersion}', which is not of the form major.minor.");
        }

        if (major != SupportedMajorVersion)
        {
            throw new ManifestFormatException(ManifestProblem.UnsupportedVersion,
                $"'{sourceName}' uses format version {formatVersion}; this cmdsync reads only {SupportedMajorVersion}.x. "
                + "Install the cmdsync version that matches the export server, or re-export with this version.");
        }
    }

    private static FormatVersionProbe? ProbeVersion(Func<FormatVersionProbe?> read, string sourceName)
    {
        try
        {
            return read();
        }
        catch (JsonException ex)
        {
            throw Malformed(sourceName, ex);
        }
    }

    private static BundleManifest? Parse(Func<BundleManifest?> read, string sourceName)
    {
        try
        {
            return read();
        }
        catch (JsonException ex)
        {
            throw Malformed(sourceName, ex);
        }
    }

    /// <summary>
    /// The writer lists content files sorted ordinal by path, each once (<see cref="Canonicalize"/>). Returns why
    /// <paramref name="manifest"/> is not in that order, or null. The verifier refuses such a manifest even when
    /// signed: cmdsync never wrote it, and two entries for one path leave open which one counts.
    /// </summary>
    internal static string? CanonicalOrderProblem(BundleManifest manifest)
    {
        for (var i = 1; i < manifest.Files.Count; i++)
        {
            if (string.CompareOrdinal(manifest.Files[i - 1].Path, manifest.Files[i].Path) >= 0)
            {
                return $"files are not in canonical order (sorted by path, each path once): '{manifest.Files[i].Path}' follows '{manifest.Files[i - 1].Path}'";
            }
        }

        return DeploymentContentProblem(manifest);
    }

    /// <summary>
    /// Deployment content as the writer lists it: sorted ordinal by path, each path once, each stored at exactly
    /// <see cref="DeploymentContent.ContentRequestSerializer.BundleRelativePath"/> of its request entry (so the path
    /// cannot point anywhere the request does not name), no path shared with a WsusContent file (their parts would
    /// share names), and a request id to answer. Returns why not, or null.
    /// </summary>
    private static string? DeploymentContentProblem(BundleManifest manifest)
    {
        var deployment = manifest.DeploymentContent;
        if (deployment is null)
        {
            return null;
        }

        if (deployment.Count == 0)
        {
            return "deploymentContent is an empty list (cmdsync leaves it out when a bundle carries none)";
        }

        if (string.IsNullOrWhiteSpace(manifest.ContentRequestId))
        {
            return "it carries deployment content but names no contentRequestId";
        }

        HashSet<string>? contentPaths = null;
        for (var i = 0; i < deployment.Count; i++)
        {
            var entry = deployment[i];
            var expected = DeploymentContent.ContentRequestSerializer.BundleRelativePath(entry.Request);
            if (!string.Equals(entry.File.Path, expected, StringComparison.Ordinal))
            {
                return $"deployment content '{entry.File.Path}' is not stored where its request entry says ('{expected}')";
            }

            if (i > 0 && string.CompareOrdinal(deployment[i - 1].File.Path, entry.File.Path) >= 0)
            {
                return $"deployment content is not in canonical order (sorted by path, each path once): '{entry.File.Path}' follows '{deployment[i - 1].File.Path}'";
            }

            contentPaths ??= new HashSet<string>(manifest.Files.Select(f => f.Path), StringComparer.Ordinal);
            if (contentPaths.Contains(entry.File.Path))
            {
                return $"'{entry.File.Path}' is listed both as a WsusContent file and as deployment content";
            }
        }

        return null;
    }

    private static ManifestFormatException Malformed(string sourceName, Exception inner) =>
        new(ManifestProblem.Malformed,
            $"'{sourceName}' is not a valid manifest ({inner.Message}); it was truncated or edited. Copy the bundle again from the export media.",
            inner);

    private static BundleManifest Validate(BundleManifest? manifest, string sourceName, int maxEntries = MaxEntries)
    {
        if (manifest is null)
        {
            throw new ManifestFormatException(ManifestProblem.Malformed, $"'{sourceName}' holds 'null' instead of a manifest.");
        }

        void Require(bool condition, string what)
        {
            if (!condition)
            {
                throw new ManifestFormatException(ManifestProblem.Malformed, $"'{sourceName}' is not a valid manifest: {what}.");
            }
        }

        Require(manifest.Sequence > 0, "sequence must be 1 or more");
        Require(!string.IsNullOrWhiteSpace(manifest.BundleId), "bundleId is empty");
        Require(manifest.Source?.Languages is not null, "source.languages is missing");
        Require(manifest.Files is not null, "files is missing");
        Require(manifest.Metadata?.Package is not null && manifest.Metadata.Log is not null, "metadata.package or metadata.log is missing");
        Require(manifest.VolumeCount >= 0, "volumeCount is negative");
        Require(manifest.RemovedPaths is not null, "removedPaths is null");
        var deployment = manifest.DeploymentContent ?? [];
        Require(deployment.All(d => d?.Request is not null && d.File is not null), "a deploymentContent entry is null or lacks its request or file");
        Require(deployment.Count <= maxEntries, string.Format(CultureInfo.InvariantCulture, "it lists {0:N0} deployment content files, more than the {1:N0} cmdsync accepts", deployment.Count, maxEntries));
        Require(manifest.Files!.Count <= maxEntries && manifest.RemovedPaths!.Count <= maxEntries,
            string.Format(CultureInfo.InvariantCulture, "it lists {0:N0} files and {1:N0} removed paths, more than the {2:N0} cmdsync accepts (ten times a 500,000-file WsusContent)",
                manifest.Files.Count, manifest.RemovedPaths!.Count, maxEntries));
        if (manifest.Base is not null)
        {
            Require(Sha256Hex.IsWellFormed(manifest.Base.ManifestSha256), "base.manifestSha256 is not 64 lowercase hex digits");
        }

        // Sizes are summed later (totals, volume checks): a total past long.MaxValue is a lie, not an overflow crash.
        var total = 0L;
        foreach (var entry in manifest.Files!.Concat([manifest.Metadata!.Package, manifest.Metadata.Log]).Concat(deployment.Select(d => d.File)))
        {
            Require(entry is not null, "an entry is null");
            Require(entry!.Path is not null, "an entry has no path");
            Require(entry.Size >= 0, $"'{entry.Path}' has a negative size");
            Require(entry.Size <= long.MaxValue - total, "the file sizes add up to more than any volume can hold");
            total += entry.Size;
            Require(Sha256Hex.IsWellFormed(entry.Sha256), $"'{entry.Path}' has a sha256 that is not 64 lowercase hex digits");
            Require(entry.Volume >= 0 && entry.Volume <= manifest.VolumeCount, $"'{entry.Path}' is placed in volume {entry.Volume}, outside 0..{manifest.VolumeCount}");
            if (entry.Parts is not null)
            {
                Require(entry.Parts.Count > 0, $"'{entry.Path}' has an empty parts list");
                var partsTotal = 0L;
                for (var i = 0; i < entry.Parts.Count; i++)
                {
                    var part = entry.Parts[i];
                    Require(part is not null, $"part {i + 1} of '{entry.Path}' is null");
                    Require(part!.Index == i + 1, $"the parts of '{entry.Path}' are not numbered 1..{entry.Parts.Count}");
                    Require(part.Volume >= 1 && part.Volume <= manifest.VolumeCount, $"part {part.Index} of '{entry.Path}' is in volume {part.Volume}, outside 1..{manifest.VolumeCount}");
                    Require(part.Size > 0 && part.Size <= entry.Size - partsTotal && Sha256Hex.IsWellFormed(part.Sha256), $"part {part.Index} of '{entry.Path}' has a bad size or sha256");
                    partsTotal += part.Size;
                }

                Require(partsTotal == entry.Size, $"the parts of '{entry.Path}' do not add up to its size");
            }
        }


        return manifest;
    }
}
