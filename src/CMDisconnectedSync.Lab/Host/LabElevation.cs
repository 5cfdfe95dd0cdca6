using CMDisconnectedSync.Host;

namespace CMDisconnectedSync.Lab.Host;

/// <summary>
/// <see cref="IElevation"/> for the lab: the lab servers are folders the current user owns, so the lab counts as
/// elevated unless told otherwise (to show the preflight failure a real unelevated run gets).
/// </summary>
public sealed class LabElevation(bool isElevatedAdministrator = true) : IElevation
{
    public bool IsElevatedAdministrator() => isElevatedAdministrator;
}
