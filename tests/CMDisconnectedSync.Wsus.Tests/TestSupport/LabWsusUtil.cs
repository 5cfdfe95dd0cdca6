namespace CMDisconnectedSync.Wsus.Tests.TestSupport;

/// <summary>The lab wsusutil program built beside the tests (its apphost, copied by the project reference).</summary>
internal static class LabWsusUtil
{
    public const string FaultVariable = "WSUSUTIL_LAB_FAULT";
    public const string ContentVariable = "WSUSUTIL_LAB_CONTENT";
    public const string DatabaseVariable = "WSUSUTIL_LAB_DATABASE";
    public const string ControlFileName = "wsusutil-lab.fault";

    public static string Path
    {
        get
        {
            var name = OperatingSystem.IsWindows() ? "wsusutil-lab.exe" : "wsusutil-lab";
            var path = System.IO.Path.Combine(AppContext.BaseDirectory, name);
            return File.Exists(path) ? path : throw new FileNotFoundException($"The lab wsusutil was not built beside the tests: {path}.");
        }
    }
}
