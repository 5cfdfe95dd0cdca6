using System.Reflection;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Cli;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Cli.Tests;

[TestClass]
public sealed class ExitCodesTests
{
    private static WsusUtilResult Result(WsusUtilFailure failure) =>
        new(WsusUtilOperation.Export, failure, 0, "p.xml.gz", "p.log", 0, [], "message", TimeSpan.Zero);

    [TestMethod]
    [DataRow(WsusUtilFailure.None, ExitCodes.Success)]
    [DataRow(WsusUtilFailure.NamesNotUnique, ExitCodes.WsusUtilNamesNotUnique)]
    [DataRow(WsusUtilFailure.TimedOut, ExitCodes.WsusUtilTimedOut)]
    [DataRow(WsusUtilFailure.ExitCode, ExitCodes.WsusUtilExitCode)]
    [DataRow(WsusUtilFailure.ErrorLinesInLog, ExitCodes.WsusUtilLogErrors)]
    [DataRow(WsusUtilFailure.PackageMissingOrEmpty, ExitCodes.WsusUtilNoOutput)]
    [DataRow(WsusUtilFailure.LogMissingOrEmpty, ExitCodes.WsusUtilNoOutput)]
    public void ForWsusUtil_Failure_MapsToItsDocumentedCode(WsusUtilFailure failure, int expected)
    {
        Assert.AreEqual(expected, ExitCodes.ForWsusUtil(Result(failure)));
    }

    [TestMethod]
    public void Constants_PreflightAndWsusCodes_AreUniqueAndInTheirRanges()
    {
        var codes = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);

        Assert.AreEqual(codes.Count, codes.Values.Distinct().Count(), "every exit code has one meaning");
        foreach (var (name, code) in codes.Where(c => c.Key.StartsWith("Preflight", StringComparison.Ordinal)))
        {
            Assert.IsTrue(code is >= 30 and <= 39, $"{name} = {code} is outside 30–39");
        }

        foreach (var (name, code) in codes.Where(c => c.Key.StartsWith("Doctor", StringComparison.Ordinal)))
        {
            Assert.IsTrue(code is >= 67 and <= 69, $"{name} = {code} is outside 67–69");
        }

        foreach (var (name, code) in codes.Where(c => c.Key.StartsWith("Wsus", StringComparison.Ordinal)))
        {
            Assert.IsTrue(code is >= 40 and <= 49, $"{name} = {code} is outside 40–49");
        }
    }

    [TestMethod]
    public void ForVerificationFailure_EveryKind_HasItsOwnCodeInTheBundleRange()
    {
        var codes = Enum.GetValues<VerificationFailureKind>().Select(ExitCodes.ForVerificationFailure).ToList();

        Assert.AreEqual(codes.Count, codes.Distinct().Count());
        Assert.IsTrue(codes.All(c => c is >= 10 and <= 29), string.Join(",", codes));
    }

    [TestMethod]
    public void ForDeploymentImport_EveryProblem_HasADocumentedCodeInTheContentRangeOrTheBundleHashCode()
    {
        var codes = Enum.GetValues<CMDisconnectedSync.DeploymentContent.DeploymentImportProblem>().Select(ExitCodes.ForDeploymentImport).ToList();

        Assert.IsTrue(codes.All(c => c is >= 70 and <= 74 || c == ExitCodes.BundleHashMismatch), string.Join(", ", codes));
        Assert.AreEqual(ExitCodes.DeploymentContentRefused, ExitCodes.ForDeploymentImport(CMDisconnectedSync.DeploymentContent.DeploymentImportProblem.UnknownUpdate));
        Assert.AreEqual(ExitCodes.BundleHashMismatch, ExitCodes.ForDeploymentImport(CMDisconnectedSync.DeploymentContent.DeploymentImportProblem.NotProven));
    }
}
