using CMDisconnectedSync.Signing;

namespace CMDisconnectedSync.Core.Tests.Signing;

[TestClass]
public sealed class SignerExpiryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static SignerIdentity ExpiringIn(TimeSpan left) => new("CN=Export", "3A5F0C9E4B7D21A6F8E3C0B5D9A7E1F2C4B6D8A0") { NotAfterUtc = Now + left };

    [TestMethod]
    public void StateOf_ThirtyOneDaysLeft_IsValid() => Assert.AreEqual(SignerExpiryState.Valid, SignerExpiry.StateOf(ExpiringIn(TimeSpan.FromDays(31)), Now));

    [TestMethod]
    public void StateOf_ThirtyDaysLeft_ExpiresSoon() => Assert.AreEqual(SignerExpiryState.ExpiresSoon, SignerExpiry.StateOf(ExpiringIn(TimeSpan.FromDays(30)), Now));

    [TestMethod]
    public void StateOf_PastNotAfter_IsExpiredWithNegativeDaysLeft()
    {
        var signer = ExpiringIn(TimeSpan.FromDays(-2.5));

        Assert.AreEqual(SignerExpiryState.Expired, SignerExpiry.StateOf(signer, Now));
        Assert.AreEqual(-3, SignerExpiry.DaysLeft(signer, Now));
    }

    [TestMethod]
    public void StateOf_AddedByThumbprint_IsUnknown()
    {
        var signer = new SignerIdentity("(added by thumbprint)", "3A5F0C9E4B7D21A6F8E3C0B5D9A7E1F2C4B6D8A0");

        Assert.AreEqual(SignerExpiryState.Unknown, SignerExpiry.StateOf(signer, Now));
        Assert.IsNull(SignerExpiry.DaysLeft(signer, Now));
    }
}
