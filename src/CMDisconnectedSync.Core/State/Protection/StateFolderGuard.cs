using System.Globalization;
using CMDisconnectedSync.Workflows;

namespace CMDisconnectedSync.State.Protection;

/// <summary>One file or folder of the state folder that fails <see cref="StateAccessRule"/>, with the fix.</summary>
public sealed record StateProtectionFinding(string Path, bool IsDirectory, IReadOnlyList<string> Problems, string Fix)
{
    /// <summary>The refusal as an admin reads it: the path, every problem, why it matters, the fix.</summary>
    public string Message => string.Format(CultureInfo.InvariantCulture,
        "The state {0} '{1}' is not protected: {2}. {3} {4}",
        IsDirectory ? "folder" : "file", Path, string.Join("; ", Problems), Consequence(), Fix);

    private string Consequence() => System.IO.Path.GetFileName(Path) switch
    {
        DisconnectedStateStore.TrustedSignersFileName => "An account that can change it can make this server trust bundles signed by its own certificate.",
        DisconnectedStateStore.StateFileName => "An account that can change it can lower the last accepted sequence and get an old bundle imported again.",
        MetadataPackageStager.StagingFolderName => "An account that can add or replace files here can swap the verified metadata package before wsusutil imports it.",
        DeploymentContent.KeptContentRequests.FolderName => "An account that can add or change a request here can make this server accept deployment content it never asked for.",
        ImportWorkflow.DeploymentStagingFolderName => "An account that can add or replace files here can swap verified deployment content before ConfigMgr copies it into a package.",
        _ when IsDirectory => "An account that can add, replace or delete files here can plant trusted-signers.txt or state.json, or remove them.",
        _ => "An account that can change it can steer what cmdsync resumes or records.",
    };
}

/// <summary>
/// Applies the state folder rule through <see cref="IStateFolderProtection"/>: <see cref="Prepare"/> before a workflow
/// or a store writes (creates the folder protected on first use, and protects an existing folder that fails the rule,
/// e.g. one made by an older cmdsync), <see cref="Check(string)"/> before state is read (refuses, changes nothing). Both throw
/// <see cref="StateFileException"/> (exit code 25) naming the file and the fix.
/// </summary>
public sealed class StateFolderGuard
{
    /// <summary>
    /// What the rule covers inside a state folder: every file cmdsync trusts or resumes from, the journals folder and the
    /// folder wsusutil import reads the verified metadata package from.
    /// </summary>
    public static IReadOnlyList<string> ProtectedEntries { get; } =
    [
        DisconnectedStateStore.TrustedSignersFileName,
        DisconnectedStateStore.StateFileName,
        DisconnectedStateStore.InventoryFileName,
        ExportChainStore.LastManifestFileName,
        ExportChainStore.LastInventoryFileName,
        ExportChainStore.PointerFileName,
        ExportChainStore.GenerationsFolderName,
        WorkflowJournalFiles.FolderName,
        // wsusutil import reads the verified package from here: a folder a user owns would let them swap it after the
        // hash check (review finding); the workflow creates it inside the protected folder, so it inherits the DACL.
        MetadataPackageStager.StagingFolderName,
        // The site's own content requests: deployment content is accepted only when it is listed there (issue 18).
        DeploymentContent.KeptContentRequests.FolderName,
        // AddUpdateContent copies the checked deployment content from here into the package (same reason as above).
        ImportWorkflow.DeploymentStagingFolderName,
        Path.Combine(WorkflowJournalFiles.FolderName, WorkflowJournalFiles.ImportWorkflowName + ".journal.jsonl"),
        Path.Combine(WorkflowJournalFiles.FolderName, WorkflowJournalFiles.ExportWorkflowName + ".journal.jsonl"),
    ];

    private readonly IStateFolderProtection _protection;

    public StateFolderGuard(IStateFolderProtection protection) =>
        _protection = protection ?? throw new ArgumentNullException(nameof(protection));

    /// <summary>
    /// Before writing: creates <paramref name="folder"/> protected when missing, protects it when it fails the rule, then
    /// <see cref="Check(string)"/>s it. When protecting an existing folder is refused (not elevated), the refusal says so.
    /// </summary>
    public void Prepare(string folder)
    {
        _ = folder ?? throw new ArgumentNullException(nameof(folder));
        var current = ReadOrRefuse(folder);
        string? protectError = null;
        if (current is null || Evaluate(folder, current, isDirectory: true) is not null)
        {
            try
            {
                _protection.Protect(folder);
            }
            catch (Exception ex) when (current is not null && ex is UnauthorizedAccessException or IOException or InvalidOperationException)
            {
                // Not ours to fix from here (not elevated, or another owner): the check below refuses with the finding.
                protectError = ex.Message;
            }
        }

        Check(folder, protectError);
    }

    /// <summary>Before reading: refuses a folder, or a state file in it, that fails the rule. Nothing is changed; a missing folder passes.</summary>
    public void Check(string folder) => Check(folder, null);

    /// <summary>Every finding in <paramref name="folder"/> (for <c>cmdsync doctor</c>); empty when it passes or does not exist.</summary>
    public IReadOnlyList<StateProtectionFinding> Inspect(string folder)
    {
        _ = folder ?? throw new ArgumentNullException(nameof(folder));
        var findings = new List<StateProtectionFinding>();
        var root = ReadOrRefuse(folder);
        if (root is null)
        {
            return findings;
        }

        AddIfFailing(findings, Evaluate(folder, root, isDirectory: true));
        foreach (var entry in ProtectedEntries)
        {
            var path = Path.Combine(folder, entry);
            StateFileReader.RefuseSpecial(path);
            if (ReadOrRefuse(path) is { } descriptor)
            {
                AddIfFailing(findings, Evaluate(path, descriptor, Directory.Exists(path)));
            }
        }

        return findings;
    }

    private static void AddIfFailing(List<StateProtectionFinding> findings, StateProtectionFinding? finding)
    {
        if (finding is not null)
        {
            findings.Add(finding);
        }
    }

    private void Check(string folder, string? protectError)
    {
        _ = folder ?? throw new ArgumentNullException(nameof(folder));
        var findings = Inspect(folder);
        if (findings.Count == 0)
        {
            return;
        }

        var message = string.Join(" ", findings.Select(f => f.Message));
        throw new StateFileException(protectError is null ? message : message + $" (cmdsync could not protect the folder itself: {protectError})");
    }

    private StateProtectionFinding? Evaluate(string path, SecurityDescriptorModel descriptor, bool isDirectory)
    {
        var problems = StateAccessRule.Findings(descriptor, isDirectory, _protection.TrustedPrincipals);
        return problems.Count == 0 ? null : new StateProtectionFinding(path, isDirectory, problems, _protection.FixFor(path, isDirectory));
    }

    private SecurityDescriptorModel? ReadOrRefuse(string path)
    {
        try
        {
            return _protection.Read(path);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StateFileException(string.Format(CultureInfo.InvariantCulture,
                "The permissions of the state {0} '{1}' cannot be read by this account ({2}). The state folder is for local Administrators: run cmdsync elevated (Run as administrator).",
                Directory.Exists(path) ? "folder" : "file", path, ex.Message), ex);
        }
    }
}
