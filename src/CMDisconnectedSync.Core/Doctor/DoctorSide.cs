namespace CMDisconnectedSync.Doctor;

/// <summary>Which end of the transfer the checked server is: some expectations differ (sync source, replica).</summary>
public enum DoctorSide
{
    /// <summary>The internet-facing server that exports (synchronizes from Microsoft Update or an upstream server).</summary>
    Export,

    /// <summary>The disconnected server that imports (sync source "do not synchronize", not a WSUS replica).</summary>
    Import,
}
