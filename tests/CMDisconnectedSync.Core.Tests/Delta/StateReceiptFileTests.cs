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

    [TestMethod]
    public async Task WriteThenRead_Receipt_RoundTripsWithHashAndSignature()
    {
        using var temp = new TempFolder("receipt");
        var path = temp.Combine("receipt.json");

        await CreateSut().WriteAsync(Receipt(), path, LabCertificates.ExportServerSigner, CancellationToken.None);
        var back = await CreateSut().ReadAsync(path, CancellationToken.None);

        Assert.AreEqual(4L, back.LastAccepted!.Sequence);
        Assert.AreEqual("0A/x.cab", back.Inventory.Entries.Single().Path);
        Assert.IsTrue(File.Exists(path + StateReceiptFile.SignatureSuffix));
        Assert.IsFalse(back.ToDeltaBase().TimestampsComparable);
    }

    [TestMethod]
    public async Task ReadAsync_EditedReceipt_IsRefusedNamingIt()
    {
        using var temp = new TempFolder("receipt");
        var path = temp.Combine("receipt.json");
        await CreateSut().WriteAsync(Receipt(), path, null, CancellationToken.None);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"sequence\":4", "\"sequence\":5", StringComparison.Ordinal));

        var ex = await Assert.ThrowsExactlyAsync<StateFileException>(() => CreateSut().ReadAsync(path, CancellationToken.None));

        StringAssert.Contains(ex.Message, path);
    }
}
