using System.Collections.Concurrent;
using System.Globalization;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.Harness.Attacks;
using CMDisconnectedSync.Harness.Support;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Workflows;
using FsCheck;
using FsCheck.Fluent;
using CMDisconnectedSync.Wsus.Host;

namespace CMDisconnectedSync.Harness.Fuzzing;

/// <summary>
/// FsCheck-driven fuzzing of every document the disconnected and export sides read from media or disk: manifest,
/// receipt, state.json, inventory.json, trusted-signers.txt and the workflow journal. Inputs are valid documents
/// mutated (byte and JSON-aware edits) and random bytes. Each parsed document is also handed to its real consumer
/// (verifier, delta planner, receipt builder), because a parser that returns an object its consumer crashes on is
/// as broken as one that throws. Promise: only the documented format exceptions, never anything else.
/// </summary>
internal static class FuzzSuite
{
    public static async Task<SuiteResult> RunAsync(int count, int seed, TextWriter progress, CancellationToken cancellationToken)
    {
        using var work = new WorkFolder("fuzz", inMemory: true);
        using var keys = new LabKeys();
        var lab = await LabBundles.CreateAsync(work.Combine("lab"), keys, cancellationToken).ConfigureAwait(false);
        var targets = await CreateTargetsAsync(work, keys, lab, cancellationToken).ConfigureAwait(false);
        var perTarget = Math.Max(1, (count + targets.Count - 1) / targets.Count);
        var crashers = new ConcurrentDictionary<string, (int Count, byte[] Smallest)>(StringComparer.Ordinal);
        var details = new List<string>();
        var total = 0L;
        foreach (var target in targets)
        {
            // A seed that its own parser refuses would make every mutation a trivially rejected input.
            foreach (var valid in target.Seeds)
            {
                target.Parse(valid);
            }

            var parsed = 0;
            var rejected = 0;
            var random = new Random(seed ^ target.Name.Length);
            var seedIndex = Gen.Choose(0, target.Seeds.Count - 1);
            var mutated = Gen.Zip(seedIndex, Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(1, 6)))
                .Select(t => Mutator.Mutate(target.Seeds[t.Item1], target.Seeds, new Random(t.Item2.Item1), t.Item2.Item2));
            var randomBytes = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b));
            var inputs = Gen.OneOf(mutated, mutated, mutated, mutated, randomBytes);
            var property = Prop.ForAll(inputs.ToArbitrary(), input =>
            {
                try
                {
                    target.Parse(input);
                    parsed++;
                }
                catch (Exception ex) when (target.IsDocumented(ex))
                {
                    rejected++;
                }
                catch (Exception ex)
                {
                    var frame = new System.Diagnostics.StackTrace(ex, false).GetFrames().FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("CMDisconnectedSync", StringComparison.Ordinal) == true)?.GetMethod();
                    var key = $"{target.Name}: {ex.GetType().Name} in {frame?.DeclaringType?.Name}.{frame?.Name}";
                    crashers.AddOrUpdate(key, (1, input), (_, old) => (old.Count + 1, input.Length < old.Smallest.Length ? input : old.Smallest));
                }

                return true;
            });
            Check.One(Config.Quick.WithMaxTest(perTarget).WithQuietOnSuccess(true).WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(new Replay(new Rnd((ulong)random.NextInt64()), Microsoft.FSharp.Core.FSharpOption<int>.None))), property);
            total += perTarget;
            details.Add($"{target.Name}: {perTarget} inputs, {parsed} parsed and used, {rejected} rejected with a documented exception");
            await progress.WriteLineAsync($"  {target.Name}: {perTarget} inputs done").ConfigureAwait(false);
        }

        var unhandled = crashers.Values.Sum(c => c.Count);
        var problems = crashers.Select(c => $"{c.Key} ×{c.Value.Count}; smallest input (base64): {Convert.ToBase64String(c.Value.Smallest)}").ToList();
        return new SuiteResult(string.Create(CultureInfo.InvariantCulture, $"unhandled: {unhandled} of {total} inputs"), problems, details);
    }

    private static async Task<IReadOnlyList<FuzzTarget>> CreateTargetsAsync(WorkFolder work, LabKeys keys, LabBundles lab, CancellationToken cancellationToken)
    {
        var clock = new FixedClock(LabKeys.Now);
        var verifier = new BundleVerifier(new BundlePathValidator(), new ManifestSignatureVerifier(new FixedClock(LabKeys.Now)));

        // Real documents written by the product itself are the seeds.
        var manifests = new[] { lab.Full, lab.Split, lab.Delta }.Select(f => File.ReadAllBytes(ManifestEditor.ManifestPath(f))).ToList();
        var stateFolder = work.Combine("state-seed");
        var store = new DisconnectedStateStore(stateFolder, clock, StateFolderProtections.ForThisComputer());
        await store.SaveTrustedSignersAsync(keys.TrustExportServerAndExpired, cancellationToken).ConfigureAwait(false);
        var full = (await verifier.VerifyAsync(lab.Full, new BundleTrustContext(keys.TrustExportServer, null), null, cancellationToken).ConfigureAwait(false)).Bundle!;
        var installed = await new BundleContentInstaller(new BundlePathValidator()).InstallAsync(full, work.Combine("installed"), null, cancellationToken).ConfigureAwait(false);
        await store.RecordAcceptedAsync(full, installed.Installed, null, cancellationToken).ConfigureAwait(false);
        var receipt = await new StateReceiptBuilder(new ContentInventoryScanner(new BundlePathValidator()), clock).BuildAsync(work.Combine("installed"), store, "WSUS02", null, cancellationToken).ConfigureAwait(false);
        var receiptBytes = StateReceiptFile.Serialize(receipt);
        var journalSeed = work.Combine("journal-seed", "import.journal");
        var journal = WorkflowJournal.Open(journalSeed, "import", "runkey", clock);
        journal.MarkStarted("verify");
        journal.MarkCompleted("verify", "signer 3F2A");
        journal.MarkStarted("install-content");
        journal.MarkFailed("install-content", "disk full on D:");
        journal.MarkStarted("install-content");

        // One state folder per target: the inventory target's receipt builder also reads state.json, which must
        // stay the valid seed there, not the state.json target's last mutant.
        DisconnectedStateStore FuzzStore(string name)
        {
            var folder = work.Combine("fuzz-" + name);
            TreeCopy.Copy(stateFolder, folder);
            return new DisconnectedStateStore(folder, clock, StateFolderProtections.ForThisComputer());
        }

        var stateStore = FuzzStore("state");
        var inventoryStore = FuzzStore("inventory");
        var signersStore = FuzzStore("signers");
        var receiptPath = work.Combine("fuzz-receipt", "receipt.json");
        Directory.CreateDirectory(Path.GetDirectoryName(receiptPath)!);
        var journalFolder = Directory.CreateDirectory(work.Combine("fuzz-journal")).FullName;
        var manifestFile = work.Combine("fuzz-manifest", "manifest.json");
        Directory.CreateDirectory(Path.GetDirectoryName(manifestFile)!);
        var manifestInputs = 0;

        return
        [
            new("manifest", manifests, bytes =>
            {
                ManifestSerializer.Deserialize(bytes, "manifest.json");
                ManifestSerializer.ReadSequence(bytes, "manifest.json");

                // The verifier reads from a file with the streaming readers: every 16th input goes that way too.
                if (manifestInputs++ % 16 == 0)
                {
                    File.WriteAllBytes(manifestFile, bytes);
                    ManifestSerializer.CheckFormatAsync(manifestFile, cancellationToken).GetAwaiter().GetResult();
                    ManifestSerializer.ReadFileAsync(manifestFile, cancellationToken).GetAwaiter().GetResult();
                }
            }, [typeof(ManifestFormatException)]),
            new("receipt", [receiptBytes], bytes =>
            {
                File.WriteAllBytes(receiptPath, bytes);
                File.WriteAllText(receiptPath + StateReceiptFile.HashSuffix, Sha256Hex.OfBytes(bytes) + "  receipt.json\n");
                var read = new StateReceiptFile().ReadAsync(receiptPath, cancellationToken).GetAwaiter().GetResult();
                var scanned = new ContentInventoryScanner(new BundlePathValidator()).Scan(lab.ContentRoot, cancellationToken);
                new DeltaPlanner().PlanAsync(lab.ContentRoot, scanned, read.ToDeltaBase(), cancellationToken).GetAwaiter().GetResult();
            }, [typeof(StateFileException), typeof(ManifestFormatException), typeof(UnsafePathException)]),
            new("state.json", [File.ReadAllBytes(Path.Combine(stateFolder, DisconnectedStateStore.StateFileName))], bytes =>
            {
                File.WriteAllBytes(Path.Combine(stateStore.Folder, DisconnectedStateStore.StateFileName), bytes);
                var state = stateStore.LoadAcceptedAsync(cancellationToken).GetAwaiter().GetResult();
                verifier.VerifyAsync(lab.Delta, new BundleTrustContext(keys.TrustExportServer, state.LastAccepted), null, cancellationToken).GetAwaiter().GetResult();
            }, [typeof(StateFileException)]),
            new("inventory.json", [File.ReadAllBytes(Path.Combine(stateFolder, DisconnectedStateStore.InventoryFileName))], bytes =>
            {
                File.WriteAllBytes(Path.Combine(inventoryStore.Folder, DisconnectedStateStore.InventoryFileName), bytes);
                inventoryStore.LoadInventoryAsync(cancellationToken).GetAwaiter().GetResult();
                new StateReceiptBuilder(new ContentInventoryScanner(new BundlePathValidator()), clock).BuildAsync(lab.ContentRoot, inventoryStore, "WSUS02", null, cancellationToken).GetAwaiter().GetResult();
            }, [typeof(StateFileException)]),
            new("trusted-signers.txt", [File.ReadAllBytes(Path.Combine(stateFolder, DisconnectedStateStore.TrustedSignersFileName))], bytes =>
            {
                File.WriteAllBytes(Path.Combine(signersStore.Folder, DisconnectedStateStore.TrustedSignersFileName), bytes);
                signersStore.LoadTrustedSigners();
            }, [typeof(StateFileException)]),
            new("journal", [File.ReadAllBytes(journalSeed)], bytes =>
            {
                foreach (var old in Directory.EnumerateFiles(journalFolder))
                {
                    File.Delete(old);
                }

                var path = Path.Combine(journalFolder, "import.journal");
                File.WriteAllBytes(path, bytes);
                var opened = WorkflowJournal.Open(path, "import", "runkey", clock);
                _ = opened.IsCompleted("verify") && opened.CompletionDetailOf("verify") is not null;
                opened.MarkStarted("fuzz");
            }, [typeof(JournalCorruptException)]),
        ];
    }
}
