#!/usr/bin/env bash
# Bundle engine benchmark (issue 4). Generates a content tree, then times in the same run, warm page cache:
#   bundle create + sync  vs  cp -r + sync (both timed until the data is on disk)
#   verify         vs  sha256sum over the same files (one process at a time)  and  openssl dgst -sha256 (one pass)
#   no-change delta scan  vs  rsync -a --dry-run
#   peak RSS of verifying a 1M-entry manifest (/usr/bin/time -v)
# Usage: bench/run.sh [--full] [--keep]
#   default: 1 GB in 5,000 files + 50,000 small files (a few minutes on 2 cores)
#   --full:  2 GB in 20,000 files + 100,000 small files (the sizes in issue 4)
#   BENCH_DIR=/path to choose the work folder (default /tmp/cmdsync-bench); it is deleted at the end unless --keep.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-/tmp/cmdsync-bench}"
LARGE_FILES=5000 LARGE_BYTES=$((1024*1024*1024)) SMALL_FILES=50000 MANIFEST_ENTRIES=1000000 KEEP=0
for arg in "$@"; do
  case "$arg" in
    --full) LARGE_FILES=20000 LARGE_BYTES=$((2*1024*1024*1024)) SMALL_FILES=100000 ;;
    --keep) KEEP=1 ;;
    *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
for tool in dotnet rsync openssl sha256sum /usr/bin/time; do command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }; done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CMDSYNC_PFX_PASSWORD=bench
echo "==> build (Release, net10.0)" >&2
dotnet build "$ROOT/src/CMDisconnectedSync.Cli/CMDisconnectedSync.Cli.csproj" -c Release -f net10.0 --nologo -v quiet -clp:ErrorsOnly >&2
dotnet build "$ROOT/bench/CMDisconnectedSync.Bench/CMDisconnectedSync.Bench.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
CMDSYNC=(dotnet "$ROOT/src/CMDisconnectedSync.Cli/bin/Release/net10.0/cmdsync.dll")
BENCH=(dotnet "$ROOT/bench/CMDisconnectedSync.Bench/bin/Release/net10.0/CMDisconnectedSync.Bench.dll")

rm -rf "$WORK"; mkdir -p "$WORK/meta"
trap '[ "$KEEP" = 1 ] || rm -rf "$WORK"' EXIT
T="$WORK/WsusContent"
echo "==> generate $LARGE_FILES files ($((LARGE_BYTES/1024/1024)) MiB) + $SMALL_FILES small files in $T" >&2
"${BENCH[@]}" gen-tree "$T" "$LARGE_FILES" "$LARGE_BYTES" "$SMALL_FILES"
head -c 1048576 /dev/urandom > "$WORK/meta/export.xml.gz"; echo "export log" > "$WORK/meta/export.log"
"${CMDSYNC[@]}" keys new --out "$WORK/keys/bench.pfx" --log "$WORK/log" >/dev/null 2>&1
"${CMDSYNC[@]}" keys trust "$WORK/keys/bench.cer" --state "$WORK/state" --log "$WORK/log" >/dev/null
TREE_BYTES=$(du -sb "$T" | cut -f1); TREE_FILES=$(find "$T" -type f | wc -l)
find "$T" -type f -print0 | xargs -0 cat > /dev/null   # warm the page cache for every contender alike

declare -A SECONDS_OF RSS_OF
measure() { # measure <key> <command...>: elapsed seconds and peak RSS (KiB) of the command and its children
  local key="$1"; shift
  sync
  /usr/bin/time -f "%e %M" -o "$WORK/time.$key" "$@" > "$WORK/out.$key" 2>&1 || { echo "bench: '$*' failed:" >&2; cat "$WORK/out.$key" >&2; exit 1; }
  read -r SECONDS_OF[$key] RSS_OF[$key] < "$WORK/time.$key"
  echo "    $key: ${SECONDS_OF[$key]} s" >&2
}

echo "==> bundle create vs cp -r" >&2
measure cp bash -c "cp -r '$T' '$WORK/copy' && sync"
# + sync as for cp: bundle content is not flushed file by file (the manifest, written last, is), so the flush is timed here.
measure create bash -c "$(printf '%q ' "${CMDSYNC[@]}") bundle create --content '$T' --metadata '$WORK/meta/export.xml.gz' --metadata-log '$WORK/meta/export.log' \
  --out '$WORK/bundle' --sign-pfx '$WORK/keys/bench.pfx' --chain '$WORK/chain' --log '$WORK/log' && sync"

echo "==> verify vs sha256sum vs openssl" >&2
measure verify "${CMDSYNC[@]}" verify "$WORK/bundle" --state "$WORK/state" --log "$WORK/log"
measure sha256sum bash -c "find '$WORK/bundle' -type f -print0 | xargs -0 sha256sum > /dev/null"
measure openssl bash -c "find '$WORK/bundle' -type f -print0 | xargs -0 openssl dgst -sha256 > /dev/null"

echo "==> no-change delta scan vs rsync -a --dry-run" >&2
measure delta "${BENCH[@]}" delta "$T" "$WORK/chain"
measure rsync rsync -a --dry-run "$T/" "$WORK/copy/"

echo "==> 1M-entry manifest: generate, then verify (signature, trust, path checks, completeness)" >&2
"${BENCH[@]}" manifest-gen "$MANIFEST_ENTRIES" "$WORK/big-manifest" "$WORK/big-cert" >&2
measure manifest "${BENCH[@]}" manifest-verify "$WORK/big-manifest" "$(cat "$WORK/big-cert/thumbprint.txt")"
MANIFEST_MB=$(du -m "$WORK/big-manifest/manifest.json" | cut -f1)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 0.01; printf "%.2f", a / b }'; }
cat <<REPORT

CMDisconnectedSync bundle engine benchmark  ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), warm page cache)
Tree: $TREE_FILES files, $((TREE_BYTES/1024/1024)) MiB  |  manifest for RSS test: $MANIFEST_ENTRIES entries, $MANIFEST_MB MiB

                                 ours (s)  baseline (s)  ratio                          goal
create + sync  vs cp -r + sync   $(printf '%8s' "${SECONDS_OF[create]}")  $(printf '%12s' "${SECONDS_OF[cp]}")  $(ratio "${SECONDS_OF[cp]}" "${SECONDS_OF[create]}")x cp speed                  >= 0.9x
verify         vs sha256sum      $(printf '%8s' "${SECONDS_OF[verify]}")  $(printf '%12s' "${SECONDS_OF[sha256sum]}")  $(ratio "${SECONDS_OF[sha256sum]}" "${SECONDS_OF[verify]}")x faster                    >= 4x
verify         vs openssl dgst   $(printf '%8s' "${SECONDS_OF[verify]}")  $(printf '%12s' "${SECONDS_OF[openssl]}")  $(ratio "${SECONDS_OF[openssl]}" "${SECONDS_OF[verify]}")x faster                    >= 1.5x
no-change delta vs rsync -n      $(printf '%8s' "${SECONDS_OF[delta]}")  $(printf '%12s' "${SECONDS_OF[rsync]}")  $(ratio "${SECONDS_OF[delta]}" "${SECONDS_OF[rsync]}")x rsync's time              <= 1.0x
peak RSS, verify 1M-entry manifest: $((RSS_OF[manifest]/1024)) MiB (in $(printf '%s' "${SECONDS_OF[manifest]}") s)                   <= 512 MiB
(peak RSS of verify on the tree: $((RSS_OF[verify]/1024)) MiB; of bundle create: $((RSS_OF[create]/1024)) MiB)
REPORT
