using System.Globalization;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.Lab.ConfigMgr;

namespace CMDisconnectedSync.Lab;

/// <summary>
/// Every file a content request asked for, looked up in the lab deployment package's source folder and compared byte
/// for byte with what the lab download server serves for its SourceURL (Microsoft's bytes in the lab).
/// </summary>
/// <param name="Files">Requested files compared.</param>
/// <param name="Bytes">Their bytes.</param>
/// <param name="Differences">A missing or different file each, naming it; empty when all are identical.</param>
public sealed record LabPackageComparison(int Files, long Bytes, IReadOnlyList<string> Differences)
{
    public bool Identical => Files > 0 && Differences.Count == 0;
}

/// <summary>
/// The demo's deployment content round (issue 18): the disconnected site asks for the files of a software update
/// group (<c>cmdsync content request</c>, kept in its state folder for the import), the export fetches them from the lab
/// download server and carries them in the signed bundle (<c>export --content-request</c>), the import puts them into
/// the lab deployment package (<c>import --deployment-package</c>), and <see cref="ComparePackage"/> checks the package
/// byte for byte.
/// </summary>
public static class LabDeploymentContentRound
{
    /// <summary>The group the round requests content for.</summary>
    public const string Group = LabDeploymentContent.PatchTuesdayGroup;

    /// <summary>
    /// Gives the lab site its update content tables (or, if it has them, points them) with SourceURLs under
    /// <paramref name="downloadBase"/>, then writes the
    /// site's request for <see cref="Group"/> to the lab media (<c>request.json</c>) and keeps its copy in the disconnected
    /// state folder, as <c>cmdsync content request --group … --state …</c> does.
    /// </summary>
    public static async Task<ContentRequest> RequestAsync(LabDemo demo, Uri downloadBase, TimeProvider clock, CancellationToken cancellationToken)
    {
        _ = demo ?? throw new ArgumentNullException(nameof(demo));
        demo.Lab.EnsureDeploymentContent(downloadBase ?? throw new ArgumentNullException(nameof(downloadBase)));
        var site = demo.Site();
        var plan = await new ContentRequestBuilder(site, clock).BuildAsync(site.SiteCode, new ContentSelection { Groups = [Group] }, [], cancellationToken).ConfigureAwait(false);
        await ContentRequestSerializer.WriteFileAsync(RequestPath(demo.Lab), plan.Request, cancellationToken).ConfigureAwait(false);
        await KeptContentRequests.KeepAsync(demo.Lab.DisconnectedStateFolder, plan.Request, cancellationToken).ConfigureAwait(false);
        return plan.Request;
    }

    /// <summary>Where the round's request is written on the lab media (what the admin carries to the internet side).</summary>
    public static string RequestPath(LabEnvironment lab) => Path.Combine((lab ?? throw new ArgumentNullException(nameof(lab))).MediaFolder, "request.json");

    /// <summary>
    /// Each requested file in the package's source folder (<c>&lt;source&gt;\&lt;ContentID&gt;\&lt;FileName&gt;</c>, where the
    /// lab's AddUpdateContent puts it) against the file the lab download server serves for its SourceURL.
    /// </summary>
    public static LabPackageComparison ComparePackage(LabEnvironment lab, ContentRequest request, DeploymentPackage package, Uri downloadBase)
    {
        _ = lab ?? throw new ArgumentNullException(nameof(lab));
        _ = request ?? throw new ArgumentNullException(nameof(request));
        _ = package ?? throw new ArgumentNullException(nameof(package));
        _ = downloadBase ?? throw new ArgumentNullException(nameof(downloadBase));
        var differences = new List<string>();
        long bytes = 0;
        foreach (var file in request.Files)
        {
            var served = Path.Combine(lab.DownloadsFolder, Uri.UnescapeDataString(downloadBase.MakeRelativeUri(new Uri(file.SourceUrl)).ToString()).Replace('/', Path.DirectorySeparatorChar));
            var placed = Path.Combine(package.SourcePath, ContentRequestSerializer.ContentRelativePath(file).Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(placed))
            {
                differences.Add(placed + " is missing from package " + package.PackageId);
                continue;
            }

            if (!SameBytes(served, placed))
            {
                differences.Add(string.Format(CultureInfo.InvariantCulture, "{0} differs from {1}", placed, file.SourceUrl));
                continue;
            }

            bytes += new FileInfo(placed).Length;
        }

        return new LabPackageComparison(request.Files.Count, bytes, differences);
    }

    /// <summary>Byte for byte (lab update files are at most a few hundred KiB).</summary>
    private static bool SameBytes(string first, string second)
    {
        var a = File.ReadAllBytes(first);
        var b = File.ReadAllBytes(second);
        return a.Length == b.Length && a.SequenceEqual(b);
    }
}
