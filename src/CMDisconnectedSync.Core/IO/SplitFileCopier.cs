using System.Security.Cryptography;

namespace CMDisconnectedSync.IO;

/// <summary>
/// Splits one file into consecutive parts (one read pass, hashing the whole file and each part) and joins parts
/// back (one read pass, hash checked before the result becomes visible). Both use the temp+rename discipline of
/// <see cref="HashingFileCopier"/>: a crash never leaves a torn file under a final name.
/// </summary>
public static class SplitFileCopier
{
    /// <summary>Writes <paramref name="parts"/> (destination path + length, in order) from <paramref name="sourcePath"/>.</summary>
    /// <returns>The whole file's length and SHA-256, and each part's SHA-256 in order.</returns>
    public static async Task<(CopiedFile Whole, IReadOnlyList<string> PartSha256)> SplitAsync(
        string sourcePath,
        IReadOnlyList<(string Path, long Length)> parts,
        IProgress<long>? bytesCopied,
        bool flushToDisk,
        CancellationToken cancellationToken)
    {
        _ = sourcePath ?? throw new ArgumentNullException(nameof(sourcePath));
        _ = parts ?? throw new ArgumentNullException(nameof(parts));
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var partHashes = new List<string>(parts.Count);
        var buffer = FileStreams.RentBuffer();
        long total = 0;
        try
        {
            using (var source = FileStreams.OpenSequentialRead(sourcePath))
            {
                foreach (var (path, length) in parts)
                {
                    using var partHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    var partial = PrepareTarget(path);
                    try
                    {
                        using (var target = FileStreams.CreateNew(partial))
                        {
                            var remaining = length;
                            while (remaining > 0)
                            {
                                var want = (int)Math.Min(buffer.Length, remaining);
                                var read = await source.ReadAsync(buffer, 0, want, cancellationToken).ConfigureAwait(false);
                                if (read == 0)
                                {
                                    throw new IOException($"'{sourcePath}' ended {remaining} bytes early while splitting it; it changed during the export. Run the export again.");
                                }

                                whole.AppendData(buffer, 0, read);
                                partHash.AppendData(buffer, 0, read);
                                await target.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                                remaining -= read;
                                total += read;
                                bytesCopied?.Report(read);
                            }

                            if (flushToDisk)
                            {
                                target.Flush(flushToDisk: true);
                            }
                        }

                        HashingFileCopier.MoveIntoPlace(partial, path);
                    }
                    catch
                    {
                        DeleteIfExists(partial);
                        throw;
                    }

                    partHashes.Add(Sha256Hex.Format(partHash.GetHashAndReset()));
                }

                if (await source.ReadAsync(buffer, 0, 1, cancellationToken).ConfigureAwait(false) > 0)
                {
                    throw new IOException($"'{sourcePath}' grew while splitting it; it changed during the export. Run the export again.");
                }
            }
        }
        finally
        {
            FileStreams.ReturnBuffer(buffer);
        }

        return (new CopiedFile(sourcePath, total, Sha256Hex.Format(whole.GetHashAndReset())), partHashes);
    }

    /// <summary>
    /// Concatenates <paramref name="partPaths"/> into <paramref name="destinationPath"/>; throws
    /// <see cref="ContentHashMismatchException"/> (destination untouched) when the result's SHA-256 differs.
    /// </summary>
    public static async Task<CopiedFile> JoinAsync(
        IReadOnlyList<string> partPaths,
        string destinationPath,
        string expectedSha256,
        IProgress<long>? bytesCopied,
        CancellationToken cancellationToken)
    {
        _ = partPaths ?? throw new ArgumentNullException(nameof(partPaths));
        _ = destinationPath ?? throw new ArgumentNullException(nameof(destinationPath));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var partial = PrepareTarget(destinationPath);
        long length = 0;
        try
        {
            var buffer = FileStreams.RentBuffer();
            try
            {
                using (var target = FileStreams.CreateNew(partial))
                {
                    foreach (var partPath in partPaths)
                    {
                        using var source = FileStreams.OpenSequentialRead(partPath);
                        int read;
                        while ((read = await source.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            hash.AppendData(buffer, 0, read);
                            await target.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                            length += read;
                            bytesCopied?.Report(read);
                        }
                    }

                    target.Flush(flushToDisk: true);
                }
            }
            finally
            {
                FileStreams.ReturnBuffer(buffer);
            }

            var sha256 = Sha256Hex.Format(hash.GetHashAndReset());
            if (!string.Equals(expectedSha256, sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ContentHashMismatchException(destinationPath, expectedSha256, sha256);
            }

            HashingFileCopier.MoveIntoPlace(partial, destinationPath);
            return new CopiedFile(destinationPath, length, sha256);
        }
        catch
        {
            DeleteIfExists(partial);
            throw;
        }
    }

    private static string PrepareTarget(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var partial = path + HashingFileCopier.PartialSuffix;
        DeleteIfExists(partial);
        return partial;
    }

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
