using CMDisconnectedSync.Progress;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Core.Tests.Progress;

[TestClass]
public sealed class TransferRateMeterTests
{
    private const long MiB = 1024 * 1024;
    private readonly FakeTimeProvider _clock = new();

    [TestMethod]
    public void Sample_FirstSample_HasNoRateYet()
    {
        var rate = CreateSut().Sample(0, 100 * MiB);

        Assert.AreEqual(0d, rate.BytesPerSecond);
        Assert.IsNull(rate.Remaining);
    }

    [TestMethod]
    public void Sample_SteadyTenMiBPerSecond_GivesRateAndEta()
    {
        var sut = CreateSut();
        sut.Sample(0, 100 * MiB);
        _clock.Advance(TimeSpan.FromSeconds(2));

        var rate = sut.Sample(20 * MiB, 100 * MiB);

        Assert.AreEqual(10d * MiB, rate.BytesPerSecond, 1);
        Assert.AreEqual(TimeSpan.FromSeconds(8), rate.Remaining);
    }

    [TestMethod]
    public void Sample_SpeedDropsForLongerThanTheWindow_FollowsTheNewSpeed()
    {
        var sut = CreateSut();
        var done = 0L;
        sut.Sample(done, 1000 * MiB);
        for (var second = 0; second < 10; second++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            sut.Sample(done += 50 * MiB, 1000 * MiB);
        }

        TransferRate rate = new(0, null);
        for (var second = 0; second < 12; second++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            rate = sut.Sample(done += 5 * MiB, 1000 * MiB);
        }

        Assert.AreEqual(5d * MiB, rate.BytesPerSecond, 0.5 * MiB);
    }

    [TestMethod]
    public void Sample_CounterGoesBackwards_StartsOver()
    {
        var sut = CreateSut();
        sut.Sample(0, 100 * MiB);
        _clock.Advance(TimeSpan.FromSeconds(1));
        sut.Sample(50 * MiB, 100 * MiB);
        _clock.Advance(TimeSpan.FromSeconds(1));

        var rate = sut.Sample(10 * MiB, 100 * MiB);

        Assert.AreEqual(0d, rate.BytesPerSecond);
    }

    [TestMethod]
    public void Reset_ForgetsEarlierSamples()
    {
        var sut = CreateSut();
        sut.Sample(0, 100 * MiB);
        _clock.Advance(TimeSpan.FromSeconds(1));
        sut.Reset();

        var rate = sut.Sample(90 * MiB, 100 * MiB);

        Assert.IsNull(rate.Remaining);
    }

    [TestMethod]
    public void Constructor_NonPositiveWindow_Throws()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TransferRateMeter(_clock, TimeSpan.Zero));
    }

    private TransferRateMeter CreateSut() => new(_clock, TimeSpan.FromSeconds(10));
}
