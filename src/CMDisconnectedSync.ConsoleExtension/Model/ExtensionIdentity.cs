namespace CMDisconnectedSync.ConsoleExtension.Model;

/// <summary>The attributes of <c>CustomExtensionManifest</c> shown in the console's Console Extensions node.</summary>
public sealed record ExtensionIdentity(string ExtensionId, string Name, string Description, string Version, string Author);
