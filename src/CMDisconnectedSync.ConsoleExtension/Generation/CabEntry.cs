namespace CMDisconnectedSync.ConsoleExtension.Generation;

/// <summary>Which <c>…ExtensionDeployment</c> of the 2103+ manifest lists a cab file.</summary>
public enum DeploymentKind
{
    Action,
    Node,

    /// <summary>The wizard's files: listed after the action XML of the first action deployment (<see cref="ExtensionManifestWriter"/>).</summary>
    Payload,
}

/// <summary>One file of the flat cab: its name in the cab, how the manifest deploys it, and its exact bytes.</summary>
public sealed record CabEntry(string FileName, DeploymentKind Kind, string? ParentGuid, byte[] Content);
