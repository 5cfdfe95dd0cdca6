namespace CMDisconnectedSync.Signing;

/// <summary>
/// Who signed: the certificate subject and its thumbprint (SHA-1 of the certificate, uppercase hex, the form the
/// Windows certificate manager and <c>Get-ChildItem Cert:\</c> show).
/// </summary>
public sealed record SignerIdentity(string Subject, string Thumbprint)
{
    public override string ToString() => $"{Subject} ({Thumbprint})";
}
