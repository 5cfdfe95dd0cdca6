namespace CMDisconnectedSync.Signing;

/// <summary>The signing certificate could not be loaded; the message names the file or thumbprint and the fix.</summary>
public sealed class SigningCertificateException : Exception
{
    public SigningCertificateException()
    {
    }

    public SigningCertificateException(string message)
        : base(message)
    {
    }

    public SigningCertificateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
