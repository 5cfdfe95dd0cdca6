using System.Reflection;

namespace CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

/// <summary>Accessibility tests shared by the SDK resolver: what code outside the SDK may call.</summary>
internal static class MetadataAccess
{
    public static bool IsVisible(TypeAttributes attributes) => (attributes & TypeAttributes.VisibilityMask) switch
    {
        TypeAttributes.Public or TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem => true,
        _ => false,
    };

    public static bool IsVisible(MethodAttributes attributes) => (attributes & MethodAttributes.MemberAccessMask) is
        MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem;

    public static bool IsVisible(FieldAttributes attributes) => (attributes & FieldAttributes.FieldAccessMask) is
        FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem;
}
