using CMDisconnectedSync.Bundles;

namespace CMDisconnectedSync.Core.Tests.Bundles;

[TestClass]
public sealed class VolumePlannerTests
{
    private const long Reserve = BundleLayout.ManifestReserveBase;

    [TestMethod]
    public void Plan_NoLimit_KeepsEverythingUnsplit()
    {
        var (placements, volumes) = VolumePlanner.Plan([10, 20], null);

        Assert.AreEqual(0, volumes);
        Assert.IsTrue(placements.All(p => p.Volume == 0 && p.Parts is null));
    }

    [TestMethod]
    public void Plan_FileLargerThanVolume_IsSplitIntoPartsThatAddUp()
    {
        const long capacity = 100_000;
        var (placements, volumes) = VolumePlanner.Plan([500, 250_000], capacity);

        var parts = placements[1].Parts!;
        Assert.HasCount(4, parts);
        Assert.AreEqual(250_000L, parts.Sum(p => p.Size));
        Assert.IsTrue(parts.All(p => p.Size <= capacity));
        Assert.AreEqual(volumes, parts[^1].Volume);
        Assert.AreEqual(1, placements[0].Volume);
    }

    [TestMethod]
    public void Plan_NoVolumeExceedsLimit()
    {
        const long capacity = 100_000;
        long[] sizes = [60_000, 60_000, 99_999, 100_000, 250_000, 0, 1];
        var (placements, volumes) = VolumePlanner.Plan(sizes, capacity);

        var used = new long[volumes + 1];
        used[1] = Reserve + (BundleLayout.ManifestReservePerEntry * sizes.Length);
        for (var i = 0; i < sizes.Length; i++)
        {
            if (placements[i].Parts is null)
            {
                used[placements[i].Volume] += sizes[i];
            }
            else
            {
                foreach (var (volume, size) in placements[i].Parts!)
                {
                    used[volume] += size;
                }
            }
        }

        Assert.IsTrue(used.All(u => u <= capacity), string.Join(",", used));
    }

    [TestMethod]
    public void Plan_VolumeTooSmallForManifest_ThrowsAskingForLarger()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => VolumePlanner.Plan([1], 1000));

        StringAssert.Contains(ex.Message, "--max-volume-size");
    }
}
