using CMDisconnectedSync.DeploymentContent;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// Reads a few <c>SMS_CIContentFiles.FileHash</c> values from the SMS Provider and checks their form: the SMS Provider's
/// <c>SHA1:&lt;40 hex&gt;</c> (what <see cref="MicrosoftFileDigest"/> assumes first), or at least a form it reads.
/// </summary>
/// <param name="readFileHashes">
/// Returns up to a few FileHash values from the site (server or null for the console's last connection); the doctor
/// uses <see cref="SiteContentFileHashes.From"/>. Null: no reader (the row then shows the query to run by hand).
/// </param>
/// <param name="siteServer">The SMS Provider server, or null.</param>
public sealed class ContentFileHashFormCheck(Func<string?, CancellationToken, Task<IReadOnlyList<string>>>? readFileHashes, string? siteServer) : IDoctorCheck
{
    public string Name => "SMS_CIContentFiles.FileHash form";

    public FieldFact PrimaryFact => FieldFacts.ContentFileHashForm;

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken)
    {
        if (readFileHashes is null)
        {
            return [FieldFacts.ContentFileHashForm.NotApplicable(
                "This build reads no SMS_CIContentFiles rows. By hand on the site server: Get-CimInstance -Namespace root\\sms\\site_<code> "
                + "-Query 'SELECT FileHash FROM SMS_CIContentFiles' | Select-Object -First 3, and send us the values.")];
        }

        IReadOnlyList<string> hashes;
        try
        {
            hashes = await readFileHashes(siteServer, cancellationToken).ConfigureAwait(false);
        }
        catch (UnauthorizedAccessException ex)
        {
            return [FieldFacts.ContentFileHashForm.AccessDenied(ex.Message)];
        }
        catch (ConfigMgr.ConfigMgrException ex)
        {
            return [FieldFacts.ContentFileHashForm.NotApplicable($"Needs the SMS Provider connection, which failed (see {FieldFacts.ProviderReachable.Id}): {ex.Message}")];
        }

        if (hashes.Count == 0)
        {
            return [FieldFacts.ContentFileHashForm.NotApplicable("The site has no SMS_CIContentFiles rows yet (no software update metadata synchronized).")];
        }

        var found = string.Join(", ", hashes.Take(3));
        var unreadable = hashes.Where(h => !MicrosoftFileDigest.TryParse(h, out _)).ToList();
        if (unreadable.Count > 0)
        {
            return [FieldFacts.ContentFileHashForm.Differs(found,
                $"cmdsync cannot read {unreadable.Count} of {hashes.Count} values (e.g. '{unreadable[0]}'): content requests would stop with exit code 79. Send us this report.")];
        }

        return hashes.All(IsSmsProviderForm)
            ? [FieldFacts.ContentFileHashForm.Confirmed(found)]
            : [FieldFacts.ContentFileHashForm.Differs(found,
                "cmdsync reads these values, but not in the SHA1:<hex> form the SMS Provider logs; send us this report so the assumption can be corrected.")];
    }

    private static bool IsSmsProviderForm(string hash) =>
        hash.StartsWith("SHA1:", StringComparison.Ordinal) && hash.Length == 45 && MicrosoftFileDigest.TryParse(hash, out _);
}
