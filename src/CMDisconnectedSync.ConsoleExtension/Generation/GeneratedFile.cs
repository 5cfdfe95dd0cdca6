namespace CMDisconnectedSync.ConsoleExtension.Generation;

/// <summary>A file we produce: its path relative to an output root ('/' separators) and its exact bytes.</summary>
public sealed record GeneratedFile(string RelativePath, byte[] Content);
