using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Harness.Support;
using CMDisconnectedSync.Signing;
using static CMDisconnectedSync.Cli.ExitCodes;

namespace CMDisconnectedSync.Harness.Attacks;

/// <summary>
/// Every kind of hostile bundle the suite makes, as generators: given a seeded random, each returns one attack with
/// the documented exit codes (src/CMDisconnectedSync.Cli/ExitCodes.cs) a correct rejection may carry. Several codes
/// are allowed only where the damage is random and the first failing check depends on where it lands (a flipped
/// manifest byte may break the JSON, the version, or only the signature).
/// </summary>
internal static class AttackCatalog
{
    /// <summary>Path forms that must never be written: traversal, rooted, drive, UNC, ADS, devices, trailing dot/space, bad characters.</summary>
    public static readonly IReadOnlyList<string> HostilePaths =
    [
        "../escape.cab", "../../../../etc/cron.d/x", "0A/../../escape.cab", "0A/../0A/x.cab", "0A/./x.cab", "./x.cab", ".", "..", "0A/..",
        "/etc/passwd", "/0A/x.cab", "C:/Windows/System32/x.dll", "C:x.cab", "c:/x", "Z:\\x.cab", "//server/share/x.cab", "\\\\server\\share\\x.cab",
        "\\\\?\\C:\\x.cab", "//?/C:/x.cab", "//./pipe/x", "0A\\..\\..\\x.cab", "0A\\x.cab", "x.cab:hidden", "0A/x.cab:Zone.Identifier",
        "0A/x.cab::$DATA", "CON", "con.cab", "0A/NUL", "0A/nul.txt", "AUX.log", "PRN", "COM1.cab", "0A/LPT9.exe", "COM\u00B9.cab", "LPT\u00B3",
        "CONIN$", "conout$.txt", "COM0", "0A/x.cab.", "0A/x.cab ", "0A./x.cab", "0A /x.cab", "...", "0A/x<1>.cab", "0A/x|y.cab", "0A/x?.cab",
        "0A/x*.cab", "0A/\"x\".cab", "0A/x\u0000.cab", "0A/x\u001F.cab", "0A/x\u007F.cab", "", " ", "0A//x.cab", "0A/", "/", "//",
    ];

    /// <summary>All generators, in the order the suite cycles through them.</summary>
    public static IReadOnlyList<Func<Random, Attack>> Generators { get; } =
    [
        FlipManifestByte, FlipSignatureByte, FlipContentByte, FlipMetadataByte, TruncateManifest, TruncateSignature, ResizeContentFile,
        ExtraFile, ExtraVolume, ManifestCopiedToRoot, MissingFile, MissingVolume, MissingManifestOrSignature,
        DuplicateEntry, ReorderedEntries, PathTraversal, CaseDuplicate, Symlink,
        WrongSigner, SignatureOverDifferentBytes, Replay, Rollback, MixAndMatch, BaseMismatch, SignedSchemaViolation, SignedSizeOrHashLie,
    ];

    private static HashSet<int> Codes(params int[] codes) => [.. codes];

    private static BundleTemplate FullOrSplit(Random r) => r.Next(2) == 0 ? BundleTemplate.Full : BundleTemplate.Split;

    private static Attack FlipManifestByte(Random r) => new("byte-flip", "manifest", FullOrSplit(r), TrustSetup.Fresh,
        Codes(BundleManifestMalformed, BundleFormatUnsupported, BundleSignatureInvalid), t => FlipByte(ManifestEditor.ManifestPath(t.Folder), t.Random));

    private static Attack FlipSignatureByte(Random r) => new("byte-flip", "signature", FullOrSplit(r), TrustSetup.Fresh,
        // A flip inside the embedded certificate's unsigned-by-the-CMS fields changes its thumbprint: untrusted.
        Codes(BundleSignatureInvalid, BundleSignerUntrusted), t => FlipByte(ManifestEditor.SignaturePath(t.Folder), t.Random));

    private static Attack FlipContentByte(Random r) => new("byte-flip", "content", FullOrSplit(r), TrustSetup.Fresh,
        Codes(BundleHashMismatch), t => FlipByte(Pick(StoredFiles(t.Folder, f => (f.Contains("/content/", StringComparison.Ordinal) || f.Contains("/parts/", StringComparison.Ordinal)) && new FileInfo(f).Length > 0), t.Random), t.Random));

    private static Attack FlipMetadataByte(Random r) => new("byte-flip", "metadata", FullOrSplit(r), TrustSetup.Fresh,
        Codes(BundleHashMismatch), t => FlipByte(Pick(StoredFiles(t.Folder, f => f.Contains("/metadata/", StringComparison.Ordinal)), t.Random), t.Random));

    // The signature is checked before the manifest is parsed (issue 19): a cut manifest is refused as 14, not 11.
    private static Attack TruncateManifest(Random r) => new("truncation", "manifest", FullOrSplit(r), TrustSetup.Fresh,
        Codes(BundleSignatureInvalid), t => Truncate(ManifestEditor.ManifestPath(t.Folder), t.Random));

    private static Attack TruncateSignature(Random r) => new("truncation", "signature", FullOrSplit(r), TrustSetup.Fresh,
        Codes(BundleSignatureInvalid), t => Truncate(ManifestEditor.SignaturePath(t.Folder), t.Random));

    private static Attack ResizeContentFile(Random r) => r.Next(2) == 0
        ? new("truncation", "content-shorter", FullOrSplit(r), TrustSetup.Fresh, Codes(BundleSizeMismatch),
            t => Truncate(Pick(StoredFiles(t.Folder, f => !f.EndsWith(BundleLayout.ManifestFileName, StringComparison.Ordinal) && !f.EndsWith(BundleLayout.SignatureFileName, StringComparison.Ordinal) && new FileInfo(f).Length > 0), t.Random), t.Random))
        : new("truncation", "content-longer", FullOrSplit(r), TrustSetup.Fresh, Codes(BundleSizeMismatch),
            t => File.AppendAllText(Pick(StoredFiles(t.Folder, f => f.Contains("/content/", StringComparison.Ordinal) || f.Contains("/parts/", StringComparison.Ordinal)), t.Random), "appended"));

    private static Attack ExtraFile(Random r)
    {
        var template = FullOrSplit(r);
        string[] places = template == BundleTemplate.Full
            ? ["readme.txt", "content/0A/0A1B2C3E.cab", "content/new/payload.exe", "metadata/export2.xml.gz", "manifest.json.bak", "volume-001/manifest.json", "content/0A/0A1B2C3D.cab.cmdsync-partial", "parts/7C/7C00AA11.psf.001"]
            : ["volume-001/readme.txt", "volume-002/content/0A/0A1B2C3E.cab", "volume-001/metadata/export2.xml.gz", "volume-002/parts/7C/7C00AA11.psf.009", "autorun.inf", "volume-001/content/7C/7C00AA11.psf"];
        var place = places[r.Next(places.Length)];
        return new("extra-file", place, template, TrustSetup.Fresh, Codes(BundleUnexpectedFile), t => WriteFile(t.Folder, place, LabBundles.Bytes(100, 9)));
    }

    private static Attack ExtraVolume(Random r)
    {
        var template = FullOrSplit(r);
        return new("extra-volume", template.ToString(), template, TrustSetup.Fresh, Codes(BundleUnexpectedFile), t =>
        {
            var next = Directory.GetDirectories(t.Folder, "volume-*").Length + 1;
            WriteFile(t.Folder, BundleLayout.VolumeFolder(next) + "/content/0A/0A1B2C3D.cab", LabBundles.Bytes(3000, 4));
        });
    }

    /// <summary>A split bundle's manifest (and maybe signature) copied to the root: the verifier must not read it as an unsplit bundle.</summary>
    private static Attack ManifestCopiedToRoot(Random r)
    {
        var withSignature = r.Next(2) == 0;
        return new("extra-file", withSignature ? "split-manifest+signature-at-root" : "split-manifest-at-root", BundleTemplate.Split, TrustSetup.Fresh,
            Codes(BundleManifestMalformed, BundleSignatureMissing), t =>
            {
                File.Copy(Path.Combine(t.Folder, "volume-001", BundleLayout.ManifestFileName), Path.Combine(t.Folder, BundleLayout.ManifestFileName));
                if (withSignature)
                {
                    File.Copy(Path.Combine(t.Folder, "volume-001", BundleLayout.SignatureFileName), Path.Combine(t.Folder, BundleLayout.SignatureFileName));
                }
            });
    }

    private static Attack MissingFile(Random r) => new("missing-file", "content-or-metadata-or-part", FullOrSplit(r), TrustSetup.Fresh,
        Codes(BundleFileMissing), t => File.Delete(Pick(StoredFiles(t.Folder, f => !f.EndsWith(BundleLayout.ManifestFileName, StringComparison.Ordinal) && !f.EndsWith(BundleLayout.SignatureFileName, StringComparison.Ordinal)), t.Random)));

    private static Attack MissingVolume(Random r)
    {
        var first = r.Next(4) == 0;
        return new("missing-volume", first ? "volume-001" : "volume-002+", BundleTemplate.Split, TrustSetup.Fresh,
            first ? Codes(BundleManifestMissing) : Codes(BundleVolumeMissing), t =>
            {
                var volumes = Directory.GetDirectories(t.Folder, "volume-*").Order(StringComparer.Ordinal).ToList();
                Directory.Delete(first ? volumes[0] : volumes[1 + t.Random.Next(volumes.Count - 1)], recursive: true);
            });
    }

    private static Attack MissingManifestOrSignature(Random r)
    {
        var manifest = r.Next(2) == 0;
        return new("missing-file", manifest ? "manifest" : "signature", FullOrSplit(r), TrustSetup.Fresh,
            manifest ? Codes(BundleManifestMissing) : Codes(BundleSignatureMissing),
            t => File.Delete(manifest ? ManifestEditor.ManifestPath(t.Folder) : ManifestEditor.SignaturePath(t.Folder)));
    }

    private static Attack DuplicateEntry(Random r) => new("manifest-entries", "duplicated (re-signed)", FullOrSplit(r), TrustSetup.Fresh,
        Codes(BundleManifestMalformed, BundleUnsafePath),
        t => ManifestEditor.Resign(t.Folder, m => ManifestEditor.Files(m).Add(ManifestEditor.PickFile(m, t.Random).DeepClone()), t.Keys.ExportServerSigner));

    private static Attack ReorderedEntries(Random r) => new("manifest-entries", "reordered (re-signed)", FullOrSplit(r), TrustSetup.Fresh,
        Codes(BundleManifestMalformed), t => ManifestEditor.Resign(t.Folder, m =>
        {
            var files = ManifestEditor.Files(m);
            var items = files.Select(f => f!.DeepClone()).ToList();
            var sorted = items.Select(i => (string)i!["path"]!).ToList();
            do
            {
                items = items.OrderBy(_ => t.Random.Next()).ToList();
            }
            while (items.Select(i => (string)i!["path"]!).SequenceEqual(sorted));
            files.Clear();
            items.ForEach(files.Add);
        }, t.Keys.ExportServerSigner, sortFiles: false));

    private static Attack PathTraversal(Random r)
    {
        var path = HostilePaths[r.Next(HostilePaths.Count)];
        var where = r.Next(4);
        var variant = (where switch { 0 => "content entry", 1 => "added content entry", 2 => "metadata entry", _ => "removedPaths" }) + ": " + Printable(path);
        return new("path-traversal", variant, BundleTemplate.Full, TrustSetup.Fresh, Codes(BundleUnsafePath), t => ManifestEditor.Resign(t.Folder, m =>
        {
            switch (where)
            {
                case 0:
                    ManifestEditor.PickFile(m, t.Random)["path"] = path;
                    break;
                case 1:
                    var added = ManifestEditor.PickFile(m, t.Random).DeepClone().AsObject();
                    added["path"] = path;
                    ManifestEditor.Files(m).Add(added);
                    break;
                case 2:
                    m["metadata"]![t.Random.Next(2) == 0 ? "package" : "log"]!["path"] = path;
                    break;
                default:
                    m["removedPaths"]!.AsArray().Add(path);
                    break;
            }
        }, t.Keys.ExportServerSigner));
    }

    private static Attack CaseDuplicate(Random r) => new("path-traversal", "case-duplicate entry", BundleTemplate.Full, TrustSetup.Fresh, Codes(BundleUnsafePath),
        t => ManifestEditor.Resign(t.Folder, m =>
        {
            var added = ManifestEditor.PickFile(m, t.Random).DeepClone().AsObject();
            var original = (string)added["path"]!;
            var changed = new string(original.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray());
            added["path"] = changed == original ? original + "X" : changed;
            ManifestEditor.Files(m).Add(added);
        }, t.Keys.ExportServerSigner));

    /// <summary>A file or folder replaced by a link: to a file outside, or to an outside folder holding the very same bytes.</summary>
    private static Attack Symlink(Random r)
    {
        var kind = r.Next(3);
        var template = FullOrSplit(r);
        var variant = kind switch { 0 => "file -> outside file", 1 => "folder -> outside copy", _ => "extra link -> outside" };
        return new("symlink", variant + " (" + template + ")", template, TrustSetup.Fresh, Codes(BundleUnsafePath), t =>
        {
            var files = StoredFiles(t.Folder, f => f.Contains("/content/", StringComparison.Ordinal));
            var victim = Pick(files, t.Random);
            switch (kind)
            {
                case 0:
                    var outsideFile = Path.Combine(t.Outside, "secret-" + t.Random.Next() + ".bin");
                    File.Copy(victim, outsideFile, overwrite: true);
                    File.Delete(victim);
                    File.CreateSymbolicLink(victim, outsideFile);
                    break;
                case 1:
                    var folder = Path.GetDirectoryName(victim)!;
                    var outsideFolder = Path.Combine(t.Outside, "folder-" + t.Random.Next());
                    TreeCopy.Copy(folder, outsideFolder);
                    Directory.Delete(folder, recursive: true);
                    Directory.CreateSymbolicLink(folder, outsideFolder);
                    break;
                default:
                    Directory.CreateSymbolicLink(Path.Combine(Path.GetDirectoryName(victim)!, "link"), t.Outside);
                    break;
            }
        });
    }

    private static Attack WrongSigner(Random r)
    {
        var kind = r.Next(3);
        return kind switch
        {
            0 => new("signer", "stranger's valid signature", FullOrSplit(r), TrustSetup.Fresh, Codes(BundleSignerUntrusted),
                t => ResignExact(t.Folder, new CmsManifestSigner(t.Keys.Stranger))),
            1 => new("signer", "expired certificate, not trusted", FullOrSplit(r), TrustSetup.Fresh, Codes(BundleSignerUntrusted),
                t => ResignExact(t.Folder, new CmsManifestSigner(t.Keys.Expired))),
            _ => new("signer", "expired certificate still in trusted-signers.txt", FullOrSplit(r), new TrustSetup(TrustedSignerSet.ExportServerAndExpired),
                Codes(BundleSignerUntrusted), t => ResignExact(t.Folder, new CmsManifestSigner(t.Keys.Expired))),
        };
    }

    private static Attack SignatureOverDifferentBytes(Random r)
    {
        var kind = r.Next(4);
        var variant = kind switch { 0 => "other bundle's signature", 1 => "signature over manifest + 1 byte", 2 => "SHA-1 digest", _ => "two signers" };
        return new("signature-mismatch", variant, BundleTemplate.Full, TrustSetup.Fresh, Codes(BundleSignatureInvalid), t =>
        {
            var manifest = File.ReadAllBytes(ManifestEditor.ManifestPath(t.Folder));
            var signature = ManifestEditor.SignaturePath(t.Folder);
            switch (kind)
            {
                case 0:
                    File.Copy(Path.Combine(t.Lab.Other, BundleLayout.SignatureFileName), signature, overwrite: true);
                    break;
                case 1:
                    File.WriteAllBytes(signature, t.Keys.ExportServerSigner.Sign([.. manifest, (byte)' ']));
                    break;
                case 2:
                    File.WriteAllBytes(signature, SignCms(manifest, (t.Keys.ExportServer, "1.3.14.3.2.26")));
                    break;
                default:
                    File.WriteAllBytes(signature, SignCms(manifest, (t.Keys.ExportServer, CmsManifestSigner.Sha256Oid), (t.Keys.Stranger, CmsManifestSigner.Sha256Oid)));
                    break;
            }
        });
    }

    private static Attack Replay(Random r) => r.Next(2) == 0
        ? new("replay", "same bundle again", BundleTemplate.Full, new TrustSetup(TrustedSignerSet.ExportServer, LabBundles.FullSequence, "@full"), Codes(BundleReplayed), _ => { })
        : new("replay", "same sequence, other manifest", BundleTemplate.Other, new TrustSetup(TrustedSignerSet.ExportServer, LabBundles.FullSequence + 1, "@full"), Codes(BundleReplayed), _ => { });

    private static Attack Rollback(Random r)
    {
        var last = LabBundles.FullSequence + 1 + r.Next(1000);
        return r.Next(2) == 0
            ? new("rollback", "older bundle, last accepted " + last, FullOrSplit(r), new TrustSetup(TrustedSignerSet.ExportServer, last, "@other"), Codes(BundleRolledBack), _ => { })
            : new("rollback", "sequence lowered (re-signed)", BundleTemplate.Full, new TrustSetup(TrustedSignerSet.ExportServer, LabBundles.FullSequence, "@full"), Codes(BundleRolledBack),
                t => ManifestEditor.Resign(t.Folder, m => m["sequence"] = 1 + t.Random.Next((int)LabBundles.FullSequence - 1), t.Keys.ExportServerSigner));
    }

    private static Attack MixAndMatch(Random r)
    {
        var kind = r.Next(4);
        var variant = kind switch { 0 => "manifest of full, content of other", 1 => "one content file from other", 2 => "metadata from other", _ => "split manifest, full bundle's files" };
        return new("mix-and-match", variant, kind == 3 ? BundleTemplate.Split : BundleTemplate.Full, TrustSetup.Fresh,
            kind switch
            {
                0 => Codes(BundleFileMissing, BundleUnexpectedFile, BundleSizeMismatch, BundleHashMismatch),
                1 => Codes(BundleSizeMismatch, BundleHashMismatch),
                2 => Codes(BundleSizeMismatch, BundleHashMismatch),
                _ => Codes(BundleVolumeMissing, BundleFileMissing, BundleUnexpectedFile),
            },
            t =>
            {
                switch (kind)
                {
                    case 0:
                        Directory.Delete(Path.Combine(t.Folder, "content"), recursive: true);
                        TreeCopy.Copy(Path.Combine(t.Lab.Other, "content"), Path.Combine(t.Folder, "content"));
                        break;
                    case 1:
                        var path = LabBundles.ContentFiles[t.Random.Next(LabBundles.ContentFiles.Count)].Path;
                        File.Copy(Path.Combine(t.Lab.Other, "content", path), Path.Combine(t.Folder, "content", path), overwrite: true);
                        break;
                    case 2:
                        File.Copy(Path.Combine(t.Lab.Other, "metadata", "export.log"), Path.Combine(t.Folder, "metadata", "export.log"), overwrite: true);
                        File.AppendAllText(Path.Combine(t.Folder, "metadata", "export.log"), "other run\n");
                        break;
                    default:
                        foreach (var volume in Directory.GetDirectories(t.Folder, "volume-*").Order(StringComparer.Ordinal).Skip(1))
                        {
                            Directory.Delete(volume, recursive: true);
                        }

                        Directory.Delete(Path.Combine(t.Folder, "volume-001", "metadata"), recursive: true);
                        TreeCopy.Copy(Path.Combine(t.Lab.Full, "content"), Path.Combine(t.Folder, "content"));
                        TreeCopy.Copy(Path.Combine(t.Lab.Full, "metadata"), Path.Combine(t.Folder, "metadata"));
                        break;
                }
            });
    }

    private static Attack BaseMismatch(Random r)
    {
        var kind = r.Next(4);
        return kind switch
        {
            0 => new("base-mismatch", "delta, nothing accepted yet", BundleTemplate.Delta, TrustSetup.Fresh, Codes(BundleBaseMismatch), _ => { }),
            1 => new("base-mismatch", "delta, same sequence other manifest", BundleTemplate.Delta, new TrustSetup(TrustedSignerSet.ExportServer, LabBundles.FullSequence, "@other"), Codes(BundleBaseMismatch), _ => { }),
            2 => new("base-mismatch", "delta, older state here", BundleTemplate.Delta, new TrustSetup(TrustedSignerSet.ExportServer, LabBundles.FullSequence - 1, "@full"), Codes(BundleBaseMismatch), _ => { }),
            _ => new("base-mismatch", "base hash edited (re-signed)", BundleTemplate.Delta, new TrustSetup(TrustedSignerSet.ExportServer, LabBundles.FullSequence, "@full"), Codes(BundleBaseMismatch),
                t => ManifestEditor.Resign(t.Folder, m => m["base"]!["manifestSha256"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), t.Keys.ExportServerSigner)),
        };
    }

    /// <summary>Manifests that break the schema's rules but carry a valid trusted signature.</summary>
    private static Attack SignedSchemaViolation(Random r)
    {
        (string Variant, Action<JsonObject, Random> Edit, int Code)[] edits =
        [
            ("formatVersion 2.0", (m, _) => m["formatVersion"] = "2.0", BundleFormatUnsupported),
            ("formatVersion missing", (m, _) => m.Remove("formatVersion"), BundleManifestMalformed),
            ("sequence 0", (m, _) => m["sequence"] = 0, BundleManifestMalformed),
            ("sequence negative", (m, _) => m["sequence"] = -5, BundleManifestMalformed),
            ("negative size", (m, rr) => ManifestEditor.PickFile(m, rr)["size"] = -1, BundleManifestMalformed),
            ("sha256 not hex", (m, rr) => ManifestEditor.PickFile(m, rr)["sha256"] = new string('z', 64), BundleManifestMalformed),
            ("sha256 uppercase", (m, rr) => ManifestEditor.PickFile(m, rr)["sha256"] = ((string)ManifestEditor.PickFile(m, rr)["sha256"]!).ToUpperInvariant(), BundleManifestMalformed),
            ("files missing", (m, _) => m.Remove("files"), BundleManifestMalformed),
            ("metadata log missing", (m, _) => m["metadata"]!.AsObject().Remove("log"), BundleManifestMalformed),
            ("entry path null", (m, rr) => ManifestEditor.PickFile(m, rr)["path"] = null, BundleManifestMalformed),
            ("volume out of range", (m, rr) => ManifestEditor.PickFile(m, rr)["volume"] = 7, BundleManifestMalformed),
            ("volumeCount negative", (m, _) => m["volumeCount"] = -1, BundleManifestMalformed),
            ("bundleId empty", (m, _) => m["bundleId"] = " ", BundleManifestMalformed),
            ("createdAtUtc not UTC", (m, _) => m["createdAtUtc"] = "2026-11-25T12:00:00+02:00", BundleManifestMalformed),
            ("base hash short", (m, _) => m["base"] = new JsonObject { ["sequence"] = 4, ["manifestSha256"] = "abc" }, BundleManifestMalformed),
            ("sizes overflow a long", (m, _) =>
            {
                foreach (var file in ManifestEditor.Files(m))
                {
                    file!["size"] = long.MaxValue / 2;
                }
            }, BundleManifestMalformed),
            ("manifest is an array", (m, _) => { }, BundleManifestMalformed),
        ];
        var (variant, edit, code) = edits[r.Next(edits.Length)];
        return new("signed-schema", variant, BundleTemplate.Full, TrustSetup.Fresh, Codes(code), t =>
        {
            if (variant == "manifest is an array")
            {
                var bytes = "[]"u8.ToArray();
                File.WriteAllBytes(ManifestEditor.ManifestPath(t.Folder), bytes);
                File.WriteAllBytes(ManifestEditor.SignaturePath(t.Folder), t.Keys.ExportServerSigner.Sign(bytes));
                return;
            }

            ManifestEditor.Resign(t.Folder, m => edit(m, t.Random), t.Keys.ExportServerSigner);
        });
    }

    /// <summary>The manifest lies about a file (trusted signature): and for split bundles about the parts and volumes.</summary>
    private static Attack SignedSizeOrHashLie(Random r)
    {
        var kind = r.Next(5);
        var variant = kind switch { 0 => "size +1", 1 => "sha256 of other bytes", 2 => "part sizes shifted", 3 => "parts renumbered", _ => "volumeCount +1" };
        var template = kind >= 2 ? BundleTemplate.Split : BundleTemplate.Full;
        return new("signed-lie", variant, template, TrustSetup.Fresh,
            kind switch
            {
                0 => Codes(BundleSizeMismatch),
                1 => Codes(BundleHashMismatch),
                2 => Codes(BundleSizeMismatch),
                3 => Codes(BundleManifestMalformed),
                _ => Codes(BundleVolumeMissing),
            },
            t => ManifestEditor.Resign(t.Folder, m =>
            {
                switch (kind)
                {
                    case 0:
                        var file = ManifestEditor.PickFile(m, t.Random, wholeOnly: true);
                        file["size"] = (long)file["size"]! + 1;
                        break;
                    case 1:
                        ManifestEditor.PickFile(m, t.Random, wholeOnly: true)["sha256"] = Convert.ToHexStringLower(SHA256.HashData(LabBundles.Bytes(10, t.Random.Next())));
                        break;
                    case 2:
                        var parts = ManifestEditor.Files(m).Select(f => f!["parts"]).First(p => p is not null)!.AsArray();
                        parts[0]!["size"] = (long)parts[0]!["size"]! - 1;
                        parts[1]!["size"] = (long)parts[1]!["size"]! + 1;
                        break;
                    case 3:
                        var numbered = ManifestEditor.Files(m).Select(f => f!["parts"]).First(p => p is not null)!.AsArray();
                        (numbered[0]!["index"], numbered[1]!["index"]) = (2, 1);
                        break;
                    default:
                        m["volumeCount"] = (int)m["volumeCount"]! + 1;
                        break;
                }
            }, t.Keys.ExportServerSigner));
    }

    private static void ResignExact(string folder, CmsManifestSigner signer) =>
        File.WriteAllBytes(ManifestEditor.SignaturePath(folder), signer.Sign(File.ReadAllBytes(ManifestEditor.ManifestPath(folder))));

    private static byte[] SignCms(byte[] content, params (X509Certificate2 Certificate, string DigestOid)[] signers)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        foreach (var (certificate, digest) in signers)
        {
            cms.ComputeSignature(new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate) { DigestAlgorithm = new Oid(digest), IncludeOption = X509IncludeOption.EndCertOnly }, silent: true);
        }

        return cms.Encode();
    }

    private static List<string> StoredFiles(string folder, Func<string, bool> predicate) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => f.Replace('\\', '/')).Where(predicate).Order(StringComparer.Ordinal).ToList();

    private static string Pick(List<string> items, Random random) => items[random.Next(items.Count)];

    private static void FlipByte(string path, Random random)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[random.Next(bytes.Length)] ^= (byte)(1 + random.Next(255));
        File.WriteAllBytes(path, bytes);
    }

    private static void Truncate(string path, Random random)
    {
        var length = new FileInfo(path).Length;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.SetLength(random.NextInt64(length));
    }

    private static void WriteFile(string folder, string relative, byte[] bytes)
    {
        var full = Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }

    private static string Printable(string path) =>
        string.Concat(path.Select(c => c < 0x20 || c == 0x7F ? $"\\u{(int)c:X4}" : c.ToString()));
}
