namespace CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

/// <summary>How one SDK type or member our adapter references resolves in a console's SDK assemblies.</summary>
public enum SdkReferenceOutcome
{
    /// <summary>Declared by the SDK with the name, static-ness and signature we compiled against.</summary>
    Present,

    /// <summary>
    /// Not declared on the SDK type or its SDK base types, which derive from a .NET type (e.g. SmsNamedValuesDictionary
    /// from Dictionary): the runtime looks it up there; .NET Framework members are not checked.
    /// </summary>
    LeftToFrameworkBase,

    /// <summary>No type, or no member of that name, in the SDK: the runtime throws TypeLoadException / MissingMethodException.</summary>
    Missing,

    /// <summary>A member of that name exists but with another signature, static-ness or accessibility: MissingMethodException.</summary>
    Differs,
}

/// <summary>One SDK type or member reference of our adapter assembly and how it resolved.</summary>
/// <param name="Assembly">The SDK assembly the reference points into, e.g. <c>AdminUI.WqlQueryEngine</c>.</param>
/// <param name="Reference">
/// The type (<c>Namespace.Type</c>, nested types as <c>Outer/Inner</c>) or member (<c>Namespace.Type::Name</c>, property
/// accessors as <c>get_Name</c>/<c>set_Name</c>, constructors as <c>.ctor</c>).
/// </param>
/// <param name="Needed">What our adapter needs, e.g. <c>type</c> or <c>instance object get_ObjectValue()</c>.</param>
/// <param name="Outcome">How it resolved.</param>
/// <param name="Found">What the SDK has: where it was found, or what it has under that name instead, or why nothing.</param>
public sealed record SdkReferenceBinding(string Assembly, string Reference, string Needed, SdkReferenceOutcome Outcome, string Found)
{
    /// <summary>True when the runtime will bind this reference (present, or left to a .NET base type).</summary>
    public bool Binds => Outcome is SdkReferenceOutcome.Present or SdkReferenceOutcome.LeftToFrameworkBase;
}

/// <summary>Every SDK type and member reference of an adapter assembly, resolved against the SDK DLLs in one folder.</summary>
/// <param name="AdapterAssemblyPath">The adapter assembly whose references were read.</param>
/// <param name="SdkFolder">The folder holding the SDK DLLs (a console's <c>AdminConsole\bin</c>).</param>
/// <param name="References">One entry per type reference, then per member reference, in metadata order.</param>
public sealed record SdkBindingReport(string AdapterAssemblyPath, string SdkFolder, IReadOnlyList<SdkReferenceBinding> References)
{
    /// <summary>The references the runtime will not bind (missing or different).</summary>
    public IReadOnlyList<SdkReferenceBinding> Problems => References.Where(reference => !reference.Binds).ToList();
}
