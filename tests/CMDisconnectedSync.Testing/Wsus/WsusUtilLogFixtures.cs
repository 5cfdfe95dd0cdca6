using System.Text;

namespace CMDisconnectedSync.Testing.Wsus;

/// <summary>
/// wsusutil logs in the real format, for parser and replay tests (the lab wsusutil's <c>replay-log:&lt;path&gt;</c> cue).
/// <para>
/// Source: no public real wsusutil import/export log was found (searched the code, pages and issues corpora for
/// ImportLog, ExportLog, UpdateInserted, ImportExportHandler). These fixtures are built from the writer itself:
/// <c>Microsoft.UpdateServices.BaseApi.dll</c>, assembly 4.0.0.0, file version 10.0.10011.16384, public copy at
/// github.com/Yevrag35/UpdateManagement, <c>MG.UpdateManagement/Assemblies/Microsoft.UpdateServices.BaseApi.dll</c>
/// (commit 1dcde14766554c98d99a9a3da3b1599413ee511f), decompiled with ILSpy 9.1: <c>ImportLogCallback</c> and
/// <c>ImportExportHandler.ExportUpdates</c>/<c>WriteMetadataToPackage</c>. Exactly as there: <c>new
/// XmlTextWriter(path, Encoding.UTF8)</c> (UTF-8 with BOM), <c>WriteStartDocument()</c>, root <c>ImportLog</c> /
/// <c>ExportLog</c> with <c>Time</c> = <c>DateTime.UtcNow.ToString("s") + "Z"</c>; <c>UpdateInserted</c> with
/// <c>UpdateId</c>, <c>RevisionNumber</c> and, for an update already present, <c>ExistingUpdate="True"</c>
/// (<c>bool.ToString()</c>); <c>Update</c> with <c>UpdateId</c>, <c>RevisionNumber</c>, <c>Title</c> (or the DLL's
/// literal <c>** Title not available **</c>) and <c>Files/File Path</c>; <c>ImportError</c>/<c>ExportError</c> with
/// <c>Message</c> = the exception's message. No indentation: the whole log is one line; empty elements end in
/// <c>" /&gt;"</c> as <c>XmlTextWriter</c> writes them.
/// </para>
/// <para>
/// Values: the update title "Update For Windows Error Reporting" is Microsoft's title of KB821253
/// (support.microsoft.com/?kbid=821253, quoted with that title in public unattended-install scripts); "Error creating
/// package cab from package files" is a literal message thrown by <c>ImportExportHandler.ExportUpdates</c>; the import
/// error is the standard SqlClient timeout message. UpdateId GUIDs, revision numbers and file paths are illustrative.
/// </para>
/// </summary>
public static class WsusUtilLogFixtures
{
    public const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    public const string SqlTimeoutMessage =
        "Timeout expired.  The timeout period elapsed prior to completion of the operation or the server is not responding.";

    public const string CabErrorMessage = "Error creating package cab from package files";

    public const string ErrorReportingTitle = "Update For Windows Error Reporting";

    /// <summary>An import that inserted two updates (one already present) and then failed.</summary>
    public const string ImportWithError = Declaration
        + "<ImportLog Time=\"2026-11-25T10:00:00Z\">"
        + "<UpdateInserted UpdateId=\"0f3412f2-3405-4d86-a7ff-0ede802227a8\" RevisionNumber=\"201\" />"
        + "<UpdateInserted UpdateId=\"e1c1e2f0-7c8b-4f4e-9e0e-5f2b0c7d3a41\" RevisionNumber=\"104\" ExistingUpdate=\"True\" />"
        + "<ImportError Message=\"" + SqlTimeoutMessage + "\" />"
        + "</ImportLog>";

    /// <summary>A clean import of three updates, one already present.</summary>
    public const string ImportClean = Declaration
        + "<ImportLog Time=\"2026-11-25T10:00:00Z\">"
        + "<UpdateInserted UpdateId=\"0f3412f2-3405-4d86-a7ff-0ede802227a8\" RevisionNumber=\"201\" />"
        + "<UpdateInserted UpdateId=\"e1c1e2f0-7c8b-4f4e-9e0e-5f2b0c7d3a41\" RevisionNumber=\"104\" ExistingUpdate=\"True\" />"
        + "<UpdateInserted UpdateId=\"9b2c6a57-3d0e-4c1a-8f7e-2a6d4b1c0e93\" RevisionNumber=\"100\" />"
        + "</ImportLog>";

    /// <summary>A good export whose catalogue has titles with the words "Error" and "Failure" in them.</summary>
    public const string ExportWithErrorWordsInTitles = Declaration
        + "<ExportLog Time=\"2026-11-25T09:00:00Z\">"
        + "<Update UpdateId=\"0f3412f2-3405-4d86-a7ff-0ede802227a8\" RevisionNumber=\"201\" Title=\"" + ErrorReportingTitle + "\">"
        + "<Files><File Path=\"/Content/A8/5E31A2B4C6D8E0F1A3B5C7D9E1F3A5B7C9D1E3A8.exe\" /></Files></Update>"
        + "<Update UpdateId=\"9b2c6a57-3d0e-4c1a-8f7e-2a6d4b1c0e93\" RevisionNumber=\"100\" Title=\"** Title not available **\"><Files /></Update>"
        + "</ExportLog>";

    /// <summary>An export that listed one update and then failed.</summary>
    public const string ExportWithError = Declaration
        + "<ExportLog Time=\"2026-11-25T09:00:00Z\">"
        + "<Update UpdateId=\"0f3412f2-3405-4d86-a7ff-0ede802227a8\" RevisionNumber=\"201\" Title=\"" + ErrorReportingTitle + "\">"
        + "<Files><File Path=\"/Content/A8/5E31A2B4C6D8E0F1A3B5C7D9E1F3A5B7C9D1E3A8.exe\" /></Files></Update>"
        + "<ExportError Message=\"" + CabErrorMessage + "\" />"
        + "</ExportLog>";

    /// <summary>Writes <paramref name="log"/> as <c>XmlTextWriter(path, Encoding.UTF8)</c> does: UTF-8 with a byte order mark.</summary>
    public static string Write(string path, string log)
    {
        File.WriteAllText(path, log, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }
}
