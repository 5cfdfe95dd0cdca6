namespace CMDisconnectedSync.ConfigMgr;

/// <summary>The verdict on a disconnected site's sync source, in the shape of a preflight finding.</summary>
/// <param name="IsOk">True when the site is set to "do not synchronize".</param>
/// <param name="Source">What the site is set to.</param>
/// <param name="Message">What was found.</param>
/// <param name="Fix">What to change, empty when nothing.</param>
public sealed record SyncSourceFinding(bool IsOk, SyncSource Source, string Message, string Fix);

/// <summary>
/// A disconnected top-level software update point must not synchronize from Microsoft Update or an upstream
/// server: its updates come only from wsusutil import. ConfigMgr says so with <c>DefaultUseParentWSUS</c> = 2.
/// </summary>
public static class SyncSourceCheck
{
    public const string Fix =
        "In the ConfigMgr console: Administration > Site Configuration > Sites > select the top-level site > "
        + "Configure Site Components > Software Update Point > Sync Settings: choose 'Do not synchronize from "
        + "Microsoft Update or upstream data source', then OK.";

    public static SyncSourceFinding Evaluate(SyncSource source, string siteCode)
    {
        if (source == SyncSource.DoNotSynchronize)
        {
            return new SyncSourceFinding(true, source,
                $"Site {siteCode} does not synchronize from Microsoft Update or an upstream server: updates come only from the import.",
                string.Empty);
        }

        var from = source == SyncSource.MicrosoftUpdate ? "Microsoft Update" : "an upstream data source";
        return new SyncSourceFinding(false, source,
            $"Site {siteCode} is set to synchronize from {from}. A disconnected site cannot reach it, so every sync fails (6703) "
            + "or, if it can, the import is mixed with other metadata.",
            Fix);
    }
}
