using System.Diagnostics;
using System.Globalization;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.Lab.Downloads;

// Verbs (all paths absolute):
//   serve <dir>                                  lab download server on 127.0.0.1; prints its base URL, runs until stdin closes
//   digests <dir>                                SHA-1 of every file, for the fetch verb (not timed)
//   fetch <dir> <baseUrl> <outDir> <parallel>    HttpContentDownloader over every file of <dir> from <baseUrl>; prints seconds and bytes
return args.Length == 0 ? Usage() : args[0] switch
{
    "serve" => Serve(args[1]),
    "fetch" => await FetchAsync(args[1], new Uri(args[2]), args[3], int.Parse(args[4], CultureInfo.InvariantCulture)).ConfigureAwait(false),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: fetch-bench serve <dir> | fetch <dir> <baseUrl> <outDir> <parallel>");
    return 2;
}

static int Serve(string root)
{
    using var server = LabDownloadServer.Start(root);
    Console.WriteLine(server.BaseUri);
    Console.Out.Flush();
    while (Console.In.ReadLine() is not null)
    {
    }

    Console.Error.WriteLine($"served {server.Requests.Count} requests");
    return 0;
}

static async Task<int> FetchAsync(string root, Uri baseUri, string outDir, int parallel)
{
    var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
    var items = new List<ContentDownloadItem>();
    foreach (var file in files)
    {
        var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
        var digest = await MicrosoftFileDigest.ComputeFileAsync(file, MicrosoftDigestAlgorithm.Sha1, CancellationToken.None).ConfigureAwait(false);
        items.Add(new ContentDownloadItem(new Uri(baseUri, relative), Path.Combine(outDir, relative.Replace('/', '_')), new FileInfo(file).Length, digest, relative));
    }

    Directory.CreateDirectory(outDir);
    using var downloader = new HttpContentDownloader(new ContentDownloadOptions { ParallelDownloads = parallel, UseSystemProxy = false });
    var watch = Stopwatch.StartNew();
    var summary = await downloader.DownloadAsync(items, null, CancellationToken.None).ConfigureAwait(false);
    watch.Stop();
    summary.EnsureSucceeded();
    Console.WriteLine(FormattableString.Invariant($"{watch.Elapsed.TotalSeconds:0.000} {summary.BytesFetched}"));
    return 0;
}
