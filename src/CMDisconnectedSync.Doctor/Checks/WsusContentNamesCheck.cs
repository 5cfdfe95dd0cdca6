using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// Samples files in WsusContent and checks that each is named <c>&lt;XX&gt;\&lt;SHA-1&gt;.&lt;ext&gt;</c> by the SHA-1 of its own bytes
/// (<see cref="WsusContentNameDigest"/>), the naming the import uses as Microsoft's digest of carried WsusContent files.
/// Reads only; hashes at most <see cref="SampleSize"/> files of up to <see cref="MaxSampledBytes"/> bytes.
/// </summary>
public sealed class WsusContentNamesCheck(IWsusServer wsus) : IDoctorCheck
{
    public const int SampleSize = 12;
    public const long MaxSampledBytes = 64L * 1024 * 1024;

    public string Name => "WsusContent file names";

    public FieldFact PrimaryFact => FieldFacts.WsusContentFileNames;

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken)
    {
        var lookup = wsus.LocateInstallation();
        if (lookup.Installation is not { } installation)
        {
            return [FieldFacts.WsusContentFileNames.NotApplicable(lookup.Problem)];
        }

        var root = installation.ContentDirectory;
        List<string> sample;
        try
        {
            sample = Directory.Exists(root)
                ? Directory.EnumerateDirectories(root)
                    .Where(d => Path.GetFileName(d).Length == 2)
                    .OrderBy(d => d, StringComparer.OrdinalIgnoreCase)
                    .SelectMany(d => Directory.EnumerateFiles(d).Where(f => new FileInfo(f).Length <= MaxSampledBytes).Take(1))
                    .Take(SampleSize)
                    .ToList()
                : [];
        }
        catch (UnauthorizedAccessException ex)
        {
            return [FieldFacts.WsusContentFileNames.AccessDenied($"{root}: {ex.Message} Run elevated as a local Administrator.")];
        }

        if (sample.Count == 0)
        {
            return [FieldFacts.WsusContentFileNames.NotApplicable($"{root} holds no update files in two-character folders yet (nothing downloaded): rerun after WSUS has downloaded content.")];
        }

        var matched = 0;
        var problems = new List<string>();
        foreach (var file in sample)
        {
            var relative = Path.GetFileName(Path.GetDirectoryName(file)!) + "/" + Path.GetFileName(file);
            try
            {
                using var stream = File.OpenRead(file);
                switch (await WsusContentNameDigest.CheckAsync(relative, stream, cancellationToken).ConfigureAwait(false))
                {
                    case true:
                        matched++;
                        break;
                    case false:
                        problems.Add($"{relative}: bytes have another SHA-1");
                        break;
                    default:
                        problems.Add($"{relative}: name is not <last byte of SHA-1>/<SHA-1>.<ext>");
                        break;
                }
            }
            catch (IOException ex)
            {
                problems.Add($"{relative}: {ex.Message}");
            }
            catch (UnauthorizedAccessException ex)
            {
                problems.Add($"{relative}: {ex.Message}");
            }
        }

        var found = $"{matched} of {sample.Count} sampled files named by their SHA-1" + (problems.Count > 0 ? "; " + string.Join("; ", problems.Take(3)) : string.Empty);
        return problems.Count == 0
            ? [FieldFacts.WsusContentFileNames.Confirmed(found)]
            : [FieldFacts.WsusContentFileNames.Differs(found,
                "Import checks carried WsusContent files against the SHA-1 in their names: a differing name is checked by SHA-256 only, "
                + "a differing SHA-1 means a damaged file (WSUS repairs it with 'wsusutil reset'). Send this report if the names follow another rule.")];
    }
}
