using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;

namespace CMDisconnectedSync.Lab.WsusUtil;

/// <summary>
/// The lab's wsusutil log, in the real format and written the real way. Read from
/// <c>Microsoft.UpdateServices.BaseApi.dll</c> file version 10.0.10011.16384 (public copy in
/// github.com/Yevrag35/UpdateManagement, <c>MG.UpdateManagement/Assemblies/</c>, commit 1dcde147; decompiled with
/// ILSpy, classes <c>ImportLogCallback</c> and <c>ImportExportHandler</c>): an <see cref="XmlTextWriter"/> with
/// <see cref="Encoding.UTF8"/> writes one line — declaration, <c>&lt;ImportLog Time="yyyy-MM-ddTHH:mm:ssZ"&gt;</c> with
/// <c>&lt;UpdateInserted UpdateId RevisionNumber [ExistingUpdate="True"] /&gt;</c>, or <c>&lt;ExportLog Time&gt;</c>
/// with <c>&lt;Update UpdateId RevisionNumber Title&gt;&lt;Files&gt;&lt;File Path /&gt;&lt;/Files&gt;&lt;/Update&gt;</c>,
/// and on failure <c>&lt;ImportError Message /&gt;</c> / <c>&lt;ExportError Message /&gt;</c>. Like the real one it
/// writes into a file from <see cref="Path.GetTempFileName"/> (the account's %TEMP%; TMPDIR on Linux) and puts it at
/// the log path only when it ends (import moves it, export copies it).
/// </summary>
internal sealed class LabLog : IDisposable
{
    public const string ImportRoot = "ImportLog";
    public const string ExportRoot = "ExportLog";

    private readonly XmlTextWriter _writer;
    private readonly string _tempPath;
    private readonly bool _import;
    private bool _closed;

    public LabLog(bool import, TimeProvider clock)
    {
        _import = import;
        _tempPath = Path.GetTempFileName();
        _writer = new XmlTextWriter(_tempPath, Encoding.UTF8);
        _writer.WriteStartDocument();
        _writer.WriteStartElement(import ? ImportRoot : ExportRoot);
        _writer.WriteAttributeString("Time", clock.GetUtcNow().UtcDateTime.ToString("s", DateTimeFormatInfo.InvariantInfo) + "Z");
    }

    /// <summary>The file in the temp folder the log is written to until <see cref="Finish"/>.</summary>
    public string TempPath => _tempPath;

    /// <summary>The lab's stand-in for an update's identity: a GUID derived from the content file's path, revision 1.</summary>
    public static string UpdateIdOf(string relativePath)
    {
#pragma warning disable CA5351 // Not security: a stable lab identifier.
        using var md5 = MD5.Create();
        return new Guid(md5.ComputeHash(Encoding.UTF8.GetBytes(relativePath))).ToString();
#pragma warning restore CA5351
    }

    public void UpdateInserted(string relativePath, bool existingUpdate)
    {
        _writer.WriteStartElement("UpdateInserted");
        _writer.WriteAttributeString("UpdateId", UpdateIdOf(relativePath));
        _writer.WriteAttributeString("RevisionNumber", "1");
        if (existingUpdate)
        {
            _writer.WriteAttributeString("ExistingUpdate", bool.TrueString);
        }

        _writer.WriteEndElement();
    }

    public void UpdateExported(string relativePath, string title)
    {
        _writer.WriteStartElement("Update");
        _writer.WriteAttributeString("UpdateId", UpdateIdOf(relativePath));
        _writer.WriteAttributeString("RevisionNumber", "1");
        _writer.WriteAttributeString("Title", title);
        _writer.WriteStartElement("Files");
        _writer.WriteStartElement("File");
        _writer.WriteAttributeString("Path", relativePath);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    public void Error(string message)
    {
        _writer.WriteStartElement(_import ? "ImportError" : "ExportError");
        _writer.WriteAttributeString("Message", message);
        _writer.WriteEndElement();
    }

    /// <summary>Closes the log and puts it at <paramref name="logPath"/>, or puts <paramref name="replayLogPath"/>'s bytes there instead.</summary>
    public void Finish(string logPath, string? replayLogPath)
    {
        Close();
        if (replayLogPath is not null)
        {
            File.Copy(replayLogPath, logPath, overwrite: false);
            File.Delete(_tempPath);
        }
        else if (_import)
        {
            File.Move(_tempPath, logPath);
        }
        else
        {
            File.Copy(_tempPath, logPath, overwrite: false);
            File.Delete(_tempPath);
        }
    }

    public void Dispose()
    {
        Close();
        if (File.Exists(_tempPath))
        {
            File.Delete(_tempPath);
        }
    }

    private void Close()
    {
        if (!_closed)
        {
            _closed = true;
            _writer.WriteEndElement();
            _writer.Close();
        }
    }
}
