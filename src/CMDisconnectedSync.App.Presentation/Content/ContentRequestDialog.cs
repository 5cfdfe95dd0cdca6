using System.Globalization;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Progress;

namespace CMDisconnectedSync.App.Presentation.Content;

/// <summary>One software update group in the dialog's list, ticked or not.</summary>
public sealed class UpdateGroupChoice(SoftwareUpdateGroupInfo group)
{
    public SoftwareUpdateGroupInfo Group { get; } = group ?? throw new ArgumentNullException(nameof(group));

    public bool IsChecked { get; internal set; }

    /// <summary>"Patch Tuesday 2026-12 (3 updates)".</summary>
    public string Text => string.Format(CultureInfo.CurrentCulture, "{0} ({1:N0} update{2})", Group.Name, Group.UpdateCount, Group.UpdateCount == 1 ? string.Empty : "s");
}

/// <summary>
/// "Request content for this group…" (console row action) and "Request content for these updates…" (Next steps): what
/// <c>cmdsync content request</c> does, as a dialog. The admin ticks software update groups (the one the console row
/// named is ticked already) and/or every required update, sees how many files and bytes the site would ask for, chooses
/// where the request goes, and writes it with the copy the import later checks carried content against (issue 18).
/// Nothing is written until Write request; cancelling leaves nothing behind.
/// </summary>
public sealed class ContentRequestDialog : ObservablePresenter
{
    private readonly IDisconnectedSyncOperations _operations;
    private readonly SiteTarget _site;
    private readonly int? _preselectedGroupId;
    private string _outputPath = string.Empty;
    private bool _outputPathEdited;
    private int _version;
    private bool _loading;
    private bool _preparing;
    private bool _saving;

    public ContentRequestDialog(IDisconnectedSyncOperations operations, SiteTarget site, int? preselectedGroupId)
    {
        _operations = operations ?? throw new ArgumentNullException(nameof(operations));
        _site = site ?? throw new ArgumentNullException(nameof(site));
        _preselectedGroupId = preselectedGroupId;
    }

    public static string Title => "Request content";

    /// <summary>The site, as titles name it: <c>CM01.contoso.com (PS1)</c>.</summary>
    public string SiteText => _site.Describe();

    /// <summary>What the dialog does, in one paragraph for the top of the window.</summary>
    public string Intro =>
        $"Writes a request for the update files the chosen updates need on {_site.Describe()}, leaving out content already in a "
        + "deployment package. Carry it to a server with internet access: 'cmdsync content fetch' downloads the files there, or the "
        + "export carries them in the signed bundle. Write it on the server that imports the bundles: its import accepts only content "
        + "a request kept there lists.";

    public IReadOnlyList<UpdateGroupChoice> Groups { get; private set; } = [];

    /// <summary>"Every update a client reports as required" is ticked.</summary>
    public bool IncludeRequired { get; private set; }

    /// <summary>True while the site's groups are read or the request is prepared or written.</summary>
    public bool IsBusy => _loading || _preparing || _saving;

    /// <summary>What failed (the backend's message names the server or file and the fix); null when nothing did.</summary>
    public string? Error { get; private set; }

    /// <summary>The request for the current selection, as the site answers it; null before the first answer or with nothing ticked.</summary>
    public ContentRequestDraft? Draft { get; private set; }

    /// <summary>The request written; the dialog then only offers Close.</summary>
    public SavedContentRequest? Result { get; private set; }

    public ContentRequestSelection Selection => new(Groups.Where(g => g.IsChecked).Select(g => g.Group.CiId).ToList(), IncludeRequired);

    /// <summary>One line: how many files and bytes the request lists, or why there is nothing to write yet.</summary>
    public string SummaryText
    {
        get
        {
            if (Selection.IsEmpty)
            {
                return "Tick one or more software update groups, or every required update.";
            }

            if (Draft is not { } draft)
            {
                return IsBusy ? "Reading what the chosen updates need from the site…" : string.Empty;
            }

            return draft.Files == 0
                ? string.Format(CultureInfo.CurrentCulture, "Nothing to request: the {0:N0} chosen update(s) need no file that is not already in a deployment package.", draft.Updates)
                : string.Format(CultureInfo.CurrentCulture, "{0:N0} file(s), {1} in total, for {2:N0} update(s).", draft.Files, DisplayFormat.Bytes(draft.TotalBytes), draft.Updates);
        }
    }

    /// <summary>What the request leaves out and why (content already in a package, expired updates, other languages).</summary>
    public IReadOnlyList<string> LeftOut => Draft?.LeftOut ?? [];

    /// <summary>Where the request is written; the backend's suggestion until the admin changes it.</summary>
    public string OutputPath
    {
        get => _outputPath;
        set
        {
            var changed = !string.Equals(_outputPath, value ?? string.Empty, StringComparison.Ordinal);
            _outputPath = value ?? string.Empty;
            if (changed)
            {
                _outputPathEdited = true;
                RaiseChanged();
            }
        }
    }

    /// <summary>Ticks may change while a request is prepared (the newest selection's answer wins), not while writing.</summary>
    public bool CanChangeSelection => !_loading && !_saving && Result is null;

    public bool CanSave => !IsBusy && Result is null && Draft is { Files: > 0 } && !Selection.IsEmpty;

    /// <summary>After writing: where the request and its kept copy are, and what to do with the request next.</summary>
    public string ResultText => Result is not { } saved
        ? string.Empty
        : string.Format(
            CultureInfo.CurrentCulture,
            "Written to the request file above, {0} ({1:N0} file(s), {2}). This server keeps a copy in {3}: the import accepts only the content it lists." + Environment.NewLine
            + "Next: carry {4} to a server with internet access and run 'cmdsync content fetch --request {4} --out <folder>' there, "
            + "or let the export fetch and carry the files: 'cmdsync export … --content-request {4}'.",
            FileNameOf(saved.Path),
            saved.Files,
            DisplayFormat.Bytes(saved.TotalBytes),
            saved.KeptCopyPath,
            FileNameOf(saved.Path));

    /// <summary>Reads the site's groups, ticks the one the console named, and prepares its request.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SoftwareUpdateGroupInfo> groups = [];
        _loading = true;
        Error = null;
        RaiseChanged();
        Error = await FailureOfAsync(async () => groups = await _operations.GetSoftwareUpdateGroupsAsync(_site, cancellationToken), "Reading the software update groups was cancelled.");
        Groups = groups.OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase).Select(g => new UpdateGroupChoice(g)).ToList();
        _loading = false;
        if (Error is null && _preselectedGroupId is { } id)
        {
            if (Groups.FirstOrDefault(g => g.Group.CiId == id) is { } preselected)
            {
                preselected.IsChecked = true;
            }
            else
            {
                Error = string.Format(
                    CultureInfo.CurrentCulture,
                    "Site {0} has no software update group with CI_ID {1} (deleted since the console listed it?). Tick the groups to request content for below, or refresh the console and start again.",
                    _site.Describe(),
                    id);
            }
        }

        RaiseChanged();
        if (!Selection.IsEmpty)
        {
            await PrepareAsync(cancellationToken);
        }
    }

    public Task SetGroupCheckedAsync(UpdateGroupChoice choice, bool isChecked, CancellationToken cancellationToken)
    {
        _ = choice ?? throw new ArgumentNullException(nameof(choice));
        if (!CanChangeSelection || choice.IsChecked == isChecked)
        {
            return Task.CompletedTask;
        }

        choice.IsChecked = isChecked;
        return PrepareAsync(cancellationToken);
    }

    public Task SetIncludeRequiredAsync(bool include, CancellationToken cancellationToken)
    {
        if (!CanChangeSelection || IncludeRequired == include)
        {
            return Task.CompletedTask;
        }

        IncludeRequired = include;
        return PrepareAsync(cancellationToken);
    }

    /// <summary>Writes the prepared request to <see cref="OutputPath"/> and keeps its copy; on failure nothing is written.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (!CanSave)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(_outputPath))
        {
            Error = "Choose where to write the request file (e.g. E:\\Transfer\\content-request.json on the transfer media), then select Write request again.";
            RaiseChanged();
            return;
        }

        var draft = Draft!;
        _saving = true;
        Error = null;
        RaiseChanged();
        Error = await FailureOfAsync(async () => Result = await _operations.SaveContentRequestAsync(draft.RequestId, _outputPath.Trim(), cancellationToken), "Writing the request was cancelled; nothing was written.");
        _saving = false;
        RaiseChanged();
    }

    /// <summary>Asks the site what the current selection needs; an answer for an older selection is dropped.</summary>
    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var version = ++_version;
        var selection = Selection;
        Draft = null;
        Error = null;
        if (selection.IsEmpty)
        {
            _preparing = false;
            RaiseChanged();
            return;
        }

        _preparing = true;
        RaiseChanged();
        ContentRequestDraft? draft = null;
        var error = await FailureOfAsync(async () => draft = await _operations.PrepareContentRequestAsync(_site, selection, cancellationToken), "Reading what the updates need was cancelled.");
        if (version != _version)
        {
            return;
        }

        _preparing = false;
        Error = error;
        Draft = draft;
        if (draft is not null && !_outputPathEdited)
        {
            _outputPath = draft.SuggestedPath;
        }

        RaiseChanged();
    }

    // The backend's paths are Windows paths; split on both separators so the presenter reads them the same everywhere.
    private static string FileNameOf(string path) => path[(path.LastIndexOfAny(['\\', '/']) + 1)..];
}
