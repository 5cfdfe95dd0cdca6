namespace CMDisconnectedSync.App.Presentation.Launch;

/// <summary>A validated command line. Site values are normalized (no leading backslashes, upper-case site code).</summary>
/// <param name="Action">What to open.</param>
/// <param name="SiteServer">SMS Provider server, from <c>--site-server</c> or the namespace; null for a node-level launch.</param>
/// <param name="SiteCode">From <c>--site-code</c> or the namespace.</param>
/// <param name="ProviderNamespace">From <c>--namespace</c>, always server-qualified: <c>\\SERVER\ROOT\SMS\site_ABC</c> (the server from
/// <c>--site-server</c> when the namespace came as the console passes it, <c>ROOT\SMS\site_ABC</c>).</param>
/// <param name="SupServer">From <c>--sup</c>.</param>
/// <param name="LabFolder"><c>--lab</c>: run against the lab backend in this folder (demo and UI smoke test only).</param>
/// <param name="ScreenshotFolder"><c>--screenshot-dir</c>: test hook, save a screenshot of every page here.</param>
/// <param name="AutoAdvance"><c>--auto-advance</c>: test hook, walk through the pages with the lab's defaults.</param>
/// <param name="Expect"><c>--expect</c>: test hook, how the walked scenario is meant to end.</param>
/// <param name="GroupId"><c>--group-id</c>: the software update group (<c>SMS_AuthorizationList.CI_ID</c>) a content request starts with.</param>
public sealed record LaunchRequest(
    LaunchAction Action,
    string? SiteServer,
    string? SiteCode,
    string? ProviderNamespace,
    string? SupServer,
    string? LabFolder,
    string? ScreenshotFolder,
    bool AutoAdvance,
    ExpectedOutcome Expect = ExpectedOutcome.Finished,
    int? GroupId = null);
