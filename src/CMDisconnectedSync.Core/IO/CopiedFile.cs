namespace CMDisconnectedSync.IO;

/// <summary>A file that is in place under its final name, with the length and SHA-256 of the bytes written.</summary>
public sealed record CopiedFile(string Path, long Length, string Sha256);
