using CMDisconnectedSync.Lab.Host;

namespace CMDisconnectedSync.Lab.Tests.Host;

[TestClass]
public sealed class LabHostTests
{
    [TestMethod]
    public void IsElevatedAdministrator_Default_TrueAndFalseWhenToldSo()
    {
        Assert.IsTrue(new LabElevation().IsElevatedAdministrator());
        Assert.IsFalse(new LabElevation(isElevatedAdministrator: false).IsElevatedAdministrator());
    }

    [TestMethod]
    public void Inspect_FolderNotCreatedYet_DescribesTheVolumeOfItsParentAsWritableNtfs()
    {
        var parent = Directory.CreateTempSubdirectory("cmdsync-labvolume-").FullName;
        try
        {
            var volume = new LabVolumeInspector().Inspect(Path.Combine(parent, "not", "yet"));

            Assert.AreEqual(LabVolumeInspector.LabFileSystem, volume.FileSystem);
            Assert.IsTrue(volume.IsWritable);
            Assert.IsGreaterThan(0L, volume.FreeBytes);
            Assert.IsEmpty(Directory.GetFiles(parent), "the writability probe leaves nothing behind");
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
