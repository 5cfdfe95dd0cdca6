namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>Which end of the transfer the checked server is; decides the expected sync source and replica mode.</summary>
public enum ServerSide
{
    /// <summary>The disconnected server that imports (sync source "do not synchronize", not a WSUS replica).</summary>
    Import,

    /// <summary>The internet-facing server that exports.</summary>
    Export,
}

/// <summary>What the check found for one assumption; mirrors the doctor's <c>CheckStatus</c> one-to-one.</summary>
public enum FindingStatus
{
    /// <summary>The machine shows exactly what CMDisconnectedSync expects.</summary>
    Confirmed,

    /// <summary>Something is there, but not the expected value.</summary>
    Differs,

    /// <summary>The expected thing (registry value, file, console node, provider) is not there at all.</summary>
    Missing,

    /// <summary>Cannot be checked here; the detail says how to check by hand.</summary>
    NotApplicable,

    /// <summary>The check was refused (registry or file ACL, ConfigMgr role-based administration, WMI rights).</summary>
    AccessDenied,
}

/// <summary>One assumption CMDisconnectedSync makes about a server, and what this server shows.</summary>
/// <param name="Id">Stable identifier an admin quotes in a support request, e.g. <c>wsus.registry.contentDir</c>.</param>
/// <param name="Area">WSUS, Console, SMS Provider…</param>
/// <param name="Assumption">What is assumed, as an admin reads it.</param>
/// <param name="Status">The verdict.</param>
/// <param name="Found">The value found (or why none could be read).</param>
/// <param name="Expected">The value expected.</param>
/// <param name="Source">The public source of the expectation.</param>
/// <param name="Detail">What the finding means and, unless confirmed, what to do next.</param>
public sealed record ServerFinding(
    string Id, string Area, string Assumption, FindingStatus Status, string Found, string Expected, string Source, string Detail);

/// <summary>
/// A read-only check of one server (the same checks as <c>cmdsync doctor</c>), with the report already rendered as
/// the JSON a support request takes and as the plain-text table, so the window saves and copies exactly what the CLI prints.
/// </summary>
/// <param name="Machine">The computer that was checked.</param>
/// <param name="Side">Which end it was checked as.</param>
/// <param name="CreatedUtc">When the check ran.</param>
/// <param name="Findings">Every finding, in check order.</param>
/// <param name="JsonReport">The report as <c>cmdsync doctor --json</c> writes it.</param>
/// <param name="TextReport">The report as <c>cmdsync doctor</c> prints it.</param>
public sealed record ServerCheckReport(
    string Machine,
    ServerSide Side,
    DateTimeOffset CreatedUtc,
    IReadOnlyList<ServerFinding> Findings,
    string JsonReport,
    string TextReport);

/// <summary>"Check this server": runs the doctor's read-only checks on the machine the app runs on.</summary>
public interface IServerCheck
{
    /// <summary>
    /// Checks this machine as the <paramref name="side"/> server of <paramref name="site"/>. Changes nothing. A check that
    /// cannot run is a finding, not an exception; exceptions mean the check could not start at all.
    /// </summary>
    /// <remarks><paramref name="site"/> is null when no site is known (an export server outside the hierarchy).</remarks>
    Task<ServerCheckReport> CheckAsync(ServerSide side, SiteTarget? site, CancellationToken cancellationToken);
}
