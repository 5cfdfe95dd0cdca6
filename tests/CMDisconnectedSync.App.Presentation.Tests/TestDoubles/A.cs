using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

/// <summary>Builders for domain state, so tests read like an admin's scenario.</summary>
internal static class A
{
    public static SiteTarget Site(string server = "CM01.contoso.com", string? siteCode = "PS1") => new(server, siteCode, null, null);

    public static PreflightCheck Check(string name, CheckStatus status, string? fix = null) =>
        new(name, status, "Found something about " + name, fix ?? (status == CheckStatus.Pass ? string.Empty : "Fix " + name));

    public static BundleSummary BundleSummary(long sequence = 42) => new(
        "bundle-42", sequence, sequence - 1, new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero), "WSUS01.contoso.com",
        1184, 2_583_691_264L, 1100, 84, 1, "CN=Update Signing", "0123456789ABCDEF0123456789ABCDEF01234567");

    public static ExportResult ExportResult(bool whatIf = false) => new(
        @"E:\Transfer\CMDS-000043", 214, 640_679_936L, "CN=Update Signing", 43, @"C:\CMDS\logs\export-43.log", whatIf,
        whatIf ? ["wsusutil export …", "copy 214 files"] : []);

    public static ImportResult ImportResult(bool whatIf = false) => new(
        42, whatIf ? 0 : 1184, whatIf ? 0 : 12, whatIf ? 0 : 2_583_691_264L, whatIf ? null : new SupSyncState("PS1", "CM01", 6702, null, null, 0),
        @"C:\CMDS\logs\import-42.log", 2, whatIf, whatIf ? ["copy 1,184 files", "wsusutil import"] : []);

    public static TransferProgress Step(int index, int count, StepState state, string? title = null, long done = 0, long total = 0, SupSyncState? sync = null) =>
        new(index, count, "step-" + index, title ?? "Step title " + index, state, done, total, 0, 0, null, sync);

    public static UpdateCategory Product(string name, string? family, bool subscribed = false, bool allowSubscription = true) =>
        new("id:" + name, name, UpdateCategoryKind.Product, subscribed, allowSubscription, family);

    public static UpdateCategory Classification(string name, bool subscribed = false) =>
        new("id:" + name, name, UpdateCategoryKind.Classification, subscribed, true, null);

    public static SupSyncState SyncState(int stateMessageId) => new("PS1", "CM01.contoso.com", stateMessageId, null, null, 0);

    public static UpdateCategory ProductFamily(string name) => new("id:" + name, name, UpdateCategoryKind.ProductFamily, false, true, null);

    public const string Thumbprint = "3A5F0C9E4B7D21A6F8E3C0B5D9A7E1F2C4B6D8A0";

    /// <summary>The export server's certificate: self-signed, valid 2026-01-01 to 2027-01-01 (UTC).</summary>
    public static SignerCertificate Certificate(DateTimeOffset? notAfter = null) => new(
        "CN=Contoso WSUS transfer", "CN=Contoso WSUS transfer", Thumbprint,
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), notAfter ?? new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>A bundle refused only because its (valid) signer is not trusted, with the signer's certificate.</summary>
    public static BundleVerification UntrustedSignerRefusal(SignerCertificate? certificate = null) =>
        BundleVerification.Refused(CMDisconnectedSync.Bundles.VerificationFailureKind.SignerUntrusted,
            "'E:\\CMDS-000042\\manifest.json.p7s': valid signature, but CN=Contoso WSUS transfer is not a trusted signer here.")
        with { UntrustedSigner = certificate ?? Certificate() };

    /// <summary>A fixed zone one hour east of UTC, so time texts are the same in any TZ.</summary>
    public static TimeZoneInfo ZonePlusOne { get; } = TimeZoneInfo.CreateCustomTimeZone("Test+01", TimeSpan.FromHours(1), "Test+01", "Test+01");
}
