using System.Security.Cryptography;

namespace CMDisconnectedSync.IO;

/// <summary>
/// Copies one file into a bundle that is being written, hashing it in the same read pass, synchronously with a
/// caller-supplied buffer (one worker per core). Unlike <see cref="HashingFileCopier"/> it writes straight to the
/// final name, with no temp file, rename or flush: a bundle folder is untrusted until its manifest, written last,
/// exists, and verify rehashes every byte, so a torn file left by a crash can never be imported. Saving the extra
/// create/rename per file is what keeps tens of thousands of small files near <c>cp</c> speed. The destination
/// must not exist; on any failure the file this call created is deleted.
/// </summary>
internal static class BundleFileCopier
{
    public static (Sha256Digest Digest, long Length) Copy(string sourcePath, string destinationPath, byte[] buffer, IProgress<long>? bytesCopied, CancellationToken cancellationToken)
    {
        _ = buffer ?? throw new ArgumentNullException(nameof(buffer));
        var created = false;
        try
        {
#if NETFRAMEWORK
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            using var target = new FileStream(destinationPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
            created = true;
            long length = 0;
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, read);
                target.Write(buffer, 0, read);
                length += read;
                bytesCopied?.Report(read);
            }

            return (Sha256Digest.FromBytes(hash.GetHashAndReset()), length);
#else
            Span<byte> digest = stackalloc byte[Sha256Digest.ByteLength];
            using var source = PlainFile.OpenRead(sourcePath);
            using var target = PlainFile.CreateNew(destinationPath);
            created = true;
            var first = FileHasher.ReadFull(source, buffer, 0);
            RandomAccess.Write(target, buffer.AsSpan(0, first), 0);
            bytesCopied?.Report(first);
            if (first < buffer.Length)
            {
                // The whole file fit the buffer (most files): one-shot hash, no hash context.
                SHA256.HashData(buffer.AsSpan(0, first), digest);
                return (Sha256Digest.FromBytes(digest), first);
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            var chunk = first;
            while (true)
            {
                hash.AppendData(buffer.AsSpan(0, chunk));
                length += chunk;
                cancellationToken.ThrowIfCancellationRequested();
                chunk = FileHasher.ReadFull(source, buffer, length);
                if (chunk == 0)
                {
                    break;
                }

                RandomAccess.Write(target, buffer.AsSpan(0, chunk), length);
                bytesCopied?.Report(chunk);
            }

            hash.GetHashAndReset(digest);
            return (Sha256Digest.FromBytes(digest), length);
#endif
        }
        catch (IOException ex) when (ex.GetType() == typeof(IOException) && !ex.Message.Contains(sourcePath) && !ex.Message.Contains(destinationPath))
        {
            // A read or write on a bare handle (RandomAccess, a plain open) reports only the system's text, e.g. "No
            // space left on device": the admin must learn which file and which media. Never leave a half-written file
            // under a name the manifest will list.
            if (created)
            {
                File.Delete(destinationPath);
            }

            throw new IOException($"Copying '{sourcePath}' to '{destinationPath}' failed: {ex.Message}", ex);
        }
        catch when (created)
        {
            // Never leave a half-written file under a name the manifest will list (the exception propagates).
            File.Delete(destinationPath);
            throw;
        }
    }
}
