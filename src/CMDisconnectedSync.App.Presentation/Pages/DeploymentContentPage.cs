using System.Globalization;
using CMDisconnectedSync.App.Presentation.Host;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Progress;

namespace CMDisconnectedSync.App.Presentation.Pages;

/// <summary>Where the deployment content a bundle carries goes.</summary>
public enum DeploymentContentTarget
{
    /// <summary>Into a deployment package the site already has (<c>cmdsync import --deployment-package</c>).</summary>
    ExistingPackage,

    /// <summary>Into a package the import creates (<c>--new-deployment-package --package-source</c>).</summary>
    NewPackage,

    /// <summary>Into no package: the files stay out (the CLI without either option).</summary>
    Skip,
}

/// <summary>
/// The import wizard's "Deployment content" page, shown only for a bundle that carries deployment content (issue 18): the
/// files a content request of this site asked for. The admin puts them into an existing deployment package (listed from
/// the site: PackageID, name, source), into a new one (name and source share), or leaves them out. After the ConfigMgr
/// sync the import checks them against the request this server kept (only requested files, Microsoft's digest,
/// Authenticode) and adds them with AddUpdateContent, as <c>cmdsync import</c> does with the same options.
/// </summary>
public sealed class DeploymentContentPage : ObservablePresenter
{
    private readonly IDisconnectedSyncOperations _operations;
    private readonly SiteTarget _site;
    private readonly IFileSystemProbe _files;
    private DeploymentContentTarget _target = DeploymentContentTarget.ExistingPackage;

    public DeploymentContentPage(IDisconnectedSyncOperations operations, SiteTarget site, IFileSystemProbe files)
    {
        _operations = operations ?? throw new ArgumentNullException(nameof(operations));
        _site = site ?? throw new ArgumentNullException(nameof(site));
        _files = files ?? throw new ArgumentNullException(nameof(files));
    }

    /// <summary>Deployment content files the bundle carries (0: the page is not part of the wizard).</summary>
    public int Files { get; private set; }

    /// <summary>Their bytes.</summary>
    public long Bytes { get; private set; }

    /// <summary>The site's deployment packages, once loaded.</summary>
    public IReadOnlyList<DeploymentPackageInfo> Packages { get; private set; } = [];

    public bool IsLoading { get; private set; }

    /// <summary>Why the packages could not be listed; a new package or Skip still work, and Retry lists them again.</summary>
    public string? LoadError { get; private set; }

    public DeploymentContentTarget Target
    {
        get => _target;
        set
        {
            if (_target != value)
            {
                _target = value;
                Issues = [];
                RaiseChanged();
            }
        }
    }

    /// <summary>The existing package chosen (a <see cref="DeploymentPackageInfo.PackageId"/> of <see cref="Packages"/>).</summary>
    public string? SelectedPackageId { get; set; }

    public string NewPackageName { get; set; } = string.Empty;

    public string NewPackageSource { get; set; } = string.Empty;

    /// <summary>Send the package to its distribution points when the content is added (AddUpdateContent's bRefreshDPs).</summary>
    public bool RefreshDistributionPoints { get; set; } = true;

    /// <summary>
    /// Optional: the request file to check the content against (<c>--content-request</c>); empty: the copy this server
    /// kept when <c>cmdsync content request</c> ran here, which is what a normal import uses.
    /// </summary>
    public string ContentRequestPath { get; set; } = string.Empty;

    public IReadOnlyList<ValidationIssue> Issues { get; private set; } = [];

    /// <summary>The page's first line: what the bundle carries and what happens to it.</summary>
    public string Headline => string.Format(
        CultureInfo.CurrentCulture,
        "This bundle carries {0:N0} deployment content file(s) ({1}) for this site's content request. "
        + "After the ConfigMgr sync they are checked again and added to the package chosen below.",
        Files,
        DisplayFormat.Bytes(Bytes));

    /// <summary>One sentence under the choice: what the chosen target means, in plain words.</summary>
    public string TargetNote => Target switch
    {
        DeploymentContentTarget.ExistingPackage => SelectedPackage is { } package
            ? $"The files are copied into {package.PackageId}'s source folder {package.SourcePath}; this account must be able to write there."
            : "Choose the deployment package the files go into.",
        DeploymentContentTarget.NewPackage =>
            "A new deployment package is created with this name; its source must be an existing shared folder (\\\\server\\share\\folder) that this account can write to and the site server can read.",
        _ => string.Format(
            CultureInfo.CurrentCulture,
            "The {0:N0} file(s) are left out: no deployment package gets them, so clients cannot install these updates from a package. "
            + "The import of this bundle will not offer them again; to deploy them later, request the content again ('cmdsync content request') and carry a new bundle.",
            Files),
    };

    public DeploymentPackageInfo? SelectedPackage => Packages.FirstOrDefault(p => string.Equals(p.PackageId, SelectedPackageId, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Shows the page for a bundle carrying <paramref name="files"/> files of <paramref name="bytes"/> bytes and lists
    /// the site's packages. An existing package is chosen by default (the first one) when the site has any, otherwise a
    /// new one: the admin requested this content to deploy it.
    /// </summary>
    public async Task OfferAsync(int files, long bytes, CancellationToken cancellationToken)
    {
        Files = files;
        Bytes = bytes;
        Issues = [];
        await LoadPackagesAsync(cancellationToken);
    }

    /// <summary>Lists the site's deployment packages (again, after a failure: the page's Retry).</summary>
    public async Task LoadPackagesAsync(CancellationToken cancellationToken)
    {
        IsLoading = true;
        LoadError = null;
        RaiseChanged();
        IReadOnlyList<DeploymentPackageInfo> packages = [];
        var error = await FailureOfAsync(
            async () => packages = await _operations.GetDeploymentPackagesAsync(_site, cancellationToken),
            "Listing the deployment packages was cancelled.");
        IsLoading = false;
        Packages = packages;
        LoadError = error is null ? null : $"The deployment packages of {_site.Describe()} could not be listed: {error} Select Retry, or create a new package.";
        if (SelectedPackage is null)
        {
            SelectedPackageId = packages.Count > 0 ? packages[0].PackageId : null;
        }

        if (error is null && packages.Count == 0 && _target == DeploymentContentTarget.ExistingPackage)
        {
            _target = DeploymentContentTarget.NewPackage;
        }

        RaiseChanged();
    }

    /// <summary>
    /// Checks the fields of the chosen target. True with the choice (null for Skip) when it is complete; false with
    /// <see cref="Issues"/> naming each field and its fix.
    /// </summary>
    public bool TryBuildChoice(out DeploymentContentChoice? choice)
    {
        var issues = new List<ValidationIssue>();
        choice = null;
        switch (Target)
        {
            case DeploymentContentTarget.ExistingPackage:
                if (SelectedPackage is not { } package)
                {
                    issues.Add(new(nameof(SelectedPackageId), Packages.Count == 0
                        ? "The site lists no deployment package to choose: choose 'New deployment package' (or Retry the list)."
                        : "Choose the deployment package the files go into."));
                }
                else if (!_files.DirectoryExists(package.SourcePath))
                {
                    issues.Add(new(nameof(SelectedPackageId),
                        $"The source folder of {package.PackageId} '{package.Name}', {package.SourcePath}, cannot be reached from here. Fix the share (or choose another package), then select Next."));
                }
                else
                {
                    choice = DeploymentContentChoice.Existing(package.PackageId, RefreshDistributionPoints);
                }

                break;
            case DeploymentContentTarget.NewPackage:
                var name = NewPackageName.Trim();
                var source = NewPackageSource.Trim();
                if (name.Length == 0)
                {
                    issues.Add(new(nameof(NewPackageName), "Name the new deployment package, e.g. \"2026-12 Patch Tuesday\"."));
                }

                if (source.Length == 0)
                {
                    issues.Add(new(nameof(NewPackageSource), "Enter the new package's source folder: an existing shared folder (\\\\server\\share\\folder) the site server can read."));
                }
                else if (!source.StartsWith(@"\\", StringComparison.Ordinal))
                {
                    issues.Add(new(nameof(NewPackageSource), $"'{source}' is not a UNC path: ConfigMgr reads package sources over the network. Enter \\\\server\\share\\folder."));
                }
                else if (!_files.DirectoryExists(source))
                {
                    issues.Add(new(nameof(NewPackageSource), $"The source folder '{source}' does not exist or cannot be reached from here. Create and share it, then select Next."));
                }

                if (issues.Count == 0)
                {
                    choice = DeploymentContentChoice.New(name, source, RefreshDistributionPoints);
                }

                break;
        }

        var requestPath = Target == DeploymentContentTarget.Skip ? null : ValidateContentRequest(issues);
        if (issues.Count > 0)
        {
            choice = null;
        }
        else if (choice is not null && requestPath is not null)
        {
            choice = choice with { ContentRequestPath = requestPath };
        }

        Issues = issues;
        RaiseChanged();
        return issues.Count == 0;
    }

    /// <summary>Optional; when given it must be an existing .json file (the import reads and checks its contents).</summary>
    private string? ValidateContentRequest(List<ValidationIssue> issues)
    {
        var path = ContentRequestPath.Trim();
        if (path.Length == 0)
        {
            return null;
        }

        if (!Path.IsPathRooted(path) || !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            issues.Add(new(nameof(ContentRequestPath), $"'{path}' is not a content request file: choose the full path of the request.json 'cmdsync content request' wrote, or leave the field empty to use the copy this server kept."));
        }
        else if (!_files.FileExists(path))
        {
            issues.Add(new(nameof(ContentRequestPath), $"The content request '{path}' does not exist. Choose the request.json this site wrote, or leave the field empty to use the copy this server kept."));
        }
        else
        {
            return path;
        }

        return null;
    }
}
