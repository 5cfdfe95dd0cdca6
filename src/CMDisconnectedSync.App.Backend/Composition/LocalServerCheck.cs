using CMDisconnectedSync.App.Backend.Operations;
using CMDisconnectedSync.Doctor.Machine;
using Serilog;

namespace CMDisconnectedSync.App.Backend.Composition;

/// <summary>
/// "Check this server" on the machine the app runs on: the doctor over this machine's adapters (the ones
/// <c>cmdsync doctor</c> uses), whichever side is chosen. Off Windows it still runs and reports WSUS and the console as
/// missing, which is the truth about such a machine.
/// </summary>
public static class LocalServerCheck
{
    public static DoctorServerCheck Create(TimeProvider clock, ILogger logger)
    {
        _ = logger ?? throw new ArgumentNullException(nameof(logger));
        return new DoctorServerCheck(_ => new CheckedServer(Environment.MachineName, LocalMachineDoctorSeams.Create(logger)), clock, logger);
    }
}
