using System.Globalization;
using System.Text;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Cli;
using CMDisconnectedSync.Harness.Support;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Wsus.Host;

namespace CMDisconnectedSync.Harness.Attacks;

/// <summary>
/// Makes <c>count</c> hostile bundles from valid signed ones (seeded, so a run can be repeated exactly), verifies
/// each with the real <see cref="BundleVerifier"/>, and every n-th also with the real <c>cmdsync verify</c> process.
/// Promises checked: no hostile bundle is accepted; each rejection's exit code is one documented for its attack;
/// the CLI's code equals the engine's; verify writes nothing (bundle, destination and state folder tree hashes
/// equal before and after). Controls: the untouched templates must verify, so the suite can see an acceptance.
/// </summary>
internal static class AttackSuite
{
    public static async Task<SuiteResult> RunAsync(int count, int seed, int cliSamples, TextWriter progress, CancellationToken cancellationToken)
    {
        using var work = new WorkFolder("attack");
        using var keys = new LabKeys();
        var lab = await LabBundles.CreateAsync(work.Combine("lab"), keys, cancellationToken).ConfigureAwait(false);
        var destination = work.Combine("disconnected", "WsusContent");
        LabBundles.WriteTree(destination, LabBundles.ContentFiles.Take(3), seed: 11);
        var outside = Directory.CreateDirectory(work.Combine("outside")).FullName;
        var states = new StateFolders(work.Combine("disconnected", "states"), keys, lab);
        var verifier = new BundleVerifier(new BundlePathValidator(), new ManifestSignatureVerifier(new FixedClock(LabKeys.Now)));
        var problems = new List<string>();
        var templates = new[] { lab.Full, lab.Split, lab.Other, lab.Delta }.ToDictionary(t => t, TreeHash.Of);
        var destinationBefore = TreeHash.Of(destination);

        await CheckControlsAsync(lab, keys, states, verifier, work, problems, cancellationToken).ConfigureAwait(false);

        var stats = new SortedDictionary<string, SortedDictionary<int, int>>(StringComparer.Ordinal);
        var accepted = 0;
        var cliRuns = 0;
        var cliEvery = Math.Max(1, count / Math.Max(1, cliSamples));
        for (var i = 0; i < count; i++)
        {
            var random = new Random(unchecked((seed * 1_000_003) + i));
            var attack = AttackCatalog.Generators[i % AttackCatalog.Generators.Count](random);
            var trust = states.Resolve(attack.Trust);
            var folder = work.Combine("attacks", i.ToString(CultureInfo.InvariantCulture));
            TreeCopy.Copy(TemplateFolder(lab, attack.Template), folder);
            attack.Mutate(new AttackTarget(folder, lab, keys, random, outside));
            var bundleBefore = TreeHash.Of(folder);
            int code;
            try
            {
                var result = await verifier.VerifyAsync(folder, trust.ToContext(keys), null, cancellationToken).ConfigureAwait(false);
                code = result.Succeeded ? ExitCodes.Success : ExitCodes.ForVerificationFailure(result.Failure!.Value);
                if (result.Succeeded)
                {
                    accepted++;
                    problems.Add($"#{i} {attack}: ACCEPTED");
                }
                else if (!attack.ExpectedExitCodes.Contains(code))
                {
                    problems.Add($"#{i} {attack}: exit code {code} ({result.Failure}), expected {string.Join("/", attack.ExpectedExitCodes)}: {result.Cause}");
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                code = ExitCodes.Failure;
                problems.Add($"#{i} {attack}: unhandled {ex.GetType().Name}: {ex.Message}");
            }

            if (TreeHash.Of(folder) != bundleBefore)
            {
                problems.Add($"#{i} {attack}: verify changed the bundle folder");
            }

            if (i % cliEvery == 0)
            {
                cliRuns++;
                var cli = await RunCliAsync(folder, states.Ensure(trust), work, destination, cancellationToken).ConfigureAwait(false);
                if (cli.Problem is not null || cli.ExitCode != code)
                {
                    problems.Add($"#{i} {attack}: cmdsync verify exit code {cli.ExitCode}, engine {code}. {cli.Problem}");
                }
            }

            var byCode = stats.TryGetValue(attack.Class, out var existing) ? existing : stats[attack.Class] = new SortedDictionary<int, int>();
            byCode[code] = byCode.GetValueOrDefault(code) + 1;
            DeleteTree(folder);
            if ((i + 1) % 1000 == 0)
            {
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {i + 1} of {count} attacks, {accepted} accepted, {problems.Count} problems")).ConfigureAwait(false);
            }
        }

        foreach (var (template, hash) in templates)
        {
            if (TreeHash.Of(template) != hash)
            {
                problems.Add($"the template bundle '{template}' changed during the run");
            }
        }

        if (TreeHash.Of(destination) != destinationBefore)
        {
            problems.Add($"the destination '{destination}' changed during the run");
        }

        problems.AddRange(states.ChangedFolders().Select(f => $"the state folder '{f}' changed during the run"));
        var details = stats.Select(s => $"{s.Key}: {s.Value.Values.Sum()} attacks, exit codes {string.Join(", ", s.Value.Select(c => $"{c.Key}×{c.Value}"))}").ToList();
        details.Add($"cmdsync verify processes: {cliRuns} (every {cliEvery}th attack), exit codes equal to the engine's");
        return new SuiteResult($"accepted: {accepted} of {count}", problems, details);
    }

    private static async Task CheckControlsAsync(LabBundles lab, LabKeys keys, StateFolders states, BundleVerifier verifier, WorkFolder work, List<string> problems, CancellationToken cancellationToken)
    {
        var controls = new[]
        {
            (lab.Full, TrustSetup.Fresh), (lab.Split, TrustSetup.Fresh), (lab.Other, TrustSetup.Fresh),
            (lab.Delta, new TrustSetup(TrustedSignerSet.ExportServer, LabBundles.FullSequence, "@full")),
        };
        foreach (var (folder, setup) in controls)
        {
            var trust = states.Resolve(setup);
            var result = await verifier.VerifyAsync(folder, trust.ToContext(keys), null, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                problems.Add($"control: the valid bundle '{folder}' was rejected ({result.Failure}: {result.Cause}), so the suite cannot tell acceptance from rejection");
            }
        }

        var cli = await RunCliAsync(lab.Full, states.Ensure(TrustSetup.Fresh), work, null, cancellationToken).ConfigureAwait(false);
        if (cli.ExitCode != ExitCodes.Success)
        {
            problems.Add($"control: cmdsync verify of the valid bundle exited {cli.ExitCode}: {cli.Problem}");
        }
    }

    private static async Task<(int ExitCode, string? Problem)> RunCliAsync(string folder, string stateFolder, WorkFolder work, string? destination, CancellationToken cancellationToken)
    {
        var before = (State: TreeHash.Of(stateFolder), Destination: destination is null ? null : TreeHash.Of(destination));
        var (exitCode, output) = await CmdsyncProcess.RunAsync(["verify", folder, "--state", stateFolder, "--log", work.Combine("logs", "cmdsync.log"), "--json"], cancellationToken).ConfigureAwait(false);
        var problem = new StringBuilder();
        if (TreeHash.Of(stateFolder) != before.State)
        {
            problem.Append("cmdsync verify changed the state folder. ");
        }

        if (destination is not null && TreeHash.Of(destination) != before.Destination)
        {
            problem.Append("cmdsync verify changed the destination. ");
        }

        if (exitCode is ExitCodes.Failure or ExitCodes.Usage)
        {
            problem.Append(output);
        }

        return (exitCode, problem.Length == 0 ? null : problem.ToString());
    }

    private static string TemplateFolder(LabBundles lab, BundleTemplate template) => template switch
    {
        BundleTemplate.Full => lab.Full,
        BundleTemplate.Split => lab.Split,
        BundleTemplate.Other => lab.Other,
        _ => lab.Delta,
    };

    private static void DeleteTree(string folder) => Directory.Delete(folder, recursive: true);

    /// <summary>One disconnected-side state folder per trust setup (trusted-signers.txt, state.json), made once and hashed.</summary>
    private sealed class StateFolders(string root, LabKeys keys, LabBundles lab)
    {
        private readonly Dictionary<string, (string Folder, string Hash)> _made = new(StringComparer.Ordinal);

        public TrustSetup Resolve(TrustSetup setup) => setup with
        {
            LastManifestSha256 = setup.LastManifestSha256 switch
            {
                "@full" => lab.FullManifestSha256,
                "@other" => lab.OtherManifestSha256,
                var other => other,
            },
        };

        public string Ensure(TrustSetup setup)
        {
            if (_made.TryGetValue(setup.Key, out var made))
            {
                return made.Folder;
            }

            var folder = Path.Combine(root, setup.Key);
            Directory.CreateDirectory(folder);
            var store = new DisconnectedStateStore(folder, new FixedClock(LabKeys.Now), StateFolderProtections.ForThisComputer());
            store.SaveTrustedSignersAsync(setup.TrustedSigners(keys), CancellationToken.None).GetAwaiter().GetResult();
            if (setup.LastSequence is not null)
            {
                File.WriteAllText(Path.Combine(folder, DisconnectedStateStore.StateFileName), string.Create(CultureInfo.InvariantCulture,
                    $$"""{"formatVersion":"1.0","lastAccepted":{"sequence":{{setup.LastSequence}},"manifestSha256":"{{setup.LastManifestSha256}}","bundleId":"previous","acceptedAtUtc":"2026-11-24T12:00:00.0000000Z"},"rollbackOverrides":[]}"""));
            }

            _made[setup.Key] = (folder, TreeHash.Of(folder));
            return folder;
        }

        public IEnumerable<string> ChangedFolders() => _made.Values.Where(m => TreeHash.Of(m.Folder) != m.Hash).Select(m => m.Folder);
    }
}
