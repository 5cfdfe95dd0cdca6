using CMDisconnectedSync.Signing;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Cli.Tests.Workflows;

/// <summary>
/// A lab signing key as <c>cmdsync keys new</c> writes it (same factory and file formats; that verb's own tests cover
/// it): <c>export.pfx</c> with the password in <c>password.txt</c>, and <c>export.cer</c> to trust, in a temp folder.
/// Made at the lab's fake <paramref name="now"/>: the import judges certificate validity by the workflow host's clock,
/// so a key made at the real date would not be valid yet at the lab's time.
/// </summary>
internal sealed class LabSigningKeyFiles : IDisposable
{
    private const string Password = "lab-password";

    private LabSigningKeyFiles(string folder) => Folder = folder;

    public string Folder { get; }

    public string Pfx => Path.Combine(Folder, "export.pfx");

    public string Certificate => Path.ChangeExtension(Pfx, ".cer");

    public string PasswordFile => Path.Combine(Folder, "password.txt");

    public static async Task<LabSigningKeyFiles> CreateAsync(string prefix, DateTimeOffset now)
    {
        var keys = new LabSigningKeyFiles(Directory.CreateTempSubdirectory(prefix).FullName);
        await File.WriteAllTextAsync(keys.PasswordFile, Password + "\n");
        using var certificate = new LabCertificateFactory(new FakeTimeProvider(now)).Create("CN=CMDisconnectedSync lab signing", TimeSpan.FromDays(730));
        await File.WriteAllBytesAsync(keys.Pfx, LabCertificateFactory.ExportPfx(certificate, Password));
        await File.WriteAllBytesAsync(keys.Certificate, LabCertificateFactory.ExportCertificate(certificate));
        return keys;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
