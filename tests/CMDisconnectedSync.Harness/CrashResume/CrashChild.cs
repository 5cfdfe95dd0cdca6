using System.Globalization;
using CMDisconnectedSync.Harness.Support;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.Workflows;
using Serilog;
using CMDisconnectedSync.Wsus.Host;

namespace CMDisconnectedSync.Harness.CrashResume;

/// <summary>
/// The process the crash harness kills: <c>cmdsync-harness crash-child import|export &lt;lab&gt; &lt;trial&gt;</c> runs the
/// real <see cref="ImportWorkflow"/> or <see cref="ExportWorkflow"/> against the trial's folders, exactly as
/// composed in production except for the WSUS adapter (lab wsusutil) and the host (elevated, NTFS).
/// Exit code 0 when the workflow finished, 1 with the failure printed.
/// </summary>
internal static class CrashChild
{
    public static async Task<int> RunAsync(string workflow, string lab, string trial, TextWriter output)
    {
        var clock = TimeProvider.System;
        using var logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.File(Path.Combine(trial, "child.log"), formatProvider: CultureInfo.InvariantCulture).CreateLogger();
        var host = new LabHost();
        if (workflow == "import")
        {
            var services = new WorkflowServices(new LabWsusServer(Path.Combine(trial, "WsusContent"), Path.Combine(trial, "wsus.database"), clock, logger), host, host, clock, logger) { StateFolders = StateFolderProtections.ForThisComputer() };
            var outcome = await new ImportWorkflow(services).RunAsync(
                new ImportRequest { BundleFolder = Path.Combine(lab, "bundle"), StateFolder = Path.Combine(trial, "state"), SyncAfterImport = false, MarginBytes = 0 },
                null, CancellationToken.None).ConfigureAwait(false);
            await output.WriteLineAsync(outcome.Failure is null ? "import finished" : $"import failed at {outcome.Failure.Step}: {outcome.Failure.Message}").ConfigureAwait(false);
            return outcome.Failure is null ? 0 : 1;
        }

        using var certificate = new SigningCertificateLoader().LoadFromPfx(Path.Combine(lab, "export.pfx"), () => "harness");
        var exportServices = new WorkflowServices(new LabWsusServer(Path.Combine(lab, "export", "WsusContent"), Path.Combine(trial, "wsus.database"), clock, logger), host, host, clock, logger) { StateFolders = StateFolderProtections.ForThisComputer() };
        var exported = await new ExportWorkflow(exportServices).RunAsync(
            new ExportRequest
            {
                OutputFolder = Path.Combine(trial, "bundle"),
                Signer = new CmsManifestSigner(certificate),
                StateFolder = Path.Combine(trial, "chain"),
                SourceServerName = "WSUS01.corp.example",
                MarginBytes = 0,
            },
            null,
            CancellationToken.None).ConfigureAwait(false);
        await output.WriteLineAsync(exported.Failure is null ? "export finished" : $"export failed at {exported.Failure.Step}: {exported.Failure.Message}").ConfigureAwait(false);
        return exported.Failure is null ? 0 : 1;
    }

    /// <summary>Used by the suite to keep a PFX beside the lab (the child loads the signer as production does).</summary>
    public static void WritePfx(LabKeys keys, string path) => File.WriteAllBytes(path, LabCertificateFactory.ExportPfx(keys.ExportServer, "harness"));
}
