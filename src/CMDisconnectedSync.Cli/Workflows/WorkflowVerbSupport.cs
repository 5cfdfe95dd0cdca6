using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using CMDisconnectedSync.Workflows;

namespace CMDisconnectedSync.Cli.Workflows;

/// <summary>What the export, import and status verbs share: composition, progress, cancellation and JSON output.</summary>
public sealed class WorkflowVerbSupport
{
    public const string ResumeHint = "Rerun the same command to resume: finished steps are not redone.";

    /// <summary>What to do after Ctrl+C stopped a verb without a journal.</summary>
    public const string RerunHint = "Rerun the same command to run it again.";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public WorkflowVerbSupport(CommandContextFactory contexts, IWorkflowHost host, Func<TextWriter, bool>? isInteractive = null)
    {
        Contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        Host = host ?? throw new ArgumentNullException(nameof(host));
        IsInteractive = isInteractive ?? (writer => ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected);
    }

    public CommandContextFactory Contexts { get; }

    public IWorkflowHost Host { get; }

    /// <summary>Whether a person watches this writer on a real console (then progress is drawn as bars).</summary>
    public Func<TextWriter, bool> IsInteractive { get; }

    public Option<bool> WhatIf { get; } = new("--what-if")
    {
        Description = "Show the plan (steps, files, bytes, preflight checks) and change nothing.",
    };

    public IProgressRenderer ProgressFor(CommandContext context) =>
        ProgressRenderers.Create(context.Json, context.Output, IsInteractive(context.Output), Host.Clock);

    public static string ToJson(object value) => JsonSerializer.Serialize(value, JsonOptions);

    /// <summary>Ctrl+C: the workflow stopped at a step boundary or mid-file (no partial file under a final name).</summary>
    public static async Task<int> CancelledAsync(CommandContext context, string journalPath)
    {
        _ = context ?? throw new ArgumentNullException(nameof(context));
        context.Logger.Warning("Cancelled; the journal {Journal} records where the run stopped", journalPath);
        if (context.Json)
        {
            await context.Output.WriteLineAsync(ToJson(new { result = "cancelled", exitCode = ExitCodes.Cancelled, journal = journalPath, next = ResumeHint })).ConfigureAwait(false);
        }
        else
        {
            await context.Error.WriteLineAsync("Cancelled. " + ResumeHint).ConfigureAwait(false);
        }

        return ExitCodes.Cancelled;
    }

    /// <summary>
    /// Ctrl+C stopped a verb that keeps no journal (verify, receipt, keys, bundle create, doctor, …): System.CommandLine
    /// would exit 1 saying nothing. One line (or one JSON object) and exit code 3, as README documents.
    /// </summary>
    public static Task<int> CancelledAsync(CommandContext context)
    {
        _ = context ?? throw new ArgumentNullException(nameof(context));
        context.FileLogger.Warning("Cancelled (Ctrl+C)");
        if (context.Json)
        {
            context.WriteJson(new { result = "cancelled", exitCode = ExitCodes.Cancelled, next = RerunHint, log = context.LogPath });
        }
        else
        {
            context.Error.WriteLine("Cancelled. " + RerunHint);
        }

        return Task.FromResult(ExitCodes.Cancelled);
    }

    /// <summary>Writes a failure for the admin (standard error) and returns its exit code.</summary>
    public static async Task<int> FailedAsync(CommandContext context, WorkflowFailure failure)
    {
        _ = context ?? throw new ArgumentNullException(nameof(context));
        _ = failure ?? throw new ArgumentNullException(nameof(failure));
        var exitCode = ExitCodes.ForWorkflowFailure(failure);
        if (!context.Json)
        {
            await context.Error.WriteLineAsync($"Stopped at '{failure.Step}' (exit code {exitCode}): {failure.Message}").ConfigureAwait(false);
            if (failure.Preflight is { } preflight)
            {
                foreach (var check in preflight.Failures)
                {
                    await context.Error.WriteLineAsync($"  FAIL {check.Name}: {check.Detail} Fix: {check.FixHint}").ConfigureAwait(false);
                }
            }

            await context.Error.WriteLineAsync("Log: " + context.LogPath).ConfigureAwait(false);
        }

        return exitCode;
    }
}
