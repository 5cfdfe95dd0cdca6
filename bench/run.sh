#!/usr/bin/env bash
# Bundle engine benchmark (issue 4). Generates a content tree, then times in the same run, warm page cache:
#   bundle create + sync  vs  cp -r + sync (both timed until the data is on disk)
#   verify         vs  sha256sum over the same files (one process at a time)  and  openssl dgst -sha256 (one pass)
#   no-change delta scan  vs  rsync -a --dry-run
#   peak RSS of verifying a 1M-entry manifest (/usr/bin/time -v)
# Each comparison runs its contenders interleaved (A B A B ...) BENCH_RUNS times (default 3) and reports medians of
# wall time and of CPU time (user+sys), so a busy machine slows both sides alike and is visible as wall >> CPU/cores.
# Usage: bench/run.sh [--full] [--keep]
#   default: 1 GB in 5,000 files + 50,000 small files (a few minutes on 2 cores)
#   --full:  2 GB in 20,000 files + 100,000 small files (the sizes in issue 4)
#   BENCH_DIR=/path to choose the work folder (default /tmp/cmdsync-bench); it is deleted at the end unless --keep.
#   BENCH_RUNS=N interleaved repetitions per comparison (default 3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-/tmp/cmdsync-bench}"
LARGE_FILES=5000 LARGE_BYTES=$((1024*1024*1024)) SMALL_FILES=50000 MANIFEST_ENTRIES=1000000 KEEP=0 RUNS="${BENCH_RUNS:-3}"
for arg in "$@"; do
  case "$arg" in
    --full) LARGE_FILES=20000 LARGE_BYTES=$((2*1024*1024*1024)) SMALL_FILES=100000 ;;
    --keep) KEEP=1 ;;
    *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
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

declare -A SECONDS_OF RSS_OF CPU_OF SAMPLES_OF
measure_once() { # measure_once <key> <command...>: appends elapsed seconds, CPU seconds and peak RSS (KiB) of the command and its children
  local key="$1"; shift
  sync
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.$key" "$@" > "$WORK/out.$key" 2>&1 || { echo "bench: '$*' failed:" >&2; cat "$WORK/out.$key" >&2; exit 1; }
  local e m u s; read -r e m u s < "$WORK/time.$key"
  SAMPLES_OF[$key]+="$e:$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }'):$m "
}
median_of() { # median_of <key> <field 1=wall 2=cpu 3=rss>
  tr ' ' '\n' <<< "${SAMPLES_OF[$1]}" | grep -v '^$' | cut -d: -f"$2" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
settle() { # settle <key>...: medians into SECONDS_OF / CPU_OF / RSS_OF, and the individual runs to stderr
  for key in "$@"; do
    SECONDS_OF[$key]=$(median_of "$key" 1); CPU_OF[$key]=$(median_of "$key" 2); RSS_OF[$key]=$(median_of "$key" 3)
    echo "    $key: median ${SECONDS_OF[$key]} s wall, ${CPU_OF[$key]} s CPU  (wall:cpu:rssKiB per run: ${SAMPLES_OF[$key]})" >&2
  done
}

CREATE_ARGS="bundle create --content '$T' --metadata '$WORK/meta/export.xml.gz' --metadata-log '$WORK/meta/export.log' --sign-pfx '$WORK/keys/bench.pfx' --log '$WORK/log'"
echo "==> bundle create vs cp -r ($RUNS interleaved runs)" >&2
for run in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/copy" "$WORK/bundle" "$WORK/chain"; sync
  measure_once cp bash -c "cp -r '$T' '$WORK/copy' && sync"
  # + sync as for cp, so both are timed until the data is on disk (create flushes every file itself before its manifest; the sync then finds little left).
  measure_once create bash -c "$(printf '%q ' "${CMDSYNC[@]}") $CREATE_ARGS --out '$WORK/bundle' --chain '$WORK/chain' && sync"
done
settle cp create

echo "==> verify vs sha256sum vs openssl ($RUNS interleaved runs)" >&2
for run in $(seq 1 "$RUNS"); do
  measure_once verify "${CMDSYNC[@]}" verify "$WORK/bundle" --state "$WORK/state" --log "$WORK/log"
  measure_once sha256sum bash -c "find '$WORK/bundle' -type f -print0 | xargs -0 sha256sum > /dev/null"
  measure_once openssl bash -c "find '$WORK/bundle' -type f -print0 | xargs -0 openssl dgst -sha256 > /dev/null"
done
settle verify sha256sum openssl

echo "==> no-change delta scan vs rsync -a --dry-run ($RUNS interleaved runs)" >&2
for run in $(seq 1 "$RUNS"); do
  measure_once delta "${BENCH[@]}" delta "$T" "$WORK/chain"
  measure_once rsync rsync -a --dry-run "$T/" "$WORK/copy/"
done
settle delta rsync

# The physical floor of verify: bytes to hash / (SHA-256 speed of one core x cores), SHA-256 speed from OpenSSL
# itself (the library .NET calls on Linux). Printed so a missed ratio can be judged against what is possible here.
SHA_MBPS=$(openssl speed -evp sha256 -bytes 1048576 -seconds 2 2>/dev/null | awk '/^sha256/ { sub(/k$/, "", $2); printf "%.0f", $2 * 1000 / 1048576 }')
BUNDLE_BYTES=$(du -sb "$WORK/bundle" | cut -f1)

echo "==> 1M-entry manifest: generate, then verify (signature, trust, path checks, completeness)" >&2
"${BENCH[@]}" manifest-gen "$MANIFEST_ENTRIES" "$WORK/big-manifest" "$WORK/big-cert" >&2
measure_once manifest "${BENCH[@]}" manifest-verify "$WORK/big-manifest" "$(cat "$WORK/big-cert/thumbprint.txt")"
settle manifest
MANIFEST_MB=$(du -m "$WORK/big-manifest/manifest.json" | cut -f1)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 0.01; printf "%.2f", a / b }'; }
row() { # row <label> <ours> <baseline> <ratio text> <goal>
  printf '%-32s %8s %8s  %12s %8s  %-28s %s\n' "$1" "${SECONDS_OF[$2]}" "${CPU_OF[$2]}" "${SECONDS_OF[$3]}" "${CPU_OF[$3]}" "$4" "$5"
}
cat <<REPORT

CMDisconnectedSync bundle engine benchmark  ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%dT%H:%MZ), warm page cache, $RUNS interleaved runs, medians)
Tree: $TREE_FILES files, $((TREE_BYTES/1024/1024)) MiB  |  manifest for RSS test: $MANIFEST_ENTRIES entries, $MANIFEST_MB MiB  |  load average at end: $(cut -d' ' -f1-3 /proc/loadavg)

                                 ours: wall    CPU  baseline: wall    CPU  ratio (wall)                 goal
$(row "create + sync  vs cp -r + sync" create cp "$(ratio "${SECONDS_OF[cp]}" "${SECONDS_OF[create]}")x cp speed" ">= 0.9x")
$(row "verify         vs sha256sum" verify sha256sum "$(ratio "${SECONDS_OF[sha256sum]}" "${SECONDS_OF[verify]}")x faster" ">= 4x")
$(row "verify         vs openssl dgst" verify openssl "$(ratio "${SECONDS_OF[openssl]}" "${SECONDS_OF[verify]}")x faster" ">= 1.5x")
$(row "no-change delta vs rsync -n" delta rsync "$(ratio "${SECONDS_OF[delta]}" "${SECONDS_OF[rsync]}")x rsync's time" "<= 1.0x")
peak RSS, verify 1M-entry manifest: $((RSS_OF[manifest]/1024)) MiB (in ${SECONDS_OF[manifest]} s)                   <= 512 MiB
(peak RSS of verify on the tree: $((RSS_OF[verify]/1024)) MiB; of bundle create: $((RSS_OF[create]/1024)) MiB)
verify floor here: $((BUNDLE_BYTES/1024/1024)) MiB / (${SHA_MBPS} MiB/s SHA-256 per core x $(nproc) cores) = $(awk -v b="$BUNDLE_BYTES" -v r="$SHA_MBPS" -v n="$(nproc)" 'BEGIN { printf "%.2f", b / 1048576 / r / n }') s of hashing alone
REPORT
