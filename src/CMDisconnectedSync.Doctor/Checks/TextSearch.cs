namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>Case-insensitive substring search on both targets (net48 has no <c>string.Contains(string, StringComparison)</c>).</summary>
internal static class TextSearch
{
    public static bool ContainsIgnoringCase(string? text, string value) =>
#if NETFRAMEWORK
        text is not null && text.IndexOf(value, StringComparison.OrdinalIgnoreCase) >= 0;
#else
        text is not null && text.Contains(value, StringComparison.OrdinalIgnoreCase);
#endif
}
