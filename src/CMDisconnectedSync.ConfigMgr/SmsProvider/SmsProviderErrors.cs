using System.Runtime.InteropServices;
using Microsoft.ConfigurationManagement.ManagementProvider;

namespace CMDisconnectedSync.ConfigMgr.SmsProvider;

/// <summary>
/// Turns what the SMS Provider SDK, WMI and DCOM throw into a <see cref="ConfigMgrException"/> that names the server,
/// the operation and the fix (design.md §5). HRESULTs are the documented WMI/Win32 ones (WbemErrorEnum, winerror.h).
/// </summary>
/// <remarks>
/// The real SDK wraps a WMI failure in its own SmsQueryException around System.Management's ManagementException, whose
/// WBEM status is in <c>ManagementException.ErrorCode</c> (its HResult is never set, dotnet/runtime
/// ManagementException.cs), so the code is read from there; the message text, localized by Windows, is only a last
/// resort. The SDK also wraps an InvalidCastException (a value of an unexpected type) in SmsConnectionException: that
/// is not an unreachable provider.
/// </remarks>
internal static class SmsProviderErrors
{
    private const int EAccessDenied = unchecked((int)0x80070005);
    private const int WbemAccessDenied = unchecked((int)0x80041003);
    private const int WbemQuotaViolation = unchecked((int)0x8004106C);
    private const int WbemInvalidNamespace = unchecked((int)0x8004100E);
    private const int RpcServerUnavailable = unchecked((int)0x800706BA);
    private const int RpcCallFailed = unchecked((int)0x800706BE);
    private const int BadNetworkPath = unchecked((int)0x80070035);

    private const string ManagementExceptionType = "System.Management.ManagementException";

    /// <summary>True for the exceptions that come from the provider connection rather than from a bug of ours.</summary>
    public static bool IsProviderError(Exception exception) =>
        exception is SmsException or UnauthorizedAccessException or COMException or UnexpectedProviderValueException
        || exception.GetType().FullName == ManagementExceptionType;

    public static ConfigMgrException Translate(Exception exception, string server, string operation)
    {
        _ = exception ?? throw new ArgumentNullException(nameof(exception));
        var chain = Chain(exception).ToList();
        var detail = string.Join(" / ", chain.Select(e => e.Message).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct());

        if (chain.Any(e => e is UnauthorizedAccessException || Code(e) is EAccessDenied or WbemAccessDenied
                || Mentions(e, "Access denied")))
        {
            return new ConfigMgrException(ConfigMgrFailure.AccessDenied,
                $"The SMS Provider on {server} denied access while {operation} ({detail}). The account "
                + $"{Environment.UserDomainName}\\{Environment.UserName} needs a ConfigMgr security role for this site: "
                + "'Software Update Manager' (or higher) to run a synchronization and read its status; changing subscribed "
                + "products and classifications changes the software update point component, which needs a role with Modify "
                + "on the Site (e.g. 'Full Administrator' or 'Infrastructure Administrator'). Ask a ConfigMgr administrator "
                + "to add it under Administration > Security > Administrative Users. Remote WMI access also needs membership "
                + "in the 'SMS Admins' group on the SMS Provider server.", exception);
        }

        if (chain.Any(e => Code(e) == WbemQuotaViolation
                || Mentions(e, "Quota violation")))
        {
            return new ConfigMgrException(ConfigMgrFailure.ProviderQuotaExceeded,
                $"The SMS Provider on {server} hit a WMI quota while {operation} ({detail}): the WMI provider host ran out of its "
                + "memory or handle quota, usually from many open console sessions or large queries. Close idle ConfigMgr "
                + "console sessions and retry; if it repeats, restart the 'Windows Management Instrumentation' service on "
                + $"{server} or raise MemoryPerHost/HandlesPerHost in __ProviderHostQuotaConfiguration (root namespace).", exception);
        }

        if (chain.Any(e => e is InvalidCastException))
        {
            return new ConfigMgrException(ConfigMgrFailure.OperationFailed,
                $"The SMS Provider on {server} returned a value of an unexpected type while {operation} ({detail}). This "
                + "version of CMDisconnectedSync may not match the site's version: run 'cmdsync doctor' and send its report "
                + "with smsprov.log from the site server's Logs folder.", exception);
        }

        if (chain.Any(e => e is SmsConnectionException || Code(e) is RpcServerUnavailable or RpcCallFailed or BadNetworkPath or WbemInvalidNamespace))
        {
            return new ConfigMgrException(ConfigMgrFailure.ProviderUnreachable,
                $"Cannot reach the SMS Provider on {server} while {operation} ({detail}). Check that the name is right (the SMS "
                + "Provider usually runs on the site server; name another with --site-server), that the server is on, and that "
                + "WMI/DCOM (TCP 135 and the dynamic RPC ports) is allowed through the firewalls between here and there.", exception);
        }

        return new ConfigMgrException(ConfigMgrFailure.OperationFailed,
            $"The SMS Provider on {server} failed while {operation}: {detail}. The SMS Provider's own log is smsprov.log in the "
            + "site server's Logs folder.", exception);
    }

    /// <summary>The WBEM status of a ManagementException (read by name: System.Management is not referenced), else the HResult.</summary>
    private static int Code(Exception exception) =>
        exception.GetType().FullName == ManagementExceptionType
        && exception.GetType().GetProperty("ErrorCode")?.GetValue(exception) is { } status
            ? Convert.ToInt32(status, System.Globalization.CultureInfo.InvariantCulture)
            : exception.HResult;

    private static bool Mentions(Exception exception, string text) =>
#if NETFRAMEWORK
        exception.Message.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0;
#else
        exception.Message.Contains(text, StringComparison.OrdinalIgnoreCase);
#endif

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
