using CMDisconnectedSync.App.Presentation.Host;

namespace CMDisconnectedSync.App.Presentation.Pages;

/// <summary>The first import page: which bundle, and whether to only plan (what-if).</summary>
public sealed class BundleChoicePage : ObservablePresenter
{
    private readonly IFileSystemProbe _files;

    public BundleChoicePage(IFileSystemProbe files) => _files = files ?? throw new ArgumentNullException(nameof(files));

    public string BundlePath { get; set; } = string.Empty;

    public bool WhatIf { get; set; }

    public string? Issue { get; private set; }

    /// <summary>Returns the bundle folder when it can be verified, else null with <see cref="Issue"/> set.</summary>
    public string? TryAccept()
    {
        var path = BundlePath.Trim();
        Issue = path.Length == 0
            ? "Choose the bundle folder on the transfer media (the folder that holds manifest.json)."
            : !Path.IsPathRooted(path)
                ? $"'{path}' is not a full path: use a drive letter (E:\\Transfer\\…) or a UNC path."
                : !_files.DirectoryExists(path)
                    ? $"The bundle folder '{path}' does not exist. Insert the media or choose another folder."
                    : !_files.FileExists(Path.Combine(path, "manifest.json"))
                        ? $"'{path}' holds no manifest.json: choose the bundle folder itself, not the media root."
                        : null;
        RaiseChanged();
        return Issue is null ? path : null;
    }
}
