using System.Security.Cryptography;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.Signing;

namespace CMDisconnectedSync.Bundles;

/// <summary>
/// Decides whether a bundle folder may be imported, without writing anything. In order: manifest present and
/// well-formed, supported version, signature valid, signer trusted, paths safe, sequence above the highest accepted
/// (unless overridden), a delta's base equal to the current state (even when overridden), every volume and file present and nothing extra, then every file's size and
/// SHA-256 (files hashed in parallel, bounded by cores, streaming in constant memory).
/// </summary>
public sealed class BundleVerifier
{
    private readonly BundlePathValidator _validator;
    private readonly ManifestSignatureVerifier _signatures;

    public BundleVerifier(BundlePathValidator validator, ManifestSignatureVerifier signatures)
    {
        _validator = validator ?? throw new ArgumentNullException(nameof(validator));
        _signatures = signatures ?? throw new ArgumentNullException(nameof(signatures));
    }

    public async Task<BundleVerificationResult> VerifyAsync(string bundleFolder, BundleTrustContext trust, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var check = await CheckAsync(bundleFolder, trust, cancellationToken).ConfigureAwait(false);
        return await VerifyContentAsync(check, null, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every check of <see cref="VerifyAsync"/> except the content hashes: manifest, signature, signer, paths, sequence and
    /// base, every volume and file present with its manifest size, nothing extra. Reads the manifest and one directory
    /// walk, never the content, so the import runs its cheap preflight between this and <see cref="VerifyContentAsync"/>
    /// (issue 17: it used to read the whole bundle before finding WSUS missing). The result also carries the content's
    /// stamp (bundle folder, manifest hash, every file's size and last-write time) that a reuse is checked against.
    /// </summary>
    public async Task<BundleCheck> CheckAsync(string bundleFolder, BundleTrustContext trust, CancellationToken cancellationToken)
    {
        _ = bundleFolder ?? throw new ArgumentNullException(nameof(bundleFolder));
        _ = trust ?? throw new ArgumentNullException(nameof(trust));
        if (!Directory.Exists(bundleFolder))
        {
            return BundleCheck.Refused(BundleVerificationResult.Fail(VerificationFailureKind.ManifestMissing, $"The bundle folder '{bundleFolder}' does not exist. Check the path or the media."));
        }

        var volumeCount = File.Exists(BundleLayout.ToFullPath(bundleFolder, BundleLayout.ManifestPath(0))) ? 0 : 1;
        var manifestPath = BundleLayout.ToFullPath(bundleFolder, BundleLayout.ManifestPath(volumeCount));
        if (!File.Exists(manifestPath))
        {
            return BundleCheck.Refused(BundleVerificationResult.Fail(VerificationFailureKind.ManifestMissing,
                $"'{bundleFolder}' has no {BundleLayout.ManifestFileName} (nor {BundleLayout.ManifestPath(1)}): it is not a bundle, or the copy is incomplete. Copy the whole bundle folder (all volume folders) again."));
        }

        // Nothing of the manifest is parsed before its signature is found valid and trusted: the signature is checked
        // over a streamed SHA-256 (constant memory, the time sha256sum takes), and only plain files within the caps
        // are opened at all (issue 19: a hostile 1.3 GB manifest used to be parsed first, 24-40 s and 3.2 GiB).
        FileStream manifestStream;
        try
        {
            manifestStream = RegularFile.OpenRead(manifestPath, ManifestSerializer.MaxManifestBytes, FileStreams.BufferSize, FileOptions.SequentialScan);
        }
        catch (RegularFileException ex)
        {
            return BundleCheck.Refused(RefuseFile(ex, BundleLayout.ManifestPath(volumeCount), VerificationFailureKind.ManifestMalformed, "manifest"));
        }

        BundleManifest manifest;
        string readSha256;
        SignatureCheck check;
        using (manifestStream)
        {
            var signaturePath = BundleLayout.ToFullPath(bundleFolder, BundleLayout.SignaturePath(volumeCount));
            if (RegularFile.KindOf(signaturePath) == FileKind.Missing)
            {
                return BundleCheck.Refused(BundleVerificationResult.Fail(VerificationFailureKind.SignatureMissing,
                    $"'{signaturePath}' is missing, so the manifest cannot be proven to come from your export server. Copy the bundle again, including {BundleLayout.SignatureFileName}."));
            }

            byte[] signature;
            try
            {
                signature = RegularFile.ReadAllBytes(signaturePath, MaxSignatureBytes);
            }
            catch (RegularFileException ex)
            {
                return BundleCheck.Refused(RefuseFile(ex, BundleLayout.SignaturePath(volumeCount), VerificationFailureKind.SignatureInvalid, "signature"));
            }

            byte[] signedSha256;
            try
            {
                signedSha256 = await Task.Run(() => HashToEnd(manifestStream, manifestPath, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (RegularFileException ex)
            {
                return BundleCheck.Refused(RefuseFile(ex, BundleLayout.ManifestPath(volumeCount), VerificationFailureKind.ManifestMalformed, "manifest"));
            }

            check = _signatures.VerifyDigest(signedSha256, signature, trust.TrustedSigners);
            if (check.Outcome == SignatureOutcome.Invalid)
            {
                return BundleCheck.Refused(BundleVerificationResult.Fail(VerificationFailureKind.SignatureInvalid, $"'{signaturePath}': {check.Detail}"));
            }

            if (check.Outcome == SignatureOutcome.Untrusted)
            {
                return BundleCheck.Refused(BundleVerificationResult.Fail(VerificationFailureKind.SignerUntrusted, $"'{signaturePath}': {check.Detail}"));
            }

            // Parsed from the same open handle, and hashed again while parsed: bytes changed between the two reads
            // (the file rewritten in place) are caught by comparing the hashes.
            try
            {
                manifestStream.Position = 0;
                (manifest, readSha256) = await Task.Run(() => ManifestSerializer.Read(manifestStream, manifestPath), cancellationToken).ConfigureAwait(false);
            }
            catch (ManifestFormatException ex)
            {
                return BundleCheck.Refused(BundleVerificationResult.Fail(
                    ex.Problem == ManifestProblem.UnsupportedVersion ? VerificationFailureKind.UnsupportedFormatVersion : VerificationFailureKind.ManifestMalformed, ex.Message));
            }

            if (!string.Equals(Sha256Hex.Format(signedSha256), readSha256, StringComparison.Ordinal))
            {
                return BundleCheck.Refused(BundleVerificationResult.Fail(VerificationFailureKind.SignatureInvalid,
                    $"'{manifestPath}' changed while it was being verified. Make sure nothing writes to the bundle and run verify again."));
            }
        }

        if ((manifest.VolumeCount > 0) != (volumeCount > 0))
        {
            return BundleCheck.Refused(BundleVerificationResult.Fail(VerificationFailureKind.ManifestMalformed,
                $"'{manifestPath}' says the bundle has {manifest.VolumeCount} volumes but it was found {(volumeCount > 0 ? "in volume-001" : "at the bundle root")}."));
        }

        var summary = Summarize(manifest, check.Signer, readSha256);
        // Content paths, then metadata, then removed paths (no list of a million (area, entry) pairs built for it).
        var violations = _validator.CheckAll(manifest.Files.Select(f => f.Path))
            .Concat(_validator.CheckAll([manifest.Metadata.Package.Path, manifest.Metadata.Log.Path]))
            .Concat(_validator.CheckAll(manifest.RemovedPaths))
            .Concat(_validator.CheckAll((manifest.DeploymentContent ?? []).Select(d => d.File.Path)))
            .ToList();
        if (violations.Count > 0)
        {
            return BundleCheck.Refused(BundleVerificationResult.Fail(VerificationFailureKind.UnsafePath, violations[0].ToString(), summary, violations.Count));
        }

        var orderProblem = ManifestSerializer.CanonicalOrderProblem(manifest);
        if (orderProblem is not null)
        {
            return BundleCheck.Refused(BundleVerificationResult.Fail(VerificationFailureKind.ManifestMalformed,
                $"'{manifestPath}' is not a valid manifest: {orderProblem}. cmdsync never writes one like this; copy the bundle again from the export media.", summary));
        }

        var sequenceFailure = CheckSequence(manifest, trust, summary);
        if (sequenceFailure is not null)
        {
            return BundleCheck.Refused(sequenceFailure);
        }

        var index = new StoredFileIndex(manifest);
        var lengths = new long[index.Count];
        var lastWriteTicks = new long[index.Count];
        var completeness = CheckCompleteness(bundleFolder, manifest, index, lengths, summary, cancellationToken, lastWriteTicks);
        if (completeness is not null)
        {
            return BundleCheck.Refused(completeness);
        }

        var sizeFailure = CheckSizes(index, lengths, summary);
        if (sizeFailure is not null)
        {
            return BundleCheck.Refused(sizeFailure);
        }

        var bundle = new VerifiedBundle(bundleFolder, manifest, readSha256, check.Signer!, trust.AllowRollback);
        return new BundleCheck(bundle, summary, index, ContentVerification.StampOf(bundleFolder, readSha256, lengths, lastWriteTicks));
    }

    /// <summary>
    /// Finishes <paramref name="check"/>: hashes every stored file (files in parallel, bounded by cores, constant memory)
    /// and compares it with the manifest, reporting bytes and files to <paramref name="progress"/>. When
    /// <paramref name="verifiedBefore"/> is a verification of this very manifest whose stamp equals the check's (same
    /// folder, every file the same size and last-write time as when it was hashed), nothing is hashed again and the
    /// result says so (<see cref="BundleVerificationResult.ContentReused"/>). That reuse is a convenience, not the
    /// security boundary: the import's copy hashes every byte it writes and renames a file into place only when it
    /// matches the manifest, so content altered behind an unchanged size and time is still refused (exit 24).
    /// </summary>
    public async Task<BundleVerificationResult> VerifyContentAsync(BundleCheck check, ContentVerification? verifiedBefore, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        _ = check ?? throw new ArgumentNullException(nameof(check));
        if (check.Refusal is { } refusal)
        {
            return refusal;
        }

        var bundle = check.Bundle!;
        var summary = check.Summary!;
        var content = new ContentVerification(bundle.ManifestSha256, check.ContentStamp!);
        var reused = content.Equals(verifiedBefore);
        if (!reused)
        {
            var contentFailure = await CheckContentAsync(bundle.Folder, check.Index!, summary, progress, cancellationToken).ConfigureAwait(false);
            if (contentFailure is not null)
            {
                return contentFailure;
            }
        }

        return new BundleVerificationResult
        {
            Cause = $"verified: {summary.Files} files, {VolumeSize.Format(summary.Bytes)}"
                    + (summary.DeploymentContentFiles > 0 ? $" and {summary.DeploymentContentFiles} deployment content files, {VolumeSize.Format(summary.DeploymentContentBytes)}" : string.Empty)
                    + $", sequence {summary.Sequence}, signed by {bundle.Signer}"
                    + (reused ? " (content hashed earlier; every file has the same size and last-write time since)" : string.Empty),
            Summary = summary,
            Bundle = bundle,
            Content = content,
            ContentReused = reused,
        };
    }

    /// <summary>Files at least this large are hashed first (see <see cref="CheckContentAsync"/>).</summary>
    private const long BigFileBytes = 8L * 1024 * 1024;

    /// <summary>The largest signature file read: cmdsync's is ~1.5 KB (one certificate); a chain of several still fits.</summary>
    internal const int MaxSignatureBytes = 256 * 1024;

    /// <summary>SHA-256 of <paramref name="stream"/> from its position to the end, refusing more than the manifest cap (a file that grows while read).</summary>
    private static byte[] HashToEnd(Stream stream, string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = FileStreams.RentBuffer();
        try
        {
            long total = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                total += read;
                if (total > ManifestSerializer.MaxManifestBytes)
                {
                    throw RegularFile.TooLarge(path, total, ManifestSerializer.MaxManifestBytes);
                }

                hash.AppendData(buffer, 0, read);
            }

            return hash.GetHashAndReset();
        }
        finally
        {
            FileStreams.ReturnBuffer(buffer);
        }
    }

    /// <summary>
    /// A manifest or signature that is not a plain file (link, device, FIFO) is an unsafe path (19); one over its cap
    /// is <paramref name="tooLarge"/> (a manifest: malformed, 11; a signature: invalid, 14).
    /// </summary>
    private static BundleVerificationResult RefuseFile(RegularFileException ex, string relative, VerificationFailureKind tooLarge, string what) =>
        ex.Problem == RegularFileProblem.TooLarge
            ? BundleVerificationResult.Fail(tooLarge, string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "'{0}' is {1:N0} bytes or more, larger than any {2} cmdsync writes (at most {3:N0} bytes{4}): it is damaged or was not made by cmdsync. Copy the bundle again from the export media.",
                ex.FilePath, ex.Length, what, ex.Limit, what == "manifest" ? string.Format(System.Globalization.CultureInfo.InvariantCulture, ", about {0:N0} files", ManifestSerializer.MaxEntries) : string.Empty))
            : BundleVerificationResult.Fail(VerificationFailureKind.UnsafePath,
                new PathViolation(relative, PathRule.NotRegularFile, ex.Message).ToString());

    /// <summary>
    /// The sequence must be above the highest ever accepted (not only above the current anchor, which a rollback
    /// override lowers), unless the admin overrides it; a delta's base must be this server's current anchor, override
    /// or not, or the files the delta omits may be missing here.
    /// </summary>
    private static BundleVerificationResult? CheckSequence(BundleManifest manifest, BundleTrustContext trust, BundleSummary summary)
    {
        var last = trust.LastAccepted;
        var highest = Math.Max(trust.HighestAcceptedSequence, last?.Sequence ?? 0);
        if (!trust.AllowRollback)
        {
            if (last is not null && manifest.Sequence == last.Sequence)
            {
                return BundleVerificationResult.Fail(VerificationFailureKind.SequenceReplayed,
                    $"Bundle {manifest.BundleId} has sequence {manifest.Sequence}, which this server already accepted on {last.AcceptedAtUtc:yyyy-MM-dd HH:mm} UTC: a replay. "
                    + "Bring the next bundle; to re-apply on purpose use --allow-rollback --reason \"...\".", summary);
            }

            if (last is not null && manifest.Sequence < last.Sequence)
            {
                return BundleVerificationResult.Fail(VerificationFailureKind.SequenceRolledBack,
                    $"Bundle {manifest.BundleId} has sequence {manifest.Sequence}, older than the last accepted {last.Sequence}: a rollback. "
                    + "Bring a newer bundle; to go back on purpose use --allow-rollback --reason \"...\".", summary);
            }

            if (manifest.Sequence <= highest)
            {
                var rolledBack = last is null ? string.Empty : $" (it was rolled back to sequence {last.Sequence} on purpose since)";
                return manifest.Sequence == highest
                    ? BundleVerificationResult.Fail(VerificationFailureKind.SequenceReplayed,
                        $"Bundle {manifest.BundleId} has sequence {manifest.Sequence}, the highest this server ever accepted{rolledBack}: a replay. "
                        + $"Bring a bundle above {highest}; to re-apply on purpose use --allow-rollback --reason \"...\".", summary)
                    : BundleVerificationResult.Fail(VerificationFailureKind.SequenceRolledBack,
                        $"Bundle {manifest.BundleId} has sequence {manifest.Sequence}, older than the highest accepted {highest}{rolledBack}: a rollback. "
                        + $"Bring a bundle above {highest}; to go back on purpose use --allow-rollback --reason \"...\".", summary);
            }
        }

        if (manifest.Base is null)
        {
            return null;
        }

        var onBase = last is not null && last.Sequence == manifest.Base.Sequence && string.Equals(last.ManifestSha256, manifest.Base.ManifestSha256, StringComparison.OrdinalIgnoreCase);
        // The very bundle that is this server's anchor (an unfinished run resuming, or re-applied on purpose) had its
        // base checked when it was accepted.
        var isAnchor = last is not null && string.Equals(last.ManifestSha256, summary.ManifestSha256, StringComparison.OrdinalIgnoreCase);
        if (!onBase && !isAnchor)
        {
            var here = last is null ? "nothing accepted yet" : $"sequence {last.Sequence} (manifest {last.ManifestSha256.Substring(0, 12)}…)";
            var overridden = trust.AllowRollback
                ? " --allow-rollback overrides the sequence check only, never a delta's base: to go back, import a full bundle or a delta whose base is this server's current state."
                : string.Empty;
            return BundleVerificationResult.Fail(VerificationFailureKind.BaseMismatch,
                $"Bundle {manifest.BundleId} is a delta against sequence {manifest.Base.Sequence} (manifest {manifest.Base.ManifestSha256.Substring(0, 12)}…), but this server has {here}, "
                + "so files it omits may be missing here. Import the missing bundles first, or run 'cmdsync receipt' here and export against that receipt." + overridden, summary);
        }

        return null;
    }

    /// <summary>
    /// Walks the bundle folder once: every stored file present, nothing extra, no reparse point. Records each stored
    /// file's length in <paramref name="lengths"/> (from the same directory read, so the size check needs no second
    /// metadata call per file). Checks <paramref name="cancellationToken"/> per entry: a full bundle has a million.
    /// </summary>
    internal static BundleVerificationResult? CheckCompleteness(
        string bundleFolder, BundleManifest manifest, StoredFileIndex index, long[] lengths, BundleSummary summary, CancellationToken cancellationToken, long[]? lastWriteTicks = null)
    {
        for (var volume = 1; volume <= manifest.VolumeCount; volume++)
        {
            var folder = BundleLayout.ToFullPath(bundleFolder, BundleLayout.VolumeFolder(volume));
            if (!Directory.Exists(folder))
            {
                return BundleVerificationResult.Fail(VerificationFailureKind.VolumeMissing,
                    $"Volume {volume} of {manifest.VolumeCount} ('{folder}') is missing. Copy every volume-NNN folder from the media into '{bundleFolder}'.", summary);
            }
        }

        var manifestPath = BundleLayout.ManifestPath(manifest.VolumeCount);
        var signaturePath = BundleLayout.SignaturePath(manifest.VolumeCount);
        var present = new bool[index.Count];
        var pending = new Stack<(DirectoryInfo Folder, string Prefix)>();
        pending.Push((new DirectoryInfo(bundleFolder), string.Empty));
        var extras = new List<string>();
        while (pending.Count > 0)
        {
            var (folder, prefix) = pending.Pop();
            foreach (var item in folder.EnumerateFileSystemInfos())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var relative = prefix + item.Name;
                if ((item.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    return BundleVerificationResult.Fail(VerificationFailureKind.UnsafePath,
                        new PathViolation(relative, PathRule.ReparsePoint, $"'{item.FullName}' is a symbolic link, junction or reparse point inside the bundle; copy the bundle as plain files.").ToString(), summary);
                }

                if (item is DirectoryInfo directory)
                {
                    pending.Push((directory, relative + "/"));
                    continue;
                }

                if (relative == manifestPath || relative == signaturePath)
                {
                    continue;
                }

                // A device, FIFO or socket reports length 0 (Linux stat), and hashing it would never end or never
                // start: only zero-length entries need the extra look, so a million-file bundle pays nothing for it.
                if (((FileInfo)item).Length == 0 && RegularFile.KindOf(item.FullName) is FileKind.Special)
                {
                    return BundleVerificationResult.Fail(VerificationFailureKind.UnsafePath,
                        new PathViolation(relative, PathRule.NotRegularFile, $"'{item.FullName}' is a device, pipe (FIFO) or socket inside the bundle; copy the bundle as plain files.").ToString(), summary);
                }

                var number = index.Find(relative);
                if (number < 0)
                {
                    extras.Add(relative);
                }
                else
                {
                    present[number] = true;
                    lengths[number] = ((FileInfo)item).Length;
                    if (lastWriteTicks is not null)
                    {
                        // From the same file status as the length (one stat per file, cached by FileInfo).
                        lastWriteTicks[number] = item.LastWriteTimeUtc.Ticks;
                    }
                }
            }
        }

        var missing = Enumerable.Range(0, present.Length).Where(i => !present[i]).Take(1).ToList();
        if (missing.Count > 0)
        {
            var first = index.Describe(missing[0]);
            var count = present.Count(p => !p);
            return BundleVerificationResult.Fail(VerificationFailureKind.FileMissing,
                $"'{first.RelativePath}' ({first.Entry}) is listed in the manifest but missing from the bundle{(count > 1 ? $", and {count - 1} more" : string.Empty)}. Copy the bundle again from the export media.",
                summary, count);
        }

        if (extras.Count > 0)
        {
            extras.Sort(StringComparer.Ordinal);
            return BundleVerificationResult.Fail(VerificationFailureKind.UnexpectedFile,
                $"'{extras[0]}' is in the bundle but not in the signed manifest{(extras.Count > 1 ? $", and {extras.Count - 1} more" : string.Empty)}: something was added after export. Remove it or copy the bundle again from the export media.",
                summary, extras.Count);
        }

        return null;
    }

    /// <summary>Every stored file's length (from the completeness walk) against its manifest size.</summary>
    private static BundleVerificationResult? CheckSizes(StoredFileIndex index, long[] lengths, BundleSummary summary)
    {
        string? firstSizeProblem = null;
        var sizeProblems = 0;
        for (var i = 0; i < index.Count; i++)
        {
            var size = index.SizeOf(i);
            if (lengths[i] != size)
            {
                sizeProblems++;
                if (firstSizeProblem is null)
                {
                    var file = index.Describe(i);
                    firstSizeProblem = $"'{file.RelativePath}' ({file.Entry}) is {lengths[i]} bytes but the manifest lists {file.Size}: it was truncated or altered. Copy the bundle again from the export media.";
                }
            }
        }

        return firstSizeProblem is null ? null : BundleVerificationResult.Fail(VerificationFailureKind.SizeMismatch, firstSizeProblem, summary, sizeProblems);
    }

    private static async Task<BundleVerificationResult?> CheckContentAsync(
        string bundleFolder, StoredFileIndex index, BundleSummary summary, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        long totalBytes = 0;
        for (var i = 0; i < index.Count; i++)
        {
            totalBytes += index.SizeOf(i);
        }

        // Only mismatches keep their actual hash: a million matching hashes would otherwise cost ~150 MB of strings.
        // Each worker hashes synchronously with its own buffer: with tens of thousands of small files the per-file
        // overhead (async state machines, stream objects, hash contexts) cost more than SHA-256 itself.
        // Big files first, largest first, then the rest in manifest (folder) order: a worker is never left hashing a
        // 300 MiB file alone at the end while the other cores sit idle (the real WsusContent shape: a few hundred big
        // files among tens of thousands of small ones), and small files stay in the order they lie on the media.
        var order = new int[index.Count];
        var keys = new long[index.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            keys[i] = index.SizeOf(i) >= BigFileBytes ? -index.SizeOf(i) : i;
        }

        Array.Sort(keys, order);
        var tracker = new ProgressTracker(progress, totalBytes, index.Count);
        var mismatches = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        await BoundedParallel.ForEachWorkerAsync(
            index.Count,
            FileStreams.RentBuffer,
            (buffer, k, ct) =>
            {
                var i = order[k];
                var (actual, _) = FileHasher.Hash(BundleLayout.ToFullPath(bundleFolder, index.StoredPathOf(i)), buffer, tracker, ct);
                if (actual != index.DigestOf(i))
                {
                    mismatches[i] = actual.ToString();
                }

                tracker.FileDone();
            },
            FileStreams.ReturnBuffer,
            cancellationToken).ConfigureAwait(false);

        if (mismatches.IsEmpty)
        {
            return null;
        }

        var firstIndex = mismatches.Keys.Min();
        var first = index.Describe(firstIndex);
        return BundleVerificationResult.Fail(VerificationFailureKind.HashMismatch,
            $"'{first.RelativePath}' ({first.Entry}) has SHA-256 {mismatches[firstIndex]} but the manifest lists {first.Sha256}{(mismatches.Count > 1 ? $" (and {mismatches.Count - 1} more files differ)" : string.Empty)}: it was altered or damaged in transit. Copy the bundle again from the export media.",
            summary, mismatches.Count);
    }

    private static BundleSummary Summarize(BundleManifest manifest, SignerIdentity? signer, string manifestSha256) => new()
    {
        BundleId = manifest.BundleId,
        Sequence = manifest.Sequence,
        Base = manifest.Base,
        CreatedAtUtc = manifest.CreatedAtUtc,
        SourceServer = manifest.Source.Server,
        Files = manifest.Files.Count,
        Bytes = manifest.Files.Sum(f => f.Size),
        NewFiles = manifest.Files.Count(f => f.Change == ContentChange.New),
        ChangedFiles = manifest.Files.Count(f => f.Change == ContentChange.Changed),
        VolumeCount = manifest.VolumeCount,
        Signer = signer,
        ManifestSha256 = manifestSha256,
        DeploymentContentFiles = manifest.DeploymentContent?.Count ?? 0,
        DeploymentContentBytes = manifest.DeploymentContent?.Sum(d => d.File.Size) ?? 0,
    };
}
