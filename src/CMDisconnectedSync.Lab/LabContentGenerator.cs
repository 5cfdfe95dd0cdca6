using System.Globalization;
using System.Text;

namespace CMDisconnectedSync.Lab;

/// <summary>
/// Writes a reproducible WsusContent-like tree for the lab: payload files under <c>&lt;two hex&gt;/&lt;40 hex&gt;.&lt;ext&gt;</c>
/// (the layout WSUS is seen to use; our engine treats content as an opaque tree and does not rely on it) and
/// license-terms <c>.txt</c> files (whose header lines name the update's product and classification, see
/// <see cref="LabCategoryCatalog"/>), which WSUS needs on the import side before ConfigMgr can sync (state 6708).
/// </summary>
public static class LabContentGenerator
{
    private static readonly string[] PayloadExtensions = [".cab", ".exe", ".psf", ".msu", ".esd"];

    /// <summary>Generates <paramref name="spec"/> under <paramref name="contentRoot"/>; returns the relative paths written.</summary>
    public static IReadOnlyList<string> Generate(string contentRoot, LabContentSpec spec)
    {
        _ = contentRoot ?? throw new ArgumentNullException(nameof(contentRoot));
        _ = spec ?? throw new ArgumentNullException(nameof(spec));
        if (spec.PayloadFiles < 1 || spec.LicenseTermsFiles < 0 || spec.TotalPayloadBytes < spec.PayloadFiles)
        {
            throw new ArgumentException("A lab needs at least one payload file and at least one byte per payload file.", nameof(spec));
        }

        var random = new Random(spec.Seed);
        var written = new List<string>(spec.PayloadFiles + spec.LicenseTermsFiles);
        var sizes = PayloadSizes(random, spec.PayloadFiles, spec.TotalPayloadBytes);
        for (var i = 0; i < spec.PayloadFiles; i++)
        {
            var extension = PayloadExtensions[random.Next(PayloadExtensions.Length)];
            written.Add(WriteRandomFile(contentRoot, random, extension, sizes[i]));
        }

        for (var i = 0; i < spec.LicenseTermsFiles; i++)
        {
            written.Add(WriteLicenseTerms(contentRoot, random, i, LabCategoryCatalog.ForGeneratedFile(i)));
        }

        return written;
    }

    /// <summary>
    /// The export server's next sync in the lab: <paramref name="added"/> new payload files and <paramref name="changed"/>
    /// existing ones rewritten with new bytes (same name, as happens when a revised file is re-downloaded).
    /// </summary>
    public static IReadOnlyList<string> SimulateSync(string contentRoot, int added, int changed, int seed)
    {
        var random = new Random(seed);
        var touched = new List<string>();
        var existing = Directory.EnumerateFiles(contentRoot, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < changed && existing.Count > 0; i++)
        {
            var victim = existing[random.Next(existing.Count)];
            existing.Remove(victim);
            var bytes = new byte[new FileInfo(victim).Length + 1 + random.Next(4096)];
            random.NextBytes(bytes);
            File.WriteAllBytes(victim, bytes);
            touched.Add(RelativeSlashPath(contentRoot, victim));
        }

        for (var i = 0; i < added; i++)
        {
            touched.Add(WriteRandomFile(contentRoot, random, PayloadExtensions[random.Next(PayloadExtensions.Length)], 4096 + random.Next(512 * 1024)));
        }

        touched.Add(WriteLicenseTerms(contentRoot, random, 10_000 + seed, LabCategoryCatalog.ForSync(seed)));
        return touched;
    }

    private static long[] PayloadSizes(Random random, int count, long total)
    {
        // Real update content is skewed: many small files, a few big ones. Weights drawn from a long tail, scaled to total.
        var weights = new double[count];
        for (var i = 0; i < count; i++)
        {
            weights[i] = Math.Pow(random.NextDouble() + 0.01, 4);
        }

        var sum = weights.Sum();
        var sizes = weights.Select(w => Math.Max(1L, (long)(w / sum * total))).ToArray();
        return sizes;
    }

    private static string WriteRandomFile(string contentRoot, Random random, string extension, long size)
    {
        var relative = NewContentPath(random, extension);
        var path = Path.Combine(contentRoot, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var buffer = new byte[Math.Min(size, 1024 * 1024)];
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var remaining = size;
            while (remaining > 0)
            {
                random.NextBytes(buffer);
                var chunk = (int)Math.Min(buffer.Length, remaining);
                stream.Write(buffer, 0, chunk);
                remaining -= chunk;
            }
        }

        return relative;
    }

    // The header lines name the update's categories; the lab wsusutil exports them as metadata (LicenseTermsCategories there).
    private static string WriteLicenseTerms(string contentRoot, Random random, int index, LabUpdateCategories categories)
    {
        var relative = NewContentPath(random, ".txt");
        var path = Path.Combine(contentRoot, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder()
            .AppendLine("MICROSOFT SOFTWARE LICENSE TERMS (lab sample " + index.ToString(CultureInfo.InvariantCulture) + ")")
            .AppendLine("Company: " + categories.Company)
            .AppendLine("Product family: " + categories.ProductFamily)
            .AppendLine("Product: " + categories.Product)
            .AppendLine("Classification: " + categories.Classification)
            .AppendLine("This file stands in for the license terms that WSUS downloads with some updates.")
            .AppendLine("Generated by the CMDisconnectedSync demo lab; it grants nothing.")
            .ToString();
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return relative;
    }

    /// <summary><c>&lt;last two hex digits&gt;/&lt;40 hex digits&gt;&lt;extension&gt;</c>, as WSUS names its content.</summary>
    private static string NewContentPath(Random random, string extension)
    {
        var name = RandomHex(random, 40);
        var folder = name.Substring(name.Length - 2);
        return $"{folder}/{name}{extension}";
    }

    private static string RandomHex(Random random, int length)
    {
        var bytes = new byte[length / 2];
        random.NextBytes(bytes);
        var hex = new StringBuilder(length);
        foreach (var b in bytes)
        {
            hex.Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }

    private static string RelativeSlashPath(string root, string path) =>
        Path.GetFullPath(path).Substring(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar).Length + 1).Replace(Path.DirectorySeparatorChar, '/');
}
