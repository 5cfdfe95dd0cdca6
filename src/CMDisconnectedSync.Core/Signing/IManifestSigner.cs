namespace CMDisconnectedSync.Signing;

/// <summary>Produces the detached signature (<c>manifest.json.p7s</c>) over the exact manifest bytes.</summary>
public interface IManifestSigner
{
    SignerIdentity Identity { get; }

    byte[] Sign(byte[] content);
}
