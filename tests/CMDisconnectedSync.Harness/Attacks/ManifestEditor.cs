using System.Text;
using System.Text.Json.Nodes;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Signing;

namespace CMDisconnectedSync.Harness.Attacks;

/// <summary>
/// Edits a bundle's manifest as JSON and signs the result again, so a hostile bundle carries a valid signature by
/// the key the attack chooses (often the trusted one): the verifier's own logic is tested, not only the signature.
/// </summary>
internal static class ManifestEditor
{
    public static string ManifestPath(string folder)
    {
        var root = Path.Combine(folder, BundleLayout.ManifestFileName);
        return File.Exists(root) ? root : Path.Combine(folder, BundleLayout.VolumeFolder(1), BundleLayout.ManifestFileName);
    }

    public static string SignaturePath(string folder) => ManifestPath(folder) + ".p7s";

    public static JsonObject Read(string folder) => JsonNode.Parse(File.ReadAllBytes(ManifestPath(folder)))!.AsObject();

    /// <summary>Applies <paramref name="edit"/>, keeps the files list sorted unless told not to, writes and signs.</summary>
    public static void Resign(string folder, Action<JsonObject> edit, IManifestSigner signer, bool sortFiles = true)
    {
        var manifest = Read(folder);
        edit(manifest);
        if (sortFiles)
        {
            SortFiles(manifest);
        }

        var bytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        File.WriteAllBytes(ManifestPath(folder), bytes);
        File.WriteAllBytes(SignaturePath(folder), signer.Sign(bytes));
    }

    public static JsonArray Files(JsonObject manifest) => manifest["files"]!.AsArray();

    public static void SortFiles(JsonObject manifest)
    {
        if (manifest["files"] is not JsonArray files)
        {
            return;
        }

        var sorted = files.Select(f => f!.DeepClone()).OrderBy(f => (string?)f!["path"] ?? string.Empty, StringComparer.Ordinal).ToList();
        files.Clear();
        foreach (var file in sorted)
        {
            files.Add(file);
        }
    }

    public static JsonObject PickFile(JsonObject manifest, Random random, bool wholeOnly = false)
    {
        var candidates = Files(manifest).Select(f => f!.AsObject()).Where(f => !wholeOnly || f["parts"] is null).ToList();
        return candidates[random.Next(candidates.Count)];
    }
}
