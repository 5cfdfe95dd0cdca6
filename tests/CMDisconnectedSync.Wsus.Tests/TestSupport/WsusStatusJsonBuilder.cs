using System.Text.Json;

namespace CMDisconnectedSync.Wsus.Tests.TestSupport;

/// <summary>Builds the JSON line the PowerShell status script prints, field names exactly as the script writes them.</summary>
internal sealed class WsusStatusJsonBuilder
{
    private bool _allLanguages;
    private object _languages = new[] { "en" };
    private bool _express;
    private bool _replica;
    private string _status = "NotProcessing";
    private string _result = "Succeeded";
    private string _start = "2026-11-25T09:00:00.0000000Z";
    private string _end = "2026-11-25T09:20:00.0000000Z";
    private string _error = "NotApplicable";
    private string _errorText = string.Empty;

    public WsusStatusJsonBuilder WithLanguages(params string[] languages) { _languages = languages; return this; }

    /// <summary>What ConvertTo-Json in Windows PowerShell prints for a one-element array in some versions: a bare string.</summary>
    public WsusStatusJsonBuilder WithLanguageAsBareString(string language) { _languages = language; return this; }

    public WsusStatusJsonBuilder WithAllLanguages() { _allLanguages = true; return this; }

    public WsusStatusJsonBuilder WithExpressFiles() { _express = true; return this; }

    public WsusStatusJsonBuilder AsReplica() { _replica = true; return this; }

    public WsusStatusJsonBuilder Synchronizing(string status = "Running") { _status = status; return this; }

    public WsusStatusJsonBuilder WithLastSync(string result, string start, string end, string error = "NotApplicable", string errorText = "")
    {
        (_result, _start, _end, _error, _errorText) = (result, start, end, error, errorText);
        return this;
    }

    public WsusStatusJsonBuilder NeverSynchronized() =>
        WithLastSync("NeverRun", "0001-01-01T00:00:00.0000000Z", "0001-01-01T00:00:00.0000000Z");

    public string Build() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["allLanguages"] = _allLanguages,
        ["languages"] = _languages,
        ["expressFiles"] = _express,
        ["isReplica"] = _replica,
        ["synchronizationStatus"] = _status,
        ["lastSynchronization"] = new Dictionary<string, object>
        {
            ["result"] = _result,
            ["startTime"] = _start,
            ["endTime"] = _end,
            ["error"] = _error,
            ["errorText"] = _errorText,
        },
    });
}
