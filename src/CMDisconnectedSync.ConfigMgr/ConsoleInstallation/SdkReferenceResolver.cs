using System.Reflection.Metadata;

namespace CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

/// <summary>
/// Resolves the SDK type and member references of one adapter assembly against the SDK assemblies of one folder, the
/// way the runtime binds them (see <see cref="SdkBindingReader"/>).
/// </summary>
internal sealed class SdkReferenceResolver(MetadataFile adapter, SdkAssemblyFolder sdk, IEnumerable<string> sdkAssemblyNames)
{
    private const string Constructor = ".ctor";
    private const string TypeInitializer = ".cctor";

    /// <summary>What System.Object declares: the only names a type deriving straight from object can inherit.</summary>
    private static readonly HashSet<string> ObjectMembers =
        new(StringComparer.Ordinal) { "ToString", "Equals", "GetHashCode", "GetType", "Finalize", "MemberwiseClone" };

    private readonly HashSet<string> _sdkAssemblies = new(sdkAssemblyNames, StringComparer.OrdinalIgnoreCase);

    private static MetadataSignatureText Text => MetadataSignatureText.Instance;

    private MetadataReader Adapter => adapter.Reader;

    /// <summary>Every type reference into the SDK, then every member reference whose parent is an SDK type.</summary>
    public IReadOnlyList<SdkReferenceBinding> ResolveAll()
    {
        var bindings = new List<SdkReferenceBinding>();
        foreach (var handle in Adapter.TypeReferences)
        {
            if (SdkAssemblyOf(adapter, handle) is { } assembly)
            {
                bindings.Add(ResolveType(assembly, MetadataSignatureText.TypeName(Adapter, handle)));
            }
        }

        foreach (var handle in Adapter.MemberReferences)
        {
            var member = Adapter.GetMemberReference(handle);
            if (SdkParent(member.Parent) is { } parent)
            {
                bindings.Add(ResolveMember(parent.Assembly, parent.TypeName, member));
            }
        }

        return bindings;
    }

    private string? SdkAssemblyOf(MetadataFile file, TypeReferenceHandle handle) =>
        file.AssemblyOf(handle) is { } name && _sdkAssemblies.Contains(name) ? name : null;

    /// <summary>The SDK type a member reference hangs on: a type reference, or the generic type of an instantiation.</summary>
    private (string Assembly, string TypeName)? SdkParent(EntityHandle parent)
    {
        var type = parent.Kind switch
        {
            HandleKind.TypeReference => (TypeReferenceHandle)parent,
            HandleKind.TypeSpecification => GenericTypeOf(Adapter, (TypeSpecificationHandle)parent) is { Kind: HandleKind.TypeReference } generic
                ? (TypeReferenceHandle)generic
                : default,
            _ => default,
        };
        return !type.IsNil && SdkAssemblyOf(adapter, type) is { } assembly ? (assembly, MetadataSignatureText.TypeName(Adapter, type)) : null;
    }

    private SdkReferenceBinding ResolveType(string assembly, string typeName)
    {
        const string needed = "public type";
        if (sdk.FindType(assembly, typeName, out var problem) is not { } found)
        {
            return new SdkReferenceBinding(assembly, typeName, needed, SdkReferenceOutcome.Missing, problem);
        }

        var where = Path.GetFileName(found.File.Path);
        return MetadataAccess.IsVisible(found.File.Reader.GetTypeDefinition(found.Type).Attributes)
            ? new SdkReferenceBinding(assembly, typeName, needed, SdkReferenceOutcome.Present, $"in {where}")
            : new SdkReferenceBinding(assembly, typeName, needed, SdkReferenceOutcome.Differs, $"not public in {where}");
    }

    private SdkReferenceBinding ResolveMember(string assembly, string typeName, MemberReference member)
    {
        var name = Adapter.GetString(member.Name);
        var isField = member.GetKind() == MemberReferenceKind.Field;
        var needed = isField
            ? MetadataSignatureText.Field(name, member.DecodeFieldSignature(Text, null))
            : MetadataSignatureText.Method(name, member.DecodeMethodSignature(Text, null));
        SdkReferenceBinding Result(SdkReferenceOutcome outcome, string found) => new(assembly, typeName + "::" + name, needed, outcome, found);

        if (sdk.FindType(assembly, typeName, out var problem) is not { } declaring)
        {
            return Result(SdkReferenceOutcome.Missing, problem);
        }

        var othersUnderThatName = new List<string>();
        (MetadataFile File, TypeDefinitionHandle Type)? current = declaring;
        string? baseOutsideFolder = null;
        while (current is { } type)
        {
            var reader = type.File.Reader;
            var definition = reader.GetTypeDefinition(type.Type);
            var currentName = MetadataSignatureText.TypeName(reader, type.Type);
            foreach (var (text, visible) in MembersNamed(reader, definition, name, isField))
            {
                if (visible && string.Equals(text, needed, StringComparison.Ordinal))
                {
                    return Result(SdkReferenceOutcome.Present, (current == declaring ? "on " : "inherited from ") + currentName);
                }

                othersUnderThatName.Add($"{text}{(visible ? string.Empty : " (not public)")} on {currentName}");
            }

            // Constructors are not inherited: the runtime looks for them on the referenced type only.
            if (name is Constructor or TypeInitializer)
            {
                break;
            }

            current = BaseOf(type.File, definition, out baseOutsideFolder);
        }

        if (baseOutsideFolder is not null && (baseOutsideFolder != "System.Object" || ObjectMembers.Contains(name)))
        {
            return Result(SdkReferenceOutcome.LeftToFrameworkBase,
                $"not declared on {typeName} or its SDK base types; the runtime looks in their base {baseOutsideFolder}, which this check does not read"
                + (othersUnderThatName.Count > 0 ? $" (the SDK has {string.Join("; ", othersUnderThatName)})" : string.Empty));
        }

        return othersUnderThatName.Count > 0
            ? Result(SdkReferenceOutcome.Differs, "the SDK has " + string.Join("; ", othersUnderThatName))
            : Result(SdkReferenceOutcome.Missing, $"no {(isField ? "field" : "method")} named {name} on {typeName}"
                + (name is Constructor or TypeInitializer ? string.Empty : " or its SDK base types"));
    }

    private static IEnumerable<(string Text, bool Visible)> MembersNamed(MetadataReader reader, TypeDefinition type, string name, bool isField)
    {
        if (isField)
        {
            foreach (var handle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(handle);
                if (reader.StringComparer.Equals(field.Name, name))
                {
                    yield return (MetadataSignatureText.Field(name, field.DecodeSignature(Text, null)), MetadataAccess.IsVisible(field.Attributes));
                }
            }

            yield break;
        }

        foreach (var handle in type.GetMethods())
        {
            var method = reader.GetMethodDefinition(handle);
            if (reader.StringComparer.Equals(method.Name, name))
            {
                yield return (MetadataSignatureText.Method(name, method.DecodeSignature(Text, null)), MetadataAccess.IsVisible(method.Attributes));
            }
        }
    }

    /// <summary>
    /// The base type of <paramref name="type"/> when it is defined in the folder (this SDK assembly, the other one, or
    /// another console DLL beside them); otherwise null, with <paramref name="outsideFolder"/> naming a base that lives
    /// elsewhere (a .NET type) or null when there is no base type at all (an interface, System.Object).
    /// </summary>
    private (MetadataFile File, TypeDefinitionHandle Type)? BaseOf(MetadataFile file, TypeDefinition type, out string? outsideFolder)
    {
        outsideFolder = null;
        var baseType = type.BaseType;
        if (baseType.IsNil)
        {
            // An interface or System.Object itself. (A nil base keeps the TypeDefinition kind: test IsNil, not Kind.)
            return null;
        }

        if (baseType.Kind == HandleKind.TypeSpecification)
        {
            outsideFolder = file.Reader.GetTypeSpecification((TypeSpecificationHandle)baseType).DecodeSignature(Text, null);
            baseType = GenericTypeOf(file.Reader, (TypeSpecificationHandle)baseType);
        }

        switch (baseType.IsNil ? HandleKind.ModuleDefinition : baseType.Kind)
        {
            case HandleKind.TypeDefinition:
                outsideFolder = null;
                return (file, (TypeDefinitionHandle)baseType);
            case HandleKind.TypeReference:
                var reference = (TypeReferenceHandle)baseType;
                var baseName = MetadataSignatureText.TypeName(file.Reader, reference);
                if (file.AssemblyOf(reference) is { } assembly && sdk.FindType(assembly, baseName, out _) is { } inFolder)
                {
                    outsideFolder = null;
                    return inFolder;
                }

                outsideFolder ??= baseName;
                return null;
            default:
                return null;
        }
    }

    /// <summary>The generic type of a <c>GENERICINST</c> type specification (ECMA-335 §II.23.2.12), or a nil handle.</summary>
    private static EntityHandle GenericTypeOf(MetadataReader reader, TypeSpecificationHandle handle)
    {
        var blob = reader.GetBlobReader(reader.GetTypeSpecification(handle).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
        {
            return default;
        }

        _ = blob.ReadSignatureTypeCode(); // CLASS or VALUETYPE
        return blob.ReadTypeHandle();
    }
}
