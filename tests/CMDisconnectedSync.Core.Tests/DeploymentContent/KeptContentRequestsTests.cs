using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.DeploymentContent;

namespace CMDisconnectedSync.Core.Tests.DeploymentContent;

[TestClass]
public sealed class KeptContentRequestsTests
{
    [TestMethod]
    public async Task Load_KeptRequest_ReturnsTheSameRequest()
    {
        using var temp = new TempFolder("kept-requests");
        var request = new DeliveredContentBuilder(temp.Combine("carried")).WithFile(16777301, 1001, "a.cab", "bytes").Request;

        var path = await KeptContentRequests.KeepAsync(temp.Combine("state"), request, CancellationToken.None);

        Assert.AreEqual(temp.Combine("state", KeptContentRequests.FolderName, request.RequestId + ".json"), path);
        CollectionAssert.AreEqual(ContentRequestSerializer.Serialize(request), ContentRequestSerializer.Serialize(KeptContentRequests.Load(temp.Combine("state"), request.RequestId.ToUpperInvariant())));
    }

    [TestMethod]
    public void Load_RequestThisServerNeverWrote_SaysWhereItLookedAndWhatToDo()
    {
        using var temp = new TempFolder("kept-requests");

        var refusal = Assert.ThrowsExactly<ContentRequestFormatException>(() => KeptContentRequests.Load(temp.Path, "0123456789abcdef0123456789abcdef"));

        Assert.AreEqual(ContentRequestProblem.Unreadable, refusal.Problem);
        StringAssert.Contains(refusal.Message, "--content-request");
    }

    [TestMethod]
    public void Load_IdThatIsNotARequestId_RefusedWithoutTouchingTheDisk()
    {
        var refusal = Assert.ThrowsExactly<ContentRequestFormatException>(() => KeptContentRequests.Load("/nonexistent", "../../etc/passwd"));

        Assert.AreEqual(ContentRequestProblem.Malformed, refusal.Problem);
    }
}
