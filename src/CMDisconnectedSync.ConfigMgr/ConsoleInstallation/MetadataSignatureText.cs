using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;

namespace CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

/// <summary>
/// Writes metadata type names and member signatures as text (C# keywords for primitives, <c>Namespace.Type</c>, nested
/// types as <c>Outer/Inner</c>, generic parameters as <c>!0</c>/<c>!!0</c>, custom modifiers kept), so a member
/// reference of our adapter and a member definition of the SDK compare equal exactly when the runtime would bind one to
/// the other. Types compare by full name, not by the assembly that declares them: the SDK references mscorlib, our
/// net10 build System.Runtime, and .NET forwards one to the other.
/// </summary>
internal sealed class MetadataSignatureText : ISignatureTypeProvider<string, object?>
{
    public static MetadataSignatureText Instance { get; } = new();

    public static string TypeName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil
            ? Qualified(reader.GetString(type.Namespace), reader.GetString(type.Name))
            : TypeName(reader, declaring) + "/" + reader.GetString(type.Name);
    }

    public static string TypeName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? TypeName(reader, (TypeReferenceHandle)type.ResolutionScope) + "/" + reader.GetString(type.Name)
            : Qualified(reader.GetString(type.Namespace), reader.GetString(type.Name));
    }

    public static string TypeName(MetadataReader reader, ExportedType type) =>
        Qualified(reader.GetString(type.Namespace), reader.GetString(type.Name));

    /// <summary>E.g. <c>instance object get_ObjectValue()</c> or <c>static void Run&lt;1&gt;(string)</c>.</summary>
    public static string Method(string name, MethodSignature<string> signature) =>
        (signature.Header.IsInstance ? "instance " : "static ")
        + signature.ReturnType + " " + name
        + (signature.GenericParameterCount > 0 ? $"<{signature.GenericParameterCount}>" : string.Empty)
        + "(" + string.Join(", ", signature.ParameterTypes) + ")";

    /// <summary>E.g. <c>field string Name</c> (a field signature does not say static; the IL instruction does).</summary>
    public static string Field(string name, string fieldType) => $"field {fieldType} {name}";

    public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

    public string GetByReferenceType(string elementType) => elementType + "&";

    public string GetFunctionPointerType(MethodSignature<string> signature) => "method " + Method(string.Empty, signature);

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
        genericType + "<" + string.Join(", ", typeArguments) + ">";

    public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) =>
        $"{unmodifiedType} {(isRequired ? "modreq" : "modopt")}({modifier})";

    public string GetPinnedType(string elementType) => elementType + " pinned";

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.Boolean => "bool",
        PrimitiveTypeCode.Byte => "byte",
        PrimitiveTypeCode.Char => "char",
        PrimitiveTypeCode.Double => "double",
        PrimitiveTypeCode.Int16 => "short",
        PrimitiveTypeCode.Int32 => "int",
        PrimitiveTypeCode.Int64 => "long",
        PrimitiveTypeCode.IntPtr => "nint",
        PrimitiveTypeCode.Object => "object",
        PrimitiveTypeCode.SByte => "sbyte",
        PrimitiveTypeCode.Single => "float",
        PrimitiveTypeCode.String => "string",
        PrimitiveTypeCode.TypedReference => "typedref",
        PrimitiveTypeCode.UInt16 => "ushort",
        PrimitiveTypeCode.UInt32 => "uint",
        PrimitiveTypeCode.UInt64 => "ulong",
        PrimitiveTypeCode.UIntPtr => "nuint",
        PrimitiveTypeCode.Void => "void",
        _ => typeCode.ToString(),
    };

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => TypeName(reader, handle);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => TypeName(reader, handle);

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
}
