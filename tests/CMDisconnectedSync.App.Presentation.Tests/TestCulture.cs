using System.Globalization;

namespace CMDisconnectedSync.App.Presentation.Tests;

/// <summary>
/// Presenters format numbers, sizes and times in the admin's culture; the tests assert exact text, so every thread
/// of this test run formats with the invariant culture whatever LANG the build machine has.
/// </summary>
[TestClass]
public static class TestCulture
{
    [AssemblyInitialize]
    public static void UseInvariantCulture(TestContext context)
    {
        _ = context;
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
    }
}
