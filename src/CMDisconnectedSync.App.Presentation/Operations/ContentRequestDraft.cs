namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>A software update group of the site (<c>SMS_AuthorizationList</c>: CI_ID, LocalizedDisplayName, member updates).</summary>
/// <param name="CiId">The group's CI_ID, what the console's row action passes as <c>--group-id</c>.</param>
/// <param name="Name">Its name as the console shows it.</param>
/// <param name="UpdateCount">How many updates it holds.</param>
public sealed record SoftwareUpdateGroupInfo(int CiId, string Name, int UpdateCount);

/// <summary>What the admin chose to request content for: groups by CI_ID and/or every required update.</summary>
/// <param name="GroupIds">Software update groups (CI_IDs).</param>
/// <param name="Required">Every update at least one client reports as required (not expired).</param>
public sealed record ContentRequestSelection(IReadOnlyList<int> GroupIds, bool Required)
{
    public bool IsEmpty => GroupIds.Count == 0 && !Required;
}

/// <summary>
/// A content request built from the site but not written yet (<c>cmdsync content request</c> without the write): what
/// it would list. <see cref="IDisconnectedSyncOperations.SaveContentRequestAsync"/> writes exactly this request.
/// </summary>
/// <param name="RequestId">The request's id (the bundle that answers it names it).</param>
/// <param name="Files">Files requested.</param>
/// <param name="TotalBytes">Their total size.</param>
/// <param name="Updates">Updates chosen (expired ones left out).</param>
/// <param name="LeftOut">What was left out and why, one sentence each (content already in a package, expired updates…).</param>
/// <param name="SuggestedPath">Where the backend proposes to write it (the admin may change it).</param>
public sealed record ContentRequestDraft(string RequestId, int Files, long TotalBytes, int Updates, IReadOnlyList<string> LeftOut, string SuggestedPath);

/// <summary>A content request written for the internet side, and the copy this server keeps to check the answer against.</summary>
/// <param name="Path">The request file to carry.</param>
/// <param name="KeptCopyPath">The copy in the state folder (<c>content-requests\&lt;RequestId&gt;.json</c>).</param>
/// <param name="Files">Files requested.</param>
/// <param name="TotalBytes">Their total size.</param>
public sealed record SavedContentRequest(string Path, string KeptCopyPath, int Files, long TotalBytes);
