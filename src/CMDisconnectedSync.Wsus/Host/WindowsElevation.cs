using System.Runtime.Versioning;
using System.Security.Principal;
using CMDisconnectedSync.Host;

namespace CMDisconnectedSync.Wsus.Host;

/// <summary>
/// Elevated local Administrator check with <see cref="WindowsPrincipal"/>. Under UAC an administrator's unelevated
/// token carries the Administrators SID as deny-only, so <c>IsInRole(Administrator)</c> is true only when elevated.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsElevation : IElevation
{
    public bool IsElevatedAdministrator()
    {
        using var identity = WindowsIdentity.GetCurrent();
        return new WindowsPrincipal(identity).IsInRole(WindowsBuiltInRole.Administrator);
    }
}
