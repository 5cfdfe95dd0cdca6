#!/usr/bin/env bash
# CMDisconnectedSync build entry point. Verbs:
#   ./build.sh test   install what is missing, build everything in Release (net48 + net10.0), pack the MSI
#                     (the installer tests inspect it), run all tests,
#                     print "N passed, N failed, N skipped" from the TRX results; non-zero exit on any failure
#   ./build.sh demo   build and run the end-to-end lab (cmdsync demo)
#   ./build.sh build  restore and build in Release only
#   ./build.sh pack   build the shippable artifacts into artifacts/
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SOLUTION="$ROOT/CMDisconnectedSync.sln"
ARTIFACTS="$ROOT/artifacts"
CONFIGURATION="Release"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages the build and tests use, with the command that proves each is present.
#   wixl/msibuild/msiinfo: MSI build, patch (installer/README.md) + inspection; gcab/cabextract/osslsigncode: console extension cab;
#   rsync/openssl: benchmark baselines; mono + xvfb + imagemagick: WinForms smoke test and screenshots;
#   mono-devel: Mono's netstandard.dll facade, which the wizard's Core/Serilog/System.Text.Json assemblies need under Mono.
#   procps (/bin/kill) + util-linux (setsid): the Ctrl+C harness test sends SIGINT to cmdsync in a process group of its own.
#   time (/usr/bin/time -v): the hostile-media harness test measures cmdsync's peak memory.
DEBIAN_PACKAGES=(wixl msitools gcab cabextract osslsigncode rsync openssl xvfb xauth imagemagick
                 mono-runtime libmono-system-windows-forms4.0-cil mono-devel procps util-linux time)
REQUIRED_COMMANDS=(wixl msibuild msiinfo gcab cabextract osslsigncode rsync openssl xvfb-run import mono setsid mkfifo /bin/kill /usr/bin/time)

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

ensure_tools() {
  command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH; install .NET 10 SDK first"
  local missing=()
  for tool in "${REQUIRED_COMMANDS[@]}"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  # The WinForms assembly is a library, not a command: check its file.
  ls /usr/lib/mono/4.5/System.Windows.Forms.dll >/dev/null 2>&1 || missing+=("System.Windows.Forms (mono)")
  ls /usr/lib/mono/4.5/Facades/netstandard.dll >/dev/null 2>&1 || missing+=("netstandard facade (mono-devel)")
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    die "missing tools: ${missing[*]}. Run as root once, or: sudo apt-get install ${DEBIAN_PACKAGES[*]}"
  fi
  log "installing Debian packages for: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${DEBIAN_PACKAGES[@]}" >/dev/null
}

build() {
  log "restore"
  dotnet restore "$SOLUTION" --nologo -v quiet
  log "build ($CONFIGURATION, net48 + net10.0)"
  dotnet build "$SOLUTION" -c "$CONFIGURATION" --no-restore --nologo -v quiet -clp:ErrorsOnly
  check_net48_outputs
}

# What ships is net48: prove every shippable project produced it, not just the net10.0 test build.
check_net48_outputs() {
  local project name assembly found=0 output
  for project in "$ROOT"/src/*/*.csproj; do
    name="$(basename "$project" .csproj)"
    grep -q 'ShippableTargetFrameworks\|net48' "$project" || continue
    assembly="$(sed -n 's:.*<AssemblyName>\(.*\)</AssemblyName>.*:\1:p' "$project")"
    assembly="${assembly:-$name}"
    output="$(dirname "$project")/bin/$CONFIGURATION/net48/$assembly"
    if [ ! -f "$output.dll" ] && [ ! -f "$output.exe" ]; then
      die "no net48 build of $name (expected bin/$CONFIGURATION/net48/$assembly.dll or .exe)"
    fi
    found=$((found + 1))
  done
  log "net48 assemblies present for $found shippable projects"
}

run_tests() {
  local results="$ARTIFACTS/test-results"
  rm -rf "$results"
  mkdir -p "$results"
  log "test"
  local status=0
  dotnet test --solution "$SOLUTION" -c "$CONFIGURATION" --no-build \
    --report-trx --results-directory "$results" || status=$?
  local summary
  summary="$(python3 "$ROOT/eng/trx-summary.py" "$results")" || die "could not read test results in $results"
  echo "$summary"
  if [ "$status" -ne 0 ]; then return "$status"; fi
  case "$summary" in *" 0 failed"*) return 0 ;; *) return 1 ;; esac
}

demo() {
  log "build cmdsync"
  dotnet build "$ROOT/src/CMDisconnectedSync.Cli/CMDisconnectedSync.Cli.csproj" -c "$CONFIGURATION" -f net10.0 --nologo -v quiet -clp:ErrorsOnly
  log "cmdsync demo"
  dotnet "$ROOT/src/CMDisconnectedSync.Cli/bin/$CONFIGURATION/net10.0/cmdsync.dll" demo "$@"
}

# ConfigMgr 2103+ console extension: stage the cab from the console model (cmdsync console generate), then pack and
# Authenticode-sign it (eng/pack-console-extension-cab.sh; lab certificate unless CONSOLE_EXTENSION_SIGN_CERT and
# CONSOLE_EXTENSION_SIGN_KEY name PEM files). No payload: the actions start the app the MSI installs in
# C:\Program Files\CMDisconnectedSync, and Microsoft documents no deployment element for an executable payload
# (ExtensionManifestWriter), so the cab carries only the actions, the node and manifest.xml.
build_console_extension() {
  local work="$ARTIFACTS/console-extension"
  local sign_args=()
  rm -rf "$work/stage"
  mkdir -p "$work"
  [ -n "${CONSOLE_EXTENSION_SIGN_CERT:-}" ] && sign_args=("$CONSOLE_EXTENSION_SIGN_CERT" "${CONSOLE_EXTENSION_SIGN_KEY:?set CONSOLE_EXTENSION_SIGN_KEY too}")
  log "console extension cab"
  dotnet "$ROOT/src/CMDisconnectedSync.Cli/bin/$CONFIGURATION/net10.0/cmdsync.dll" console generate \
    --cab-stage "$work/stage" --log "$work/generate.log"
  "$ROOT/eng/pack-console-extension-cab.sh" "$work/stage" "$ARTIFACTS/CMDisconnectedSync.ConsoleExtension.cab" "${sign_args[@]}"
}

# The product version: VersionPrefix in Directory.Build.props, the single source (assemblies, MSI, cab manifest).
product_version() {
  sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$ROOT/Directory.Build.props" | head -n 1
}

# artifacts/CMDisconnectedSync.msi from the net48 publish output of installer/shipped-projects.txt, the console
# extension cab (when build_console_extension exists) and console-xml/. Needs build() first (publish --no-build).
pack() {
  local version publish="$ARTIFACTS/publish" project name area
  local harvest_args=()
  version="$(product_version)"
  [ -n "$version" ] || die "no <VersionPrefix> in $ROOT/Directory.Build.props"
  rm -rf "$publish"
  while read -r project; do
    case "$project" in ''|'#'*) continue ;; esac
    if [ ! -f "$ROOT/$project" ]; then
      log "pack: $project is not in this tree (yet); the MSI ships without it"
      continue
    fi
    name="$(basename "$project" .csproj)"
    area="${name#CMDisconnectedSync.}"
    log "publish $name (net48) -> artifacts/publish/$area"
    dotnet publish "$ROOT/$project" -c "$CONFIGURATION" -f net48 --no-build --nologo -v quiet -clp:ErrorsOnly \
      -o "$publish/$area"
    harvest_args+=(--publish "$area=$publish/$area")
  done < "$ROOT/installer/shipped-projects.txt"
  [ ${#harvest_args[@]} -gt 0 ] || die "pack: none of the projects in installer/shipped-projects.txt exists"

  # The MSI places the signed cab in the install folder, so it is built first.
  build_console_extension

  log "msi $version (wixl)"
  dotnet "$ROOT/installer/Harvest/bin/$CONFIGURATION/net10.0/msi-harvest.dll" \
    --version "$version" --installer "$ROOT/installer" --work "$ARTIFACTS/installer" \
    --out "$ARTIFACTS/CMDisconnectedSync.msi" "${harvest_args[@]}" \
    --console-xml "$ROOT/console-xml" --cab "$ARTIFACTS/CMDisconnectedSync.ConsoleExtension.cab"
}

verb="${1:-}"
[ $# -gt 0 ] && shift
case "$verb" in
  test)  ensure_tools; build; pack; run_tests ;;
  demo)  command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"; demo "$@" ;;
  build) build ;;
  pack)  ensure_tools; build; pack ;;
  *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; [ -z "$verb" ] && exit 2; die "unknown verb '$verb'" ;;
esac
