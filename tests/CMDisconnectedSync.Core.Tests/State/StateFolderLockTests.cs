using CMDisconnectedSync.State;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Core.Tests.State;

[TestClass]
public sealed class StateFolderLockTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero));
    private string _root = null!;

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("cmdsync-lock-").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private string StateFolder => Path.Combine(_root, "state");

    private string LockPath => Path.Combine(StateFolder, StateFolderLock.ImportLockFileName);

    private StateFolderLock CreateSut() => StateFolderLock.Acquire(StateFolder, "import", _clock);

    [TestMethod]
    public void Acquire_FreeFolder_HoldsALockFileNamingThisProcessUntilDisposed()
    {
        using (var held = CreateSut())
        {
            Assert.AreEqual(LockPath, held.LockPath);
            Assert.IsTrue(File.Exists(LockPath));
            Assert.AreEqual(
                $"pid {Environment.ProcessId} on {Environment.MachineName}, started at 2026-11-25 14:00 UTC",
                File.ReadAllText(LockPath + StateFolderLock.OwnerSuffix).Trim());
        }

        Assert.IsFalse(File.Exists(LockPath));
        Assert.IsFalse(File.Exists(LockPath + StateFolderLock.OwnerSuffix));
    }

    [TestMethod]
    public void Acquire_WhileAnotherRunHoldsIt_ThrowsNamingTheHolderTheFolderAndWhatToDo()
    {
        using var held = CreateSut();
        _clock.Advance(TimeSpan.FromMinutes(5));

        var ex = Assert.ThrowsExactly<StateFolderInUseException>(CreateSut);

        Assert.AreEqual(
            $"Another cmdsync import (pid {Environment.ProcessId} on {Environment.MachineName}, started at 2026-11-25 14:00 UTC) is running on the state folder '{StateFolder}' (it holds '{LockPath}'); wait for it or stop it, then run the command again.",
            ex.Message);
    }

    // Issue 19: two runs starting together; the refused one read the owner file before the holder had written it.
    [TestMethod]
    public async Task Acquire_OwnerFileWrittenJustAfterTheRefusal_StillNamesTheHolder()
    {
        using var held = CreateSut();
        var ownerPath = LockPath + StateFolderLock.OwnerSuffix;
        var owner = await File.ReadAllTextAsync(ownerPath);
        File.Delete(ownerPath);
        var writeLate = Task.Run(async () =>
        {
            await Task.Delay(200);
            await File.WriteAllTextAsync(ownerPath, owner);
        });

        var ex = Assert.ThrowsExactly<StateFolderInUseException>(CreateSut);
        await writeLate;

        StringAssert.Contains(ex.Message, $"pid {Environment.ProcessId} on {Environment.MachineName}");
    }

    [TestMethod]
    public void Acquire_AfterTheHolderReleasedIt_Succeeds()
    {
        CreateSut().Dispose();

        using var again = CreateSut();

        Assert.IsTrue(File.Exists(LockPath));
    }

    [TestMethod]
    public void Acquire_LockFilesLeftByACrashedProcess_AreNotALock()
    {
        Directory.CreateDirectory(StateFolder);
        File.WriteAllText(LockPath, "pid 4242 on WSUS02, started at 2026-11-24 03:00 UTC\n");
        File.WriteAllText(LockPath + StateFolderLock.OwnerSuffix, "pid 4242 on WSUS02, started at 2026-11-24 03:00 UTC\n");

        using var held = CreateSut();

        StringAssert.Contains(File.ReadAllText(LockPath + StateFolderLock.OwnerSuffix), $"pid {Environment.ProcessId}");
    }

    [TestMethod]
    public void Acquire_ExportAndImportOfOneFolder_AreSeparateLocks()
    {
        using var import = CreateSut();

        using var export = StateFolderLock.Acquire(StateFolder, "export", _clock);

        Assert.AreEqual(Path.Combine(StateFolder, StateFolderLock.ExportLockFileName), export.LockPath);
    }
}
