using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using CMDisconnectedSync.Doctor;
using CMDisconnectedSync.Doctor.Machine;
using Serilog;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary>
/// <c>cmdsync doctor [--side import|export] [--site-server …] [--console-path …] [--json] [--out report.json]</c>: checks
/// every Windows-side assumption on this machine (read-only) and prints the report; exit code 0 or 67–69.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CommandContextFactory contexts) => Create(contexts, LocalMachineDoctorSeams.Create, TimeProvider.System);

    internal static Command Create(CommandContextFactory contexts, Func<ILogger, DoctorSeams> seams, TimeProvider clock)
    {
        var side = new Option<DoctorSide>("--side")
        {
            Description = "Which end this server is: 'import' (the disconnected site) or 'export' (the internet-facing one). Decides the expected sync source and replica mode.",
            DefaultValueFactory = _ => DoctorSide.Import,
        };
        var siteServer = new Option<string?>("--site-server")
        {
            Description = "The SMS Provider server (usually the top-level site server). Default: the server the ConfigMgr console last connected to.",
        };
        var consolePath = ConsoleCommand.ConsolePathOption();
        var output = new Option<FileInfo?>("--out") { Description = "Also write the JSON report to this file (to attach to a support request)." };
        var command = new Command("doctor",
            HelpText.WithExamples(
                "Check this server's WSUS, ConfigMgr console, SDK, console GUIDs, SMS Provider rights, sync source and sync status against what "
                + "CMDisconnectedSync expects. Read-only: nothing is changed.",
                "cmdsync doctor",
                "cmdsync doctor --side export --site-server CM01.corp.example --out C:\\Temp\\doctor.json"))
        {
            side, siteServer, consolePath, output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = contexts.Create(parseResult);
            var options = new DoctorOptions(parseResult.GetValue(side), parseResult.GetValue(siteServer), parseResult.GetValue(consolePath)?.FullName);
            var checks = DoctorChecks.Standard(seams(context.Logger), options);
            var report = await new DoctorRunner(clock, context.Logger)
                .RunAsync(Environment.MachineName, options.Side, ConsoleCommand.ProductVersion, checks, cancellationToken).ConfigureAwait(false);
            var json = WithResult(DoctorReportJson.Serialize(report), ExitCodes.ForDoctor(report.Verdict));
            if (parseResult.GetValue(output) is { } file)
            {
                try
                {
                    File.WriteAllText(file.FullName, json + Environment.NewLine);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return context.Fail(ExitCodes.Failure, $"Cannot write the report to {file.FullName}: {ex.Message} Choose another --out path.", ex);
                }
            }

            await context.Output.WriteAsync(context.Json ? json + Environment.NewLine : DoctorTable.Render(report)).ConfigureAwait(false);
            if (!context.Json && parseResult.GetValue(output) is { } written)
            {
                await context.Output.WriteLineAsync($"JSON report: {written.FullName}").ConfigureAwait(false);
            }

            return ExitCodes.ForDoctor(report.Verdict);
        });
        return command;
    }

    /// <summary>
    /// The report as every verb's <c>--json</c> object: <c>result</c> and <c>exitCode</c> first, and camelCase keys
    /// throughout (the report's counts are keyed by status, which serializes as "Confirmed", "Missing", …).
    /// </summary>
    internal static string WithResult(string reportJson, int exitCode)
    {
        var report = JsonNode.Parse(reportJson)!.AsObject();
        var result = new JsonObject
        {
            ["result"] = exitCode == ExitCodes.Success ? "confirmed" : report["verdict"]?.GetValue<string>() is { } verdict ? JsonNamingPolicy.CamelCase.ConvertName(verdict) : "failed",
            ["exitCode"] = exitCode,
        };
        foreach (var property in report.ToList())
        {
            report.Remove(property.Key);
            result[property.Key] = property.Key == "counts" && property.Value is JsonObject counts ? CamelCaseKeys(counts) : property.Value;
        }

        return result.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static JsonObject CamelCaseKeys(JsonObject counts)
    {
        var camel = new JsonObject();
        foreach (var property in counts.ToList())
        {
            counts.Remove(property.Key);
            camel[JsonNamingPolicy.CamelCase.ConvertName(property.Key)] = property.Value;
        }

        return camel;
    }
}
