using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Cli;

namespace CMDisconnectedSync.Cli.Tests;

[TestClass]
public sealed class ExitCodesTests
{
    [TestMethod]
    public void ForVerificationFailure_EveryKind_HasItsOwnCodeInTheBundleRange()
    {
        var codes = Enum.GetValues<VerificationFailureKind>().Select(ExitCodes.ForVerificationFailure).ToList();

        Assert.AreEqual(codes.Count, codes.Distinct().Count());
        Assert.IsTrue(codes.All(c => c is >= 10 and <= 29), string.Join(",", codes));
    }
}
