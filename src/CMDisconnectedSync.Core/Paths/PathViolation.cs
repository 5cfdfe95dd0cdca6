namespace CMDisconnectedSync.Paths;

/// <summary>One rejected entry: which path, which rule, and a sentence an admin can act on.</summary>
public sealed record PathViolation(string Entry, PathRule Rule, string Detail)
{
    public override string ToString() => $"'{Entry}' is rejected by the path-safety rule {Rule}: {Detail}";

    public UnsafePathException ToException() => new(Entry, Rule, Detail);
}
