#!/usr/bin/env bash
# Import content step benchmark (issue 20, goal: >= 0.9x `cp -r` + sync). Separate from bench/run.sh on purpose.
# Generates a WsusContent-shaped tree (a few hundred 1-300 MiB-class files plus many small ones in XX/ folders), makes
# a signed bundle of it, then times in the same run, interleaved (A B A B ...), each contender's input re-read untimed
# just before it (this VM evicts page-cache pages idle for ~6 s, so a cache warmed once is cold again later):
#   ours:     bench `install-content` = BundleContentInstaller.InstallAsync into an empty WsusContent (hash while
#             copying, batch flush, rename), the content verification reused as after the wizard or on a resume
#   baseline: cp -r <bundle>/content <dest> && sync
# Printed per contender (medians): wall seconds, process CPU (user+sys) and whole-machine busy CPU from /proc/stat
# (the kernel's write-back work is invisible in cp's own CPU time), and the load average; a shared machine makes wall
# time noisy, CPU time much less so.
# Usage: bench/import.sh [--quick] [--keep]
#   default: 3 GiB in 300 large files + 30,000 small files (the issue's tree)
#   --quick: 1 GiB in 200 large files + 10,000 small files
#   BENCH_DIR=/path (default /tmp/cmdsync-import-bench; deleted at the end unless --keep), BENCH_RUNS=N (default 3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-/tmp/cmdsync-import-bench}"
LARGE_FILES=300 LARGE_BYTES=$((3*1024*1024*1024)) SMALL_FILES=30000 KEEP=0 RUNS="${BENCH_RUNS:-3}"
for arg in "$@"; do
  case "$arg" in
    --quick) LARGE_FILES=200 LARGE_BYTES=$((1024*1024*1024)) SMALL_FILES=10000 ;;
    --keep) KEEP=1 ;;
    *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
for tool in dotnet openssl /usr/bin/time; do command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }; done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CMDSYNC_PFX_PASSWORD=bench
echo "==> build (Release, net10.0)" >&2
dotnet build "$ROOT/src/CMDisconnectedSync.Cli/CMDisconnectedSync.Cli.csproj" -c Release -f net10.0 --nologo -v quiet -clp:ErrorsOnly >&2
dotnet build "$ROOT/bench/CMDisconnectedSync.Bench/CMDisconnectedSync.Bench.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
CMDSYNC=(dotnet "$ROOT/src/CMDisconnectedSync.Cli/bin/Release/net10.0/cmdsync.dll")
BENCH=(dotnet "$ROOT/bench/CMDisconnectedSync.Bench/bin/Release/net10.0/CMDisconnectedSync.Bench.dll")

rm -rf "$WORK"; mkdir -p "$WORK/meta"
trap '[ "$KEEP" = 1 ] || rm -rf "$WORK"' EXIT
echo "==> generate $LARGE_FILES files ($((LARGE_BYTES/1024/1024)) MiB) + $SMALL_FILES small files, and a signed bundle of them" >&2
"${BENCH[@]}" gen-tree "$WORK/WsusContent" "$LARGE_FILES" "$LARGE_BYTES" "$SMALL_FILES"
head -c 1048576 /dev/urandom > "$WORK/meta/export.xml.gz"; echo "export log" > "$WORK/meta/export.log"
"${CMDSYNC[@]}" keys new --out "$WORK/keys/bench.pfx" --log "$WORK/log" >/dev/null 2>&1
"${CMDSYNC[@]}" bundle create --content "$WORK/WsusContent" --metadata "$WORK/meta/export.xml.gz" --metadata-log "$WORK/meta/export.log" \
  --sign-pfx "$WORK/keys/bench.pfx" --log "$WORK/log" --out "$WORK/bundle" >/dev/null
THUMB=$( (openssl x509 -in "$WORK/keys/bench.cer" -noout -fingerprint -sha1 2>/dev/null || openssl x509 -inform der -in "$WORK/keys/bench.cer" -noout -fingerprint -sha1) | sed 's/.*=//; s/://g')
rm -rf "$WORK/WsusContent"
BYTES=$(du -sb "$WORK/bundle/content" | cut -f1); FILES=$(find "$WORK/bundle/content" -type f | wc -l)

busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; } # user nice system irq softirq steal
declare -A SAMPLES
run_once() { # run_once <key> <command...>: re-read the input untimed, then time the command; appends wall:cpu:machine
  local key="$1"; shift
  rm -rf "$WORK/dest"; sync
  find "$WORK/bundle" -type f -print0 | xargs -0 cat > /dev/null
  local before after; before=$(busy_ticks)
  /usr/bin/time -f "%e %U %S" -o "$WORK/time.$key" "$@" > "$WORK/out.$key" 2>&1 || { echo "bench: '$*' failed:" >&2; cat "$WORK/out.$key" >&2; exit 1; }
  after=$(busy_ticks)
  local e u s; read -r e u s < "$WORK/time.$key"
  SAMPLES[$key]+="$e:$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }'):$(awk -v a="$after" -v b="$before" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (a - b) / hz }') "
  [ "$key" = ours ] && echo "    ours: $(cat "$WORK/out.$key")" >&2 || true
}
median() { tr ' ' '\n' <<< "${SAMPLES[$1]}" | grep -v '^$' | cut -d: -f"$2" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "==> import content step vs cp -r + sync ($RUNS interleaved runs, $FILES files, $((BYTES/1024/1024)) MiB)" >&2
for ((i = 1; i <= RUNS; i++)); do
  run_once ours "${BENCH[@]}" install-content "$WORK/bundle" "$WORK/dest" "$THUMB"
  run_once cp bash -c "cp -r '$WORK/bundle/content' '$WORK/dest' && sync"
done
for key in ours cp; do echo "    $key: wall:cpu:machine-busy per run: ${SAMPLES[$key]}" >&2; done

OURS=$(median ours 1) CP=$(median cp 1)
echo
echo "import content step, $FILES files, $((BYTES/1024/1024)) MiB, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| contender | wall (s) | process CPU (s) | machine busy CPU (s) |\n|---|---|---|---|\n'
printf '| ours (install-content) | %s | %s | %s |\n' "$OURS" "$(median ours 2)" "$(median ours 3)"
printf '| cp -r + sync | %s | %s | %s |\n' "$CP" "$(median cp 2)" "$(median cp 3)"
awk -v o="$OURS" -v c="$CP" 'BEGIN { printf "ratio: %.2fx cp speed (goal >= 0.9x; wall, medians)\n", c / o }'
