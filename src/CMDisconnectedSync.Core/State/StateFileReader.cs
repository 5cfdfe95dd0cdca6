using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.State;

/// <summary>
/// Reads files of a state folder (and receipts) through <see cref="RegularFile"/>: only plain files, each within its
/// cap, and a refusal becomes a <see cref="StateFileException"/> naming the file (exit code 25), not an out-of-memory
/// crash or a hang (issue 19: <c>trusted-signers.txt</c> linked to <c>/dev/zero</c>).
/// </summary>
public static class StateFileReader
{
    /// <summary>state.json, trusted-signers.txt, a receipt's .sha256, a lock's owner: a few KB when written by cmdsync.</summary>
    public const long MaxSmallFileBytes = 16 * 1024 * 1024;

    /// <summary>Inventories (read as streams) list every WsusContent file with its hash and time: twice the manifest cap.</summary>
    public const long MaxInventoryBytes = 2 * Bundles.ManifestSerializer.MaxManifestBytes;

    /// <summary>A workflow journal: a few lines per step, and a cancelled step may be retried often.</summary>
    public const long MaxJournalBytes = 64 * 1024 * 1024;

    public static FileStream OpenRead(string path, long maxBytes, int bufferSize = 64 * 1024, FileOptions options = FileOptions.SequentialScan) =>
        Guard(path, () => RegularFile.OpenRead(path, maxBytes, bufferSize, options));

    public static byte[] ReadAllBytes(string path, long maxBytes) => Guard(path, () => RegularFile.ReadAllBytes(path, maxBytes));

    public static string ReadAllText(string path, long maxBytes) => Guard(path, () => RegularFile.ReadAllText(path, maxBytes));

    public static IReadOnlyList<string> ReadAllLines(string path, long maxBytes) => Guard(path, () => RegularFile.ReadAllLines(path, maxBytes));

    /// <summary>A state file that is a link, device or FIFO: refused (exit 25) before anything judges or reads it.</summary>
    public static void RefuseSpecial(string path) => Guard(path, () =>
    {
        RegularFile.RefuseSpecial(path);
        return true;
    });

    private static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (RegularFileException ex)
        {
            throw new StateFileException(
                $"{ex.Message} cmdsync does not read it as the state file '{Path.GetFileName(path)}'. Put the real file back (from backup), or remove the link or device.", ex);
        }
    }
}
