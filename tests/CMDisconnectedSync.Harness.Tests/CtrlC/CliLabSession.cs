using CMDisconnectedSync.Harness.CtrlC;
using CMDisconnectedSync.Harness.Support;
using CMDisconnectedSync.Lab;
using CMDisconnectedSync.Lab.Wsus;

namespace CMDisconnectedSync.Harness.Tests.CtrlC;

/// <summary>
/// A tiny lab in a work folder of its own, with the real <c>cmdsync export</c>/<c>import</c> command lines that run
/// against it in a <see cref="CliLabProcess"/> and the cue that makes its wsusutil-lab hang or fail.
/// </summary>
internal sealed class CliLabSession : IDisposable
{
    private readonly WorkFolder _work;

    private CliLabSession(WorkFolder work, LabEnvironment lab)
    {
        _work = work;
        Lab = lab;
    }

    public LabEnvironment Lab { get; }

    public string PasswordFile => _work.Combine("empty-password.txt");

    public string Bundle => Path.Combine(Lab.MediaFolder, "bundle-001");

    /// <summary>The session, or Inconclusive where the child process cannot be run and killed (no /proc, kill or setsid).</summary>
    public static async Task<CliLabSession> CreateAsync(string name, string testKind)
    {
        if (CliLabProcess.Unavailable() is { } missing)
        {
            Assert.Inconclusive(testKind + " test not run: " + missing + ".");
        }

        var work = new WorkFolder(name);
        try
        {
            var lab = await LabEnvironment.CreateAsync(work.Combine("lab"), LabContentSpec.Tiny, TimeProvider.System, CancellationToken.None);
            var session = new CliLabSession(work, lab);
            await File.WriteAllTextAsync(session.PasswordFile, string.Empty);
            return session;
        }
        catch
        {
            work.Dispose();
            throw;
        }
    }

    public string Combine(string name) => _work.Combine(name);

    public List<string> ExportArguments(string? passwordFile = null) =>
    [
        "export", "--out", Bundle, "--sign-pfx", Lab.SigningPfxPath, "--password-file", passwordFile ?? PasswordFile,
        "--state", Lab.ExportStateFolder, "--server", LabEnvironment.ExportServerName, "--log", _work.Combine("export.log"),
    ];

    public List<string> ImportArguments() =>
        ["import", Bundle, "--state", Lab.DisconnectedStateFolder, "--no-sync", "--log", _work.Combine("import.log")];

    /// <summary>Cues the server's wsusutil-lab (<c>hang</c>, a fault name, or null for a normal run) through its <c>wsus-settings.json</c>.</summary>
    public static void CueWsusUtil(LabWsusServerFolder server, string? fault) =>
        server.SaveSettings(server.LoadSettings() with { WsusUtilFault = fault });

    public void Dispose() => _work.Dispose();
}
