using System.Security.Cryptography;
using CMDisconnectedSync.Installer.Tests.TestSupport;

namespace CMDisconnectedSync.Installer.Tests.Msi;

/// <summary>
/// artifacts/SHA256SUMS, which the README tells admins to compare with <c>Get-FileHash</c> before installing: it must
/// name the signed MSI and cab ./build.sh pack left in artifacts/, in sha256sum's format, with their current digests.
/// </summary>
[TestClass]
public sealed class ShippedChecksumsTests
{
    [TestMethod]
    [DataRow("CMDisconnectedSync.msi")]
    [DataRow("CMDisconnectedSync.ConsoleExtension.cab")]
    public void Sha256Sums_ShippedArtifact_ListedWithItsDigestAfterSigning(string artifact)
    {
        var sums = RepositoryRoot.Combine("artifacts", "SHA256SUMS");
        Assert.IsTrue(File.Exists(sums), $"{sums} is missing: run ./build.sh pack.");
        var listed = File.ReadAllLines(sums)
            .Select(line => line.Split(["  "], 2, StringSplitOptions.None))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[1], parts => parts[0], StringComparer.Ordinal);

        Assert.IsTrue(listed.ContainsKey(artifact), $"{artifact} is not listed in {sums}.");
        using var file = File.OpenRead(RepositoryRoot.Combine("artifacts", artifact));
        using var sha256 = SHA256.Create();
        var fileDigest = string.Concat(sha256.ComputeHash(file).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.AreEqual(fileDigest, listed[artifact]);
    }
}
