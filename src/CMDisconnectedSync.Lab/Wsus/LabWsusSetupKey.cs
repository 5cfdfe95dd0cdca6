using CMDisconnectedSync.Wsus;
using CMDisconnectedSync.Wsus.Registry;

namespace CMDisconnectedSync.Lab.Wsus;

/// <summary>
/// The WSUS setup registry key (<see cref="WsusSetupRegistry.SetupKeyPath"/>) a lab server would have, derived from
/// its folder: <c>ContentDir</c> is the server folder (content in its <c>WsusContent</c>), <c>TargetDir</c> the
/// folder of the lab wsusutil, <c>SqlServerName</c> the lab's file "database". Every other key is absent. Lets the
/// doctor's registry check read a lab server the way it reads a real one.
/// </summary>
public sealed class LabWsusSetupKey(LabWsusServerFolder server, string wsusUtilPath) : IRegistryReader
{
    public IReadOnlyDictionary<string, object>? ReadLocalMachineKey(string subKeyPath) =>
        string.Equals(subKeyPath, WsusSetupRegistry.SetupKeyPath, StringComparison.OrdinalIgnoreCase)
            ? new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase)
            {
                [WsusSetupRegistry.ContentDirValue] = server.Root,
                [WsusSetupRegistry.TargetDirValue] = Path.GetDirectoryName(Path.GetFullPath(wsusUtilPath))!,
                [WsusSetupRegistry.SqlServerNameValue] = LabWsusServer.DatabaseServerName,
                [WsusSetupRegistry.PortNumberValue] = WsusSetupRegistry.DefaultPortNumber,
            }
            : null;
}
