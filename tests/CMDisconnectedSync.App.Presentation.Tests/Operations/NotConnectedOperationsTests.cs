using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

namespace CMDisconnectedSync.App.Presentation.Tests.Operations;

[TestClass]
public sealed class NotConnectedOperationsTests
{
    private static readonly IProgress<TransferProgress> NoProgress = new Progress<TransferProgress>();

    public static IEnumerable<object[]> EveryOperation =>
    [
        ["RunPreflightAsync", (Func<IDisconnectedSyncOperations, Task>)(o => o.RunPreflightAsync(PreflightKind.Export, A.Site(), CancellationToken.None))],
        ["VerifyBundleAsync", (Func<IDisconnectedSyncOperations, Task>)(o => o.VerifyBundleAsync("E:\\b", null, CancellationToken.None))],
        ["ExportAsync", (Func<IDisconnectedSyncOperations, Task>)(o => o.ExportAsync(null!, NoProgress, CancellationToken.None))],
        ["ImportAsync", (Func<IDisconnectedSyncOperations, Task>)(o => o.ImportAsync(null!, NoProgress, CancellationToken.None))],
        ["GetNewCategoriesAsync", (Func<IDisconnectedSyncOperations, Task>)(o => o.GetNewCategoriesAsync(A.Site(), CancellationToken.None))],
        ["SubscribeAsync", (Func<IDisconnectedSyncOperations, Task>)(o => o.SubscribeAsync(A.Site(), ["x"], CancellationToken.None))],
        ["RunFullSyncAsync", (Func<IDisconnectedSyncOperations, Task>)(o => o.RunFullSyncAsync(A.Site(), new Progress<SupSyncState>(), CancellationToken.None))],
        ["GetExportChainAsync", (Func<IDisconnectedSyncOperations, Task>)(o => o.GetExportChainAsync(CancellationToken.None))],
        ["GetDeploymentPackagesAsync", (Func<IDisconnectedSyncOperations, Task>)(o => o.GetDeploymentPackagesAsync(A.Site(), CancellationToken.None))],
        ["GetStatusAsync", (Func<IDisconnectedSyncOperations, Task>)(o => o.GetStatusAsync(A.Site(), CancellationToken.None))],
        ["GetSoftwareUpdateGroupsAsync", (Func<IDisconnectedSyncOperations, Task>)(o => o.GetSoftwareUpdateGroupsAsync(A.Site(), CancellationToken.None))],
        ["PrepareContentRequestAsync", (Func<IDisconnectedSyncOperations, Task>)(o => o.PrepareContentRequestAsync(A.Site(), new ContentRequestSelection([1], false), CancellationToken.None))],
        ["SaveContentRequestAsync", (Func<IDisconnectedSyncOperations, Task>)(o => o.SaveContentRequestAsync("r", "E:\\r.json", CancellationToken.None))],
    ];

    [TestMethod]
    [DynamicData(nameof(EveryOperation))]
    public async Task Operation_NotWiredInThisBuild_SaysSoInsteadOfPretending(string name, Func<IDisconnectedSyncOperations, Task> call)
    {
        var error = await Assert.ThrowsExactlyAsync<OperationNotWiredException>(() => call(new NotConnectedOperations()), name);

        StringAssert.Contains(error.Message, "is not available in this build of CMDisconnectedSync");
    }
}
