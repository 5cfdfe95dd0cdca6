using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Wsus.Host;

namespace CMDisconnectedSync.Core.Tests.State;

[TestClass]
public sealed class DisconnectedStateStoreTests
{
    private BundleScenario _scenario = null!;

    [TestInitialize]
    public void CreateScenario() => _scenario = new BundleScenario().WithContent("0A/a.cab", 100);

    [TestCleanup]
    public void DeleteScenario() => _scenario.Dispose();

    private DisconnectedStateStore CreateSut() => new(_scenario.StateFolder, _scenario.Clock, StateFolderProtections.ForThisComputer());

    [TestMethod]
    public async Task LoadAcceptedAsync_FreshFolder_HasNothingAccepted()
    {
        var state = await CreateSut().LoadAcceptedAsync(CancellationToken.None);

        Assert.IsNull(state.LastAccepted);
        Assert.IsEmpty(CreateSut().LoadTrustedSigners().Signers);
    }

    [TestMethod]
    public async Task RecordAcceptedAsync_VerifiedBundle_BecomesTheAnchorAndInventory()
    {
        var written = await _scenario.WriteBundleAsync(sequence: 3);
        var bundle = await _scenario.VerifiedAsync();
        var installed = new[] { new InventoryEntry { Path = "0A/a.cab", Size = 100, LastWriteUtc = DateTimeOffset.UnixEpoch, Sha256 = written.Manifest.Files[0].Sha256 } };

        await CreateSut().RecordAcceptedAsync(bundle, installed, null, CancellationToken.None);
        var state = await CreateSut().LoadAcceptedAsync(CancellationToken.None);

        Assert.AreEqual(3L, state.LastAccepted!.Sequence);
        Assert.AreEqual(written.ManifestSha256, state.LastAccepted.ManifestSha256);
        Assert.AreEqual(_scenario.Clock.GetUtcNow(), state.LastAccepted.AcceptedAtUtc);
        Assert.AreEqual("0A/a.cab", (await CreateSut().LoadInventoryAsync(CancellationToken.None)).Entries.Single().Path);
        Assert.IsEmpty(Directory.GetFiles(_scenario.StateFolder, "*.cmdsync-partial"));
    }

    [TestMethod]
    public async Task RecordAcceptedAsync_OlderSequenceWithoutReason_Throws()
    {
        await _scenario.WriteBundleAsync(sequence: 2);
        var bundle = (await _scenario.VerifyAsync(BundleScenario.Accepted(5, new string('a', 64)), allowRollback: true)).Bundle!;
        await CreateSut().RecordAcceptedAsync(await AcceptedAtFive(), [], null, CancellationToken.None);

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => CreateSut().RecordAcceptedAsync(bundle, [], null, CancellationToken.None));
    }

    [TestMethod]
    public async Task RecordAcceptedAsync_OlderSequenceWithReason_IsKeptForAudit()
    {
        await _scenario.WriteBundleAsync(sequence: 2);
        var bundle = (await _scenario.VerifyAsync(BundleScenario.Accepted(5, new string('a', 64)), allowRollback: true)).Bundle!;
        await CreateSut().RecordAcceptedAsync(await AcceptedAtFive(), [], null, CancellationToken.None);

        await CreateSut().RecordAcceptedAsync(bundle, [], "Bad update in 5, CAB change 4711", CancellationToken.None);
        var state = await CreateSut().LoadAcceptedAsync(CancellationToken.None);

        Assert.AreEqual(2L, state.LastAccepted!.Sequence);
        Assert.AreEqual("Bad update in 5, CAB change 4711", state.RollbackOverrides.Single().Reason);
        Assert.AreEqual(5L, state.RollbackOverrides.Single().FromSequence);
    }

    [TestMethod]
    public async Task RecordAcceptedAsync_OlderSequenceWithReason_KeepsTheHighestAcceptedSequence()
    {
        await _scenario.WriteBundleAsync(sequence: 2);
        var bundle = (await _scenario.VerifyAsync(BundleScenario.Accepted(5, new string('a', 64)), allowRollback: true)).Bundle!;
        await CreateSut().RecordAcceptedAsync(await AcceptedAtFive(), [], null, CancellationToken.None);

        await CreateSut().RecordAcceptedAsync(bundle, [], "Bad update in 5", CancellationToken.None);
        var state = await CreateSut().LoadAcceptedAsync(CancellationToken.None);

        Assert.AreEqual(2L, state.LastAccepted!.Sequence);
        Assert.AreEqual(5L, state.HighestAcceptedSequence);
    }

    [TestMethod]
    public async Task RecordAcceptedAsync_BelowTheHighestButAboveTheLastWithoutReason_Throws()
    {
        Directory.CreateDirectory(_scenario.StateFolder);
        File.WriteAllText(Path.Combine(_scenario.StateFolder, DisconnectedStateStore.StateFileName),
            "{\"lastAccepted\":{\"sequence\":2,\"manifestSha256\":\"" + new string('a', 64) + "\",\"bundleId\":\"b\",\"acceptedAtUtc\":\"2026-11-25T12:00:00.0000000Z\"},\"highestAcceptedSequence\":9,\"rollbackOverrides\":[]}");
        await _scenario.WriteBundleAsync(sequence: 5);
        var bundle = (await _scenario.VerifyAsync(BundleScenario.Accepted(2, new string('a', 64)), allowRollback: true)).Bundle!;

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => CreateSut().RecordAcceptedAsync(bundle, [], null, CancellationToken.None));
    }

    [TestMethod]
    public async Task LoadAcceptedAsync_StateFileWrittenBeforeTheHighestSequenceWasKept_TakesTheLastAcceptedSequence()
    {
        Directory.CreateDirectory(_scenario.StateFolder);
        File.WriteAllText(Path.Combine(_scenario.StateFolder, DisconnectedStateStore.StateFileName),
            "{\"formatVersion\":\"1.0\",\"lastAccepted\":{\"sequence\":7,\"manifestSha256\":\"" + new string('a', 64) + "\",\"bundleId\":\"b\",\"acceptedAtUtc\":\"2026-11-25T12:00:00.0000000Z\"},\"rollbackOverrides\":[]}");

        var state = await CreateSut().LoadAcceptedAsync(CancellationToken.None);

        Assert.AreEqual(7L, state.HighestAcceptedSequence);
    }

    [TestMethod]
    public async Task SaveTrustedSigners_ThenLoad_RoundTripsThumbprintsAndSubjects()
    {
        var signer = new SignerIdentity("CN=Export WSUS", "ab cd ef 01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd ef 01");

        await CreateSut().SaveTrustedSignersAsync(TrustedSigners.None.With(signer), CancellationToken.None);
        var loaded = CreateSut().LoadTrustedSigners();

        Assert.IsTrue(loaded.Contains("ABCDEF0123456789ABCDEF0123456789ABCDEF01"));
        Assert.AreEqual("CN=Export WSUS", loaded.Signers.Single().Subject);
    }

    [TestMethod]
    public async Task SaveTrustedSigners_WithExpiry_RoundTripsTheNotAfter()
    {
        var notAfter = new DateTimeOffset(2027, 12, 7, 10, 30, 0, TimeSpan.Zero);
        var signer = new SignerIdentity("CN=Export [Contoso]", "3A5F0C9E4B7D21A6F8E3C0B5D9A7E1F2C4B6D8A0") { NotAfterUtc = notAfter };

        await CreateSut().SaveTrustedSignersAsync(TrustedSigners.None.With(signer), CancellationToken.None);
        var loaded = CreateSut().LoadTrustedSigners().Signers.Single();

        Assert.AreEqual("CN=Export [Contoso]", loaded.Subject);
        Assert.AreEqual(notAfter, loaded.NotAfterUtc);
        StringAssert.Contains(File.ReadAllText(Path.Combine(_scenario.StateFolder, DisconnectedStateStore.TrustedSignersFileName)), "[expires 2027-12-07T10:30:00Z]");
    }

    [TestMethod]
    public void LoadTrustedSigners_LineWrittenBeforeExpiryWasRecorded_ReadsTheSubjectAndNoExpiry()
    {
        Directory.CreateDirectory(_scenario.StateFolder);
        File.WriteAllText(Path.Combine(_scenario.StateFolder, DisconnectedStateStore.TrustedSignersFileName), "3A5F0C9E4B7D21A6F8E3C0B5D9A7E1F2C4B6D8A0  # CN=Old [expires soon]\n");

        var loaded = CreateSut().LoadTrustedSigners().Signers.Single();

        Assert.AreEqual("CN=Old [expires soon]", loaded.Subject, "a bracket that is not a recorded date stays part of the subject");
        Assert.IsNull(loaded.NotAfterUtc);
    }

    [TestMethod]
    public void LoadTrustedSigners_GarbageLine_ThrowsNamingFileAndLine()
    {
        Directory.CreateDirectory(_scenario.StateFolder);
        File.WriteAllText(Path.Combine(_scenario.StateFolder, DisconnectedStateStore.TrustedSignersFileName), "# comment\nnot-a-thumbprint\n");

        var ex = Assert.ThrowsExactly<StateFileException>(() => CreateSut().LoadTrustedSigners());

        StringAssert.Contains(ex.Message, "line 2");
    }

    [TestMethod]
    public async Task LoadAcceptedAsync_DamagedStateFile_ThrowsAndSaysNotToDelete()
    {
        Directory.CreateDirectory(_scenario.StateFolder);
        await File.WriteAllTextAsync(Path.Combine(_scenario.StateFolder, DisconnectedStateStore.StateFileName), "{\"lastAccepted\":{");

        var ex = await Assert.ThrowsExactlyAsync<StateFileException>(() => CreateSut().LoadAcceptedAsync(CancellationToken.None));

        StringAssert.Contains(ex.Message, "replay protection");
    }

    private async Task<CMDisconnectedSync.Bundles.VerifiedBundle> AcceptedAtFive()
    {
        var folder = _scenario.Scratch("bundle5");
        await _scenario.WriteBundleAsync(sequence: 5, outputFolder: folder);
        return await _scenario.VerifiedAsync(folder);
    }

    // Regression (harness fuzzing): these parsed as JSON and then crashed their consumer (the verifier's base-mismatch
    // message cut a short hash; the receipt builder hit a null or duplicate path). Now they are damaged state files.
    [TestMethod]
    [DataRow("{\"lastAccepted\":{\"sequence\":5,\"manifestSha256\":\"1.0\",\"bundleId\":\"b\",\"acceptedAtUtc\":\"2026-11-25T12:00:00.0000000Z\"}}")]
    [DataRow("{\"lastAccepted\":{\"sequence\":0,\"manifestSha256\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"bundleId\":\"b\",\"acceptedAtUtc\":\"2026-11-25T12:00:00.0000000Z\"}}")]
    [DataRow("{\"rollbackOverrides\":null}")]
    public async Task LoadAcceptedAsync_ParsesButUnusable_ThrowsStateFileExceptionNamingFile(string json)
    {
        Directory.CreateDirectory(_scenario.StateFolder);
        File.WriteAllText(Path.Combine(_scenario.StateFolder, DisconnectedStateStore.StateFileName), json);

        var ex = await Assert.ThrowsExactlyAsync<StateFileException>(() => CreateSut().LoadAcceptedAsync(CancellationToken.None));

        StringAssert.Contains(ex.Message, DisconnectedStateStore.StateFileName);
    }

    [TestMethod]
    [DataRow("{\"entries\":[{\"path\":null,\"size\":1,\"lastWriteUtc\":\"2026-11-25T12:00:00.0000000Z\"}]}")]
    [DataRow("{\"entries\":[{\"path\":\"0A/a.cab\",\"size\":1,\"lastWriteUtc\":\"2026-11-25T12:00:00.0000000Z\"},{\"path\":\"0A/a.cab\",\"size\":2,\"lastWriteUtc\":\"2026-11-25T12:00:00.0000000Z\"}]}")]
    [DataRow("{\"entries\":null}")]
    [DataRow("{\"entries\":[null]}")]
    public async Task LoadInventoryAsync_ParsesButUnusable_ThrowsStateFileException(string json)
    {
        Directory.CreateDirectory(_scenario.StateFolder);
        File.WriteAllText(Path.Combine(_scenario.StateFolder, DisconnectedStateStore.InventoryFileName), json);

        await Assert.ThrowsExactlyAsync<StateFileException>(() => CreateSut().LoadInventoryAsync(CancellationToken.None));
    }

    // Issue 19: a state file that is a link to /dev/zero ran cmdsync out of memory (exit 1 after 4.1 GiB); a FIFO hung it.
    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public void LoadTrustedSigners_FileIsLinkToDevZero_ThrowsStateFileExceptionNamingIt()
    {
        RequireLinux();
        Directory.CreateDirectory(_scenario.StateFolder);
        var path = Path.Combine(_scenario.StateFolder, DisconnectedStateStore.TrustedSignersFileName);
        File.CreateSymbolicLink(path, "/dev/zero");

        var ex = Assert.ThrowsExactly<StateFileException>(() => CreateSut().LoadTrustedSigners());

        StringAssert.Contains(ex.Message, path);
        StringAssert.Contains(ex.Message, "symbolic link");
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task LoadAcceptedAsync_StateJsonIsFifo_ThrowsStateFileExceptionWithoutBlocking()
    {
        RequireLinux();
        Directory.CreateDirectory(_scenario.StateFolder);
        var path = Path.Combine(_scenario.StateFolder, DisconnectedStateStore.StateFileName);
        using (var mkfifo = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            Assert.AreEqual(0, mkfifo.ExitCode);
        }

        var ex = await Assert.ThrowsExactlyAsync<StateFileException>(() => CreateSut().LoadAcceptedAsync(CancellationToken.None));

        StringAssert.Contains(ex.Message, path);
        StringAssert.Contains(ex.Message, "pipe (FIFO)");
    }

    [TestMethod]
    public void LoadTrustedSigners_FileLargerThanTheCap_ThrowsStateFileException()
    {
        Directory.CreateDirectory(_scenario.StateFolder);
        var path = Path.Combine(_scenario.StateFolder, DisconnectedStateStore.TrustedSignersFileName);
        using (var stream = File.Create(path))
        {
            stream.SetLength(StateFileReader.MaxSmallFileBytes + 1);
        }

        var ex = Assert.ThrowsExactly<StateFileException>(() => CreateSut().LoadTrustedSigners());

        StringAssert.Contains(ex.Message, "larger than");
    }

    private static void RequireLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("Needs Linux: /dev/zero, mkfifo and unprivileged symbolic links.");
        }
    }
}
