using System.Text;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.State;

namespace CMDisconnectedSync.Core.Tests.Delta;

[TestClass]
public sealed class StateReceiptFileTests
{
    private static StateReceiptFile CreateSut() => new();

    private static StateReceipt Receipt() => new()
    {
        CreatedAtUtc = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero),
        Server = "WSUS-AIRGAP",
        LastAccepted = new BundleBase(4, new string('d', 64)),
        Inventory = ContentInventory.From([new InventoryEntry { Path = "0A/x.cab", Size = 3, LastWriteUtc = DateTimeOffset.UnixEpoch, Sha256 = new string('e', 64) }]),
    };

    // Review: a receipt.json.p7s was written but nothing ever checked it, which suggested a protection that did not
    // exist. A receipt is now exactly the JSON and its .sha256 (damage in transit), and says so.
    [TestMethod]
    public async Task WriteThenRead_Receipt_RoundTripsAsJsonAndSha256Only()
    {
        using var temp = new TempFolder("receipt");
        var path = temp.Combine("receipt.json");

        await CreateSut().WriteAsync(Receipt(), path, CancellationToken.None);
        var back = await CreateSut().ReadAsync(path, CancellationToken.None);

        Assert.AreEqual(4L, back.LastAccepted!.Sequence);
        Assert.AreEqual("0A/x.cab", back.Inventory.Entries.Single().Path);
        CollectionAssert.AreEqual(new[] { "receipt.json", "receipt.json" + StateReceiptFile.HashSuffix }, Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        Assert.IsFalse(back.ToDeltaBase().TimestampsComparable);
    }

    [TestMethod]
    public async Task ReadAsync_EditedReceipt_IsRefusedNamingIt()
    {
        using var temp = new TempFolder("receipt");
        var path = temp.Combine("receipt.json");
        await CreateSut().WriteAsync(Receipt(), path, CancellationToken.None);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"sequence\":4", "\"sequence\":5", StringComparison.Ordinal));

        var ex = await Assert.ThrowsExactlyAsync<StateFileException>(() => CreateSut().ReadAsync(path, CancellationToken.None));

        StringAssert.Contains(ex.Message, path);
    }

    // Regression (harness fuzzing): a receipt with a null or duplicated path, or a short base hash, parsed and then
    // crashed the delta planner with ArgumentNullException/ArgumentException; now it is an invalid receipt.
    [TestMethod]
    [DataRow("\"path\":\"0A/x.cab\"", "\"path\":null")]
    [DataRow("\"entries\":[", "\"entries\":[{\"path\":\"0A/x.cab\",\"size\":1,\"lastWriteUtc\":\"2026-11-25T12:00:00.0000000Z\"},")]
    [DataRow("\"manifestSha256\":\"dddd", "\"manifestSha256\":\"dd\",\"x\":\"")]
    public async Task ReadAsync_ParsesButUnusable_IsRefusedNamingIt(string find, string replace)
    {
        using var temp = new TempFolder("receipt");
        var path = temp.Combine("receipt.json");
        var json = Encoding.UTF8.GetString(StateReceiptFile.Serialize(Receipt()));
        Assert.Contains(find, json);
        var bytes = Encoding.UTF8.GetBytes(json.Replace(find, replace, StringComparison.Ordinal));
        File.WriteAllBytes(path, bytes);
        File.WriteAllText(path + StateReceiptFile.HashSuffix, CMDisconnectedSync.IO.Sha256Hex.OfBytes(bytes) + "  receipt.json\n");

        var ex = await Assert.ThrowsExactlyAsync<StateFileException>(() => CreateSut().ReadAsync(path, CancellationToken.None));

        StringAssert.Contains(ex.Message, path);
    }
}
