// System.Management's ManagementException carries WMI's status in ErrorCode, but it can only be built with a status
// code by WMI itself (internal constructor), and System.Management does not run off Windows. The adapter recognises it
// by its full type name and reads ErrorCode by name, so this stand-in has exactly that name and member, with the real
// enum's values for the statuses the tests use (WbemErrorEnum: WBEM_E_ACCESS_DENIED, WBEM_E_QUOTA_VIOLATION).
#pragma warning disable IDE0130 // The namespace is the point: it must be the real type's.
namespace System.Management;
#pragma warning restore IDE0130

internal enum ManagementStatus
{
    AccessDenied = unchecked((int)0x80041003),
    QuotaViolation = unchecked((int)0x8004106C),
}

#pragma warning disable CA1032, CA1064 // Shaped like the real type, which WMI alone constructs.
internal sealed class ManagementException(string message, ManagementStatus errorCode) : Exception(message)
#pragma warning restore CA1032, CA1064
{
    public ManagementStatus ErrorCode { get; } = errorCode;
}
