using CMDisconnectedSync.Workflows;
using Serilog;

namespace CMDisconnectedSync.Lab;

/// <summary>
/// A lab ready for the wizard (<c>CMDisconnectedSync.exe … --lab &lt;folder&gt;</c>): the lab with
/// <see cref="LabContentSpec.Wizard"/> content and, when asked, a first bundle exported to its media by the real export
/// workflow (so the import wizard has a signed bundle to import) followed by a simulated sync on the export server (so
/// the export wizard's next bundle is an incremental one with a new product). The lab site has software update groups
/// and their content (<see cref="ConfigMgr.LabDeploymentContent"/>) for the content request dialog.
/// </summary>
public static class LabWizardPreparation
{
    /// <summary>How far the prepared lab has got.</summary>
    public enum Stage
    {
        /// <summary>Nothing exported yet: the export wizard sends everything.</summary>
        NothingExported,

        /// <summary>The first bundle waits on the media for the import wizard.</summary>
        BundleWaiting,

        /// <summary>The first bundle is imported and synchronized: the next steps list the site's new categories.</summary>
        BundleImported,
    }

    /// <summary>
    /// Where the wizard lab's update files are "served": no download server runs for the wizard (a content request only
    /// records each file's SourceURL); <c>LabDeploymentContent.Rebase</c> points them at a running lab download server.
    /// </summary>
    public static readonly Uri WizardDownloadBase = new("http://127.0.0.1:8531/");

    public static async Task<LabEnvironment> PrepareAsync(
        string folder, string wsusUtilPath, Stage stage, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        var lab = await LabEnvironment.CreateAsync(folder, LabContentSpec.Wizard, clock, cancellationToken).ConfigureAwait(false);
        // The site's software update groups and their content (issue 18), for the wizard's content request dialog.
        lab.EnsureDeploymentContent(WizardDownloadBase);

        if (stage == Stage.NothingExported)
        {
            return lab;
        }

        var demo = new LabDemo(lab, wsusUtilPath, clock, logger);
        var (export, _) = await demo.ExportAsync(1, WorkflowProgress.None, cancellationToken).ConfigureAwait(false);
        if (!export.Succeeded)
        {
            throw new InvalidOperationException($"The lab in {lab.Root} was created, but its first export failed at {export.Failure!.Step}: {export.Failure.Message}");
        }

        if (stage == Stage.BundleImported)
        {
            var (import, _, _) = await demo.ImportAsync(1, WorkflowProgress.None, cancellationToken).ConfigureAwait(false);
            if (!import.Succeeded)
            {
                throw new InvalidOperationException($"The lab in {lab.Root} was created, but its first import failed at {import.Failure!.Step}: {import.Failure.Message}");
            }
        }

        lab.SimulateExportServerSync(added: 5, changed: 2, seed: 1, clock);
        return lab;
    }
}
