using System.Globalization;
using CMDisconnectedSync.App.Presentation.Launch;
using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Presentation.Home;

/// <summary>What a button of the home window opens.</summary>
public enum HomeCommand
{
    Export,
    Import,
    Status,
    CheckThisServer,
}

/// <summary>One button of the home window and the sentence beside it.</summary>
/// <param name="Command">What it opens.</param>
/// <param name="Label">The button's text (with its access key).</param>
/// <param name="Description">Where and when to use it, as an admin reads it.</param>
public sealed record HomeEntry(HomeCommand Command, string Label, string Description);

/// <summary>
/// The window the Start-menu entry opens (<c>CMDisconnectedSync.exe home</c>): Export…, Import…, Status and Check this
/// server, each with one sentence on which server it belongs to. It assumes no ConfigMgr: the export side is a WSUS
/// server, usually outside the hierarchy, so only Import and Status ever need a site, and only when opened.
/// </summary>
public sealed class HomeWindow : ObservablePresenter
{
    private readonly string _computer;

    /// <param name="computer">This computer's name, for the title.</param>
    public HomeWindow(string computer) =>
        _computer = string.IsNullOrWhiteSpace(computer) ? throw new ArgumentException("The computer name is required.", nameof(computer)) : computer;

    public string Title => $"CMDisconnectedSync on {_computer}";

    public static string Intro =>
        "Moves software updates from an internet-facing WSUS server to a disconnected ConfigMgr site: export a signed bundle "
        + "on one side, carry it across, verify and import it on the other.";

    public IReadOnlyList<HomeEntry> Entries { get; } =
    [
        new(HomeCommand.Export, "&Export…",
            "On the internet-facing WSUS server: write the updates and their content as a signed bundle to media. Needs WSUS only, no ConfigMgr."),
        new(HomeCommand.Import, "&Import…",
            "On the disconnected top-level software update point: verify a bundle, import it into WSUS, synchronize ConfigMgr, subscribe new products."),
        new(HomeCommand.Status, "&Status",
            "Last export and import, each software update point's synchronization, recent runs and their logs."),
        new(HomeCommand.CheckThisServer, "&Check this server",
            "Checks this computer against everything CMDisconnectedSync relies on (WSUS, volumes, console, SMS Provider). Read-only."),
    ];

    /// <summary>What the last window opened from here reported, e.g. why a site could not be found; empty when nothing.</summary>
    public string Notice { get; private set; } = string.Empty;

    /// <summary>The console action a command opens (the same windows the console's actions open).</summary>
    public static LaunchAction? ActionOf(HomeCommand command) => command switch
    {
        HomeCommand.Export => LaunchAction.Export,
        HomeCommand.Import => LaunchAction.Import,
        HomeCommand.Status => LaunchAction.Status,
        _ => null,
    };

    /// <summary>After the export wizard closed: where the bundle went and what to do with it; nothing for a plan or no run.</summary>
    public void ExportClosed(ExportResult? result)
    {
        if (result is { WhatIf: false })
        {
            Report(string.Format(
                CultureInfo.CurrentCulture,
                "Exported sequence {0} to {1}. Carry that whole folder to the disconnected side and select Import… there.",
                result.Sequence,
                result.BundlePath));
        }
    }

    /// <summary>Shows <paramref name="notice"/> under the buttons (or clears it with an empty string).</summary>
    public void Report(string notice)
    {
        Notice = notice ?? string.Empty;
        RaiseChanged();
    }
}
