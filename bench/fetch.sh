#!/usr/bin/env bash
# Deployment content fetch benchmark (issue 18): HttpContentDownloader vs curl, same files, same lab server, same run.
#   Generates BENCH_FETCH_FILES files (default 32) of BENCH_FETCH_MIB MiB each (default 8) of random bytes, starts the lab
#   download server (src/CMDisconnectedSync.Lab/Downloads/LabDownloadServer.cs) on 127.0.0.1, then runs, interleaved
#   (ours curl ours curl ...) BENCH_RUNS times (default 3), each side with BENCH_FETCH_PARALLEL connections (default 4):
#     ours: HttpContentDownloader (download to .partial, SHA-1 check of every file, rename) from bench/CMDisconnectedSync.Bench.Fetch
#     curl: xargs -P <parallel> curl -sf -o <file> <url>  (no digest check: curl's best case)
#   and prints the median wall time of each, MiB/s, and the throughput ratio ours/curl.
# Usage: bench/fetch.sh            BENCH_DIR=/path chooses the work folder (default /tmp/cmdsync-fetch-bench, deleted at the end)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-/tmp/cmdsync-fetch-bench}"
FILES="${BENCH_FETCH_FILES:-32}" MIB="${BENCH_FETCH_MIB:-8}" PARALLEL="${BENCH_FETCH_PARALLEL:-4}" RUNS="${BENCH_RUNS:-3}"
for tool in dotnet curl xargs; do command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }; done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "==> build (Release)" >&2
dotnet build "$ROOT/bench/CMDisconnectedSync.Bench.Fetch/CMDisconnectedSync.Bench.Fetch.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
FETCH=(dotnet "$ROOT/bench/CMDisconnectedSync.Bench.Fetch/bin/Release/net10.0/CMDisconnectedSync.Bench.Fetch.dll")

rm -rf "$WORK"; mkdir -p "$WORK/served"
SERVER_PID=""
cleanup() { if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT

echo "==> generate $FILES files of $MIB MiB in $WORK/served" >&2
for i in $(seq -w 1 "$FILES"); do head -c $((MIB * 1024 * 1024)) /dev/urandom > "$WORK/served/windows10.0-kb50$i-x64.cab"; done
TOTAL_BYTES=$((FILES * MIB * 1024 * 1024))

echo "==> start the lab download server" >&2
coproc SERVER { "${FETCH[@]}" serve "$WORK/served"; }
SERVER_PID=$SERVER_PID
read -r BASE_URL <&"${SERVER[0]}"
echo "    $BASE_URL" >&2
(cd "$WORK/served" && ls) > "$WORK/names"

ours=() theirs=()
for run in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/ours" "$WORK/curl"; mkdir -p "$WORK/curl"
  read -r seconds bytes < <("${FETCH[@]}" fetch "$WORK/served" "$BASE_URL" "$WORK/ours" "$PARALLEL")
  [ "$bytes" = "$TOTAL_BYTES" ] || { echo "bench: ours fetched $bytes bytes, expected $TOTAL_BYTES" >&2; exit 1; }
  ours+=("$seconds")
  start=$(date +%s.%N)
  (cd "$WORK/curl" && sed "s|^|$BASE_URL|" "$WORK/names" | xargs -P "$PARALLEL" -n 1 curl -sf -O)
  end=$(date +%s.%N)
  [ "$(cat "$WORK"/curl/* | wc -c)" = "$TOTAL_BYTES" ] || { echo "bench: curl fetched the wrong number of bytes" >&2; exit 1; }
  theirs+=("$(echo "$end - $start" | bc -l)")
  echo "    run $run: ours ${ours[-1]} s, curl ${theirs[-1]} s" >&2
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
o=$(median "${ours[@]}") c=$(median "${theirs[@]}")
mib=$(echo "$TOTAL_BYTES / 1048576" | bc -l)
printf 'fetch %d files, %d MiB, %d connections, median of %d interleaved runs\n' "$FILES" "$((FILES * MIB))" "$PARALLEL" "$RUNS"
printf '  HttpContentDownloader (with SHA-1 check): %.3f s  %.1f MiB/s\n' "$o" "$(echo "$mib / $o" | bc -l)"
printf '  curl (no check):                          %.3f s  %.1f MiB/s\n' "$c" "$(echo "$mib / $c" | bc -l)"
printf '  throughput ratio ours/curl: %.2f\n' "$(echo "$c / $o" | bc -l)"
