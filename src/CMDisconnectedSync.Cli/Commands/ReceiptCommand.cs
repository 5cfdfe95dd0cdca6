using System.CommandLine;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.State;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary><c>cmdsync receipt</c>: what the disconnected side has, for the next export to send exactly what is missing.</summary>
public static class ReceiptCommand
{
    public static Command Create(CommandContextFactory contexts)
    {
        var state = StateFolderOption.Create();
        var content = new Option<DirectoryInfo>("--content") { Description = "This server's WsusContent folder.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Receipt file to write (e.g. E:\\Transfer\\receipt.json); a .sha256 file is written beside it.", Required = true };
        var server = new Option<string>("--server") { Description = "Name recorded in the receipt.", DefaultValueFactory = _ => Environment.MachineName };
        var command = new Command("receipt",
            "On the disconnected server: write a state receipt (every WsusContent file with size and SHA-256, plus the last accepted bundle "
            + "sequence and manifest hash) to carry back to the export server. 'cmdsync bundle create --receipt <file>' then sends exactly the "
            + "files this server lacks, even if a bundle was lost. Files unchanged since they were installed are not re-read. "
            + "The receipt is not signed (its .sha256 catches damage, not editing): it decides what the export sends, never what is "
            + "installed, since every bundle file is checked against the signed manifest. An edited receipt can make the export leave "
            + "files out; if content is missing here, make a fresh receipt and export from it.\n"
            + HelpText.ExamplesHeading + "\n"
            + "  cmdsync receipt --content D:\\WSUS\\WsusContent --out E:\\Transfer\\receipt.json\n"
            + "  cmdsync receipt --content D:\\WSUS\\WsusContent --out E:\\Transfer\\receipt.json --state D:\\CMDisconnectedSync\\State --json")
        {
            state, content, output, server,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = contexts.Create(parseResult);
            var store = new DisconnectedStateStore(parseResult.GetRequiredValue(state).FullName, context.Clock, context.StateFolders);
            var contentRoot = parseResult.GetRequiredValue(content).FullName;
            var outPath = parseResult.GetRequiredValue(output).FullName;
            if (!Directory.Exists(contentRoot))
            {
                return context.Fail(ExitCodes.Usage,
                    $"cmdsync receipt: the WsusContent folder '{contentRoot}' does not exist. Give this server's WsusContent folder with --content "
                    + "(the WSUS content directory, e.g. D:\\WSUS\\WsusContent).");
            }

            try
            {
                var builder = new StateReceiptBuilder(new ContentInventoryScanner(new BundlePathValidator()), context.Clock);
                var receipt = await builder.BuildAsync(contentRoot, store, parseResult.GetRequiredValue(server), null, cancellationToken).ConfigureAwait(false);
                await new StateReceiptFile().WriteAsync(receipt, outPath, cancellationToken).ConfigureAwait(false);
                context.Logger.Information("Receipt {Receipt}: {Files} files, last sequence {Sequence}", outPath, receipt.Inventory.Entries.Count, receipt.LastAccepted?.Sequence);
                var hashFile = outPath + StateReceiptFile.HashSuffix;
                if (context.Json)
                {
                    context.WriteJson(new
                    {
                        result = "written", exitCode = ExitCodes.Success, receipt = outPath, hashFile, server = receipt.Server,
                        files = receipt.Inventory.Entries.Count, lastAcceptedSequence = receipt.LastAccepted?.Sequence, log = context.LogPath,
                    });
                    return ExitCodes.Success;
                }

                await context.Output.WriteLineAsync(
                    $"Receipt {outPath}: {receipt.Inventory.Entries.Count} files, last accepted sequence {(receipt.LastAccepted is null ? "none" : receipt.LastAccepted.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture))}. "
                    + $"Carry it and {Path.GetFileName(hashFile)} to the export server.").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (StateFileException ex)
            {
                return context.Fail(ExitCodes.StateUnreadable, ex.Message, ex);
            }
            catch (UnsafePathException ex)
            {
                return context.Fail(ExitCodes.BundleUnsafePath, ex.Message, ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return context.Fail(ExitCodes.FileSystemFailed,
                    $"cmdsync receipt: {ex.Message} Check that {contentRoot} is readable and {Path.GetDirectoryName(outPath)} writable by this account, then rerun.", ex);
            }
        });
        return command;
    }
}
