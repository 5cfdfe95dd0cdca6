namespace CMDisconnectedSync.Harness.Fuzzing;

/// <summary>
/// One parser under fuzz: valid seed documents to mutate, how to feed it bytes, and which exception types are its
/// documented way of saying "not a valid document" (anything else is a crasher).
/// </summary>
internal sealed record FuzzTarget(string Name, IReadOnlyList<byte[]> Seeds, Action<byte[]> Parse, IReadOnlyList<Type> DocumentedExceptions)
{
    public bool IsDocumented(Exception exception) => DocumentedExceptions.Any(t => t.IsInstanceOfType(exception));
}
