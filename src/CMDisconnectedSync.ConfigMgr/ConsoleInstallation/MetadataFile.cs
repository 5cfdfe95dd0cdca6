using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

/// <summary>
/// A .NET assembly file opened for reading its metadata only (System.Reflection.Metadata over a PEReader): nothing is
/// loaded or run, so reading a console's SDK never binds it into our process. Types are indexed by full name.
/// </summary>
internal sealed class MetadataFile : IDisposable
{
    private readonly PEReader _pe;
    private readonly Lazy<Dictionary<string, TypeDefinitionHandle>> _types;
    private readonly Lazy<Dictionary<string, ExportedType>> _forwarders;

    private MetadataFile(string path, PEReader pe, MetadataReader reader)
    {
        Path = path;
        _pe = pe;
        Reader = reader;
        AssemblyName = reader.IsAssembly ? reader.GetString(reader.GetAssemblyDefinition().Name) : string.Empty;
        _types = new Lazy<Dictionary<string, TypeDefinitionHandle>>(() => reader.TypeDefinitions
            .GroupBy(handle => MetadataSignatureText.TypeName(reader, handle), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal));
        _forwarders = new Lazy<Dictionary<string, ExportedType>>(() => reader.ExportedTypes
            .Select(reader.GetExportedType)
            .Where(type => type.IsForwarder)
            .GroupBy(type => MetadataSignatureText.TypeName(reader, type), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal));
    }

    public string Path { get; }

    public MetadataReader Reader { get; }

    /// <summary>The simple name the assembly declares (empty for a module without an assembly manifest).</summary>
    public string AssemblyName { get; }

    /// <summary>
    /// Opens <paramref name="path"/>. Throws <see cref="FileNotFoundException"/> when absent,
    /// <see cref="BadImageFormatException"/> when it is not a .NET assembly, <see cref="UnauthorizedAccessException"/>
    /// when it cannot be read.
    /// </summary>
    public static MetadataFile Open(string path)
    {
        var pe = new PEReader(File.OpenRead(path));
        try
        {
            if (!pe.HasMetadata)
            {
                throw new BadImageFormatException($"{path} is a PE file without .NET metadata.", path);
            }

            return new MetadataFile(path, pe, pe.GetMetadataReader());
        }
        catch
        {
            pe.Dispose();
            throw;
        }
    }

    /// <summary>The type defined here under <paramref name="fullName"/> (<c>Namespace.Type</c>, nested as <c>Outer/Inner</c>).</summary>
    public bool TryGetType(string fullName, out TypeDefinitionHandle handle) => _types.Value.TryGetValue(fullName, out handle);

    /// <summary>The assembly this one forwards <paramref name="fullName"/> to (a type moved between assemblies), if any.</summary>
    public string? ForwardedTo(string fullName)
    {
        if (!_forwarders.Value.TryGetValue(fullName, out var forwarder) || forwarder.Implementation.Kind != HandleKind.AssemblyReference)
        {
            return null;
        }

        return Reader.GetString(Reader.GetAssemblyReference((AssemblyReferenceHandle)forwarder.Implementation).Name);
    }

    /// <summary>The simple name of the assembly a type reference ultimately points into (through nesting), or null.</summary>
    public string? AssemblyOf(TypeReferenceHandle handle)
    {
        var scope = Reader.GetTypeReference(handle).ResolutionScope;
        while (scope.Kind == HandleKind.TypeReference)
        {
            scope = Reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        }

        return scope.Kind == HandleKind.AssemblyReference
            ? Reader.GetString(Reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name)
            : null;
    }

    public void Dispose() => _pe.Dispose();
}
