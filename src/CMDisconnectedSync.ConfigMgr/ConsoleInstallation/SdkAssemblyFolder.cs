using System.Reflection.Metadata;

namespace CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

/// <summary>
/// The assemblies of one folder (a console's <c>AdminConsole\bin</c>) as the runtime would find them there: by simple
/// name, <c>&lt;folder&gt;\&lt;name&gt;.dll</c>. Each file is opened once, for metadata only; an absent file or one that
/// is not a .NET assembly is remembered with the reason. <see cref="UnauthorizedAccessException"/> is not caught.
/// </summary>
internal sealed class SdkAssemblyFolder(string folder) : IDisposable
{
    private readonly Dictionary<string, (MetadataFile? File, string Problem)> _opened = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The assembly named <paramref name="assemblyName"/> in this folder, or null with <paramref name="problem"/> saying why not.</summary>
    public MetadataFile? Find(string assemblyName, out string problem)
    {
        if (!_opened.TryGetValue(assemblyName, out var entry))
        {
            entry = Open(Path.Combine(folder, assemblyName + ".dll"));
            _opened[assemblyName] = entry;
        }

        problem = entry.Problem;
        return entry.File;
    }

    /// <summary>The definition of <paramref name="fullName"/> in assembly <paramref name="assemblyName"/>, following a type forwarder once.</summary>
    public (MetadataFile File, TypeDefinitionHandle Type)? FindType(string assemblyName, string fullName, out string problem)
    {
        if (Find(assemblyName, out problem) is not { } file)
        {
            return null;
        }

        if (file.TryGetType(fullName, out var handle))
        {
            return (file, handle);
        }

        if (file.ForwardedTo(fullName) is { } target && !string.Equals(target, assemblyName, StringComparison.OrdinalIgnoreCase))
        {
            if (Find(target, out var targetProblem) is { } forwarded && forwarded.TryGetType(fullName, out var forwardedHandle))
            {
                return (forwarded, forwardedHandle);
            }

            problem = $"{Path.GetFileName(file.Path)} forwards {fullName} to {target}, which does not define it"
                + (targetProblem.Length > 0 ? $" ({targetProblem})" : string.Empty);
            return null;
        }

        problem = string.Equals(file.AssemblyName, assemblyName, StringComparison.OrdinalIgnoreCase)
            ? $"{Path.GetFileName(file.Path)} defines no type {fullName}"
            : $"{Path.GetFileName(file.Path)} is assembly '{file.AssemblyName}', which defines no type {fullName}";
        return null;
    }

    public void Dispose()
    {
        foreach (var (file, _) in _opened.Values)
        {
            file?.Dispose();
        }
    }

    private static (MetadataFile? File, string Problem) Open(string path)
    {
        try
        {
            return (MetadataFile.Open(path), string.Empty);
        }
        catch (FileNotFoundException)
        {
            return (null, $"{path} does not exist");
        }
        catch (DirectoryNotFoundException)
        {
            return (null, $"{path} does not exist");
        }
        catch (BadImageFormatException ex)
        {
            return (null, $"{path} is not a .NET assembly ({ex.Message})");
        }
    }
}
