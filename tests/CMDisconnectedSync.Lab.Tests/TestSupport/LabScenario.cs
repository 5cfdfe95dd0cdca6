using CMDisconnectedSync.Lab.ConfigMgr;
using CMDisconnectedSync.Lab.Wsus;
using CMDisconnectedSync.Wsus;
using CMDisconnectedSync.Wsus.Processes;
using Serilog;

namespace CMDisconnectedSync.Lab.Tests.TestSupport;

/// <summary>
/// A tiny lab in a unique temp folder, with helpers that move it along the way an admin would: export on the export
/// server, copy content, import on the disconnected server (all with the real lab wsusutil program).
/// </summary>
internal sealed class LabScenario : IDisposable
{
    private LabScenario(LabEnvironment lab, TimeProvider clock)
    {
        Lab = lab;
        Clock = clock;
    }

    public LabEnvironment Lab { get; }

    public TimeProvider Clock { get; }

    public static ILogger Logger { get; } = new LoggerConfiguration().CreateLogger();

    public static async Task<LabScenario> CreateAsync(TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var folder = Path.Combine(Path.GetTempPath(), "cmdsync-labtest-" + Guid.NewGuid().ToString("N"));
        var lab = await LabEnvironment.CreateAsync(folder, LabContentSpec.Tiny, clock, CancellationToken.None);
        return new LabScenario(lab, clock);
    }

    public LabWsusServer ExportServer() => new(Lab.ExportServer, LabWsusUtilProgram.Locate(), new ProcessRunner(), Logger);

    public LabWsusServer DisconnectedServer() => new(Lab.DisconnectedServer, LabWsusUtilProgram.Locate(), new ProcessRunner(), Logger);

    public LabConfigMgrSite Site() => new(Lab.SiteFolder, Lab.DisconnectedServer, Clock, Logger);

    /// <summary>Export → copy every content file → import, the manual procedure; returns the import result.</summary>
    public async Task<WsusUtilResult> TransferAsync(bool copyLicenseTerms = true)
    {
        var names = WsusMetadataFileNames.CreateUnique(Lab.MediaFolder, "lab", Clock);
        var export = await ExportServer().ExportMetadataAsync(names.PackagePath, names.LogPath, CancellationToken.None);
        Assert.IsTrue(export.Succeeded, export.Message);
        foreach (var file in Directory.EnumerateFiles(Lab.ExportServer.ContentDirectory, "*", SearchOption.AllDirectories))
        {
            if (!copyLicenseTerms && file.EndsWith(".txt", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(Lab.DisconnectedServer.ContentDirectory, Path.GetRelativePath(Lab.ExportServer.ContentDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        var importLog = Path.Combine(Lab.MediaFolder, "import-" + Guid.NewGuid().ToString("N") + ".log");
        return await DisconnectedServer().ImportMetadataAsync(names.PackagePath, importLog, CancellationToken.None);
    }

    public void Dispose()
    {
        if (Directory.Exists(Lab.Root))
        {
            Directory.Delete(Lab.Root, recursive: true);
        }
    }
}
