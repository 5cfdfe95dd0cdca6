using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// The WSUS settings that must match between export and import server (languages, express files) and replica mode,
/// read through the WSUS admin API (<see cref="IWsusServer.GetStatusAsync"/>; a read-only query).
/// </summary>
public sealed class WsusSettingsCheck(IWsusServer wsus, DoctorSide side) : IDoctorCheck
{
    public string Name => "WSUS languages, express files and replica mode";

    public FieldFact PrimaryFact => FieldFacts.WsusLanguages;

    private static readonly FieldFact[] Facts = [FieldFacts.WsusLanguages, FieldFacts.WsusExpressFiles, FieldFacts.WsusReplica];

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken)
    {
        var lookup = wsus.LocateInstallation();
        if (!lookup.IsInstalled)
        {
            return Facts.Select(f => f.NotApplicable(lookup.Problem)).ToList();
        }

        WsusStatus status;
        try
        {
            status = await wsus.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (WsusQueryException ex) when (IsAccessDenied(ex))
        {
            return Facts.Select(f => f.AccessDenied(ex.Message)).ToList();
        }
        catch (WsusQueryException ex)
        {
            return Facts.Select(f => f.Missing("(WSUS admin API did not answer)", ex.Message)).ToList();
        }

        var settings = status.Settings;
        return
        [
            FieldFacts.WsusLanguages.Confirmed(settings.DescribeLanguages(),
                "Compare with the other server's doctor report: the import refuses a bundle whose languages differ."),
            FieldFacts.WsusExpressFiles.Confirmed(settings.ExpressFiles ? "on" : "off",
                "Compare with the other server's doctor report: the import refuses a bundle whose express setting differs."),
            ReplicaFinding(settings.IsReplica),
        ];
    }

    private DoctorFinding ReplicaFinding(bool isReplica)
    {
        var found = isReplica ? "replica" : "not a replica";
        if (side == DoctorSide.Export)
        {
            return FieldFacts.WsusReplica.Finding(CheckStatus.NotApplicable, found, "Only the import server must not be a replica.");
        }

        return isReplica
            ? FieldFacts.WsusReplica.Differs(found,
                "A replica takes its updates and approvals from its upstream server and cannot import. In the WSUS console: Options > "
                + "Update Source and Proxy Server: clear 'This is a replica of the upstream server' (on a SUP, the ConfigMgr sync source decides).")
            : FieldFacts.WsusReplica.Confirmed(found);
    }

    private static bool IsAccessDenied(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is UnauthorizedAccessException || TextSearch.ContainsIgnoringCase(current.Message, "access is denied"))
            {
                return true;
            }
        }

        return false;
    }
}
