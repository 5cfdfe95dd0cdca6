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
#   wine + wine64: the installer tests run the MSI through a real msiexec (install, upgrade, feature removal, uninstall);
#   msiextract (msitools): they also unpack the MSI to check that the exes in it are the Authenticode-signed ones.
#   tzdata: the second test pass in another time zone (run_tests) and the tests that convert between named zones.
#   time (/usr/bin/time -v): the hostile-media harness test measures cmdsync's peak memory.
DEBIAN_PACKAGES=(wixl msitools gcab cabextract osslsigncode rsync openssl xvfb xauth imagemagick
                 mono-runtime libmono-system-windows-forms4.0-cil mono-devel procps util-linux wine wine64 tzdata time)
REQUIRED_COMMANDS=(wixl msibuild msiinfo msiextract gcab cabextract osslsigncode rsync openssl xvfb-run import mono setsid mkfifo
                   /bin/kill wine wineboot wineserver /usr/bin/time)

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

ensure_tools() {
  command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH; install .NET 10 SDK first"
  local missing=()
  for tool in "${REQUIRED_COMMANDS[@]}"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  # The WinForms assembly is a library, not a command: check its file.
  ls /usr/lib/mono/4.5/System.Windows.Forms.dll >/dev/null 2>&1 || missing+=("System.Windows.Forms (mono)")
  ls /usr/lib/mono/4.5/Facades/netstandard.dll >/dev/null 2>&1 || missing+=("netstandard facade (mono-devel)")
  [ -f "/usr/share/zoneinfo/$SECOND_ZONE" ] || missing+=("time zone data (tzdata)")
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

# Projects that handle times from WMI, WSUS and the journal run a second time in a zone west of UTC (issue 16: the
# SDK's local-time DateTimeValue once read as UTC made every sync wait time out in the US). Their TRX files land in a
# subfolder of the same results folder, so the closing line counts both passes.
SECOND_ZONE="America/Los_Angeles"
SECOND_ZONE_PROJECTS=(CMDisconnectedSync.Core.Tests CMDisconnectedSync.ConfigMgr.Tests CMDisconnectedSync.App.Presentation.Tests
                      CMDisconnectedSync.App.Backend.Tests CMDisconnectedSync.App.Tests)

run_tests() {
  local results="$ARTIFACTS/test-results"
  rm -rf "$results"
  mkdir -p "$results"
  log "test"
  local status=0 project
  dotnet test --solution "$SOLUTION" -c "$CONFIGURATION" --no-build \
    --report-trx --results-directory "$results" || status=$?
  [ -f "/usr/share/zoneinfo/$SECOND_ZONE" ] || die "no time zone data for $SECOND_ZONE: apt-get install tzdata"
  for project in "${SECOND_ZONE_PROJECTS[@]}"; do
    log "test $project again with TZ=$SECOND_ZONE"
    TZ="$SECOND_ZONE" dotnet test --project "$ROOT/tests/$project/$project.csproj" -c "$CONFIGURATION" --no-build \
      --report-trx --report-trx-filename "$project.trx" --results-directory "$results/tz-${SECOND_ZONE//\//-}" || status=$?
  done
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
# CONSOLE_EXTENSION_SIGN_KEY name PEM files). The cab carries the wizard (the App's net48 publish output from pack():
# CMDisconnectedSync.exe, its config and DLLs) listed in the manifest's FileList, and its actions start it from
# .\..\Extensions\<ExtensionID>\<Version>\bin\, the form of Microsoft's signed recoveryKeyExtension.cab
# (ConsoleExtensionLayout.CabLaunch): a console that imports and approves the cab needs no MSI.
# Arguments: the demo assemblies (installer/shipped-projects.txt "demo:" lines), left out of the cab's payload as they
# are out of the MSI's default feature: the cab has no Demo feature, so test pieces never reach a console from it.
build_console_extension() {
  local work="$ARTIFACTS/console-extension"
  local sign_args=() demo suffix
  rm -rf "$work/stage" "$work/payload"
  mkdir -p "$work"
  cp -a "$ARTIFACTS/publish/App" "$work/payload"
  for demo in "$@"; do
    for suffix in .exe .dll .exe.config .dll.config .pdb; do rm -f "$work/payload/$demo$suffix"; done
    find "$work/payload" -mindepth 2 -name "$demo.resources.dll" -delete
  done
  [ -n "${CONSOLE_EXTENSION_SIGN_CERT:-}" ] && sign_args=("$CONSOLE_EXTENSION_SIGN_CERT" "${CONSOLE_EXTENSION_SIGN_KEY:?set CONSOLE_EXTENSION_SIGN_KEY too}")
  log "console extension cab"
  dotnet "$ROOT/src/CMDisconnectedSync.Cli/bin/$CONFIGURATION/net10.0/cmdsync.dll" console generate \
    --cab-stage "$work/stage" --payload "$work/payload" --log "$work/generate.log"
  "$ROOT/eng/pack-console-extension-cab.sh" "$work/stage" "$ARTIFACTS/CMDisconnectedSync.ConsoleExtension.cab" "${sign_args[@]}"
}

# The product version: VersionPrefix in Directory.Build.props, the single source (assemblies, MSI, cab manifest).
product_version() {
  sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$ROOT/Directory.Build.props" | head -n 1
}

# The AssemblyName of a project (its file name without .csproj when it sets none).
assembly_name() {
  local assembly
  assembly="$(sed -n 's:.*<AssemblyName>\(.*\)</AssemblyName>.*:\1:p' "$1" | head -n 1)"
  echo "${assembly:-$(basename "$1" .csproj)}"
}

# artifacts/CMDisconnectedSync.msi from the net48 publish output of installer/shipped-projects.txt, the console
# extension cab (when build_console_extension exists) and console-xml/. Needs build() first (publish --no-build).
# Authenticode (eng/authenticode-sign.sh, AUTHENTICODE_* environment, installer/README.md): each shipped project's own
# exe is signed in its publish folder before the cab and the MSI pack it, the cab by its script, the MSI last.
pack() {
  local version publish="$ARTIFACTS/publish" project name area exe
  local harvest_args=() signed_binaries=() demo_assemblies=()
  version="$(product_version)"
  [ -n "$version" ] || die "no <VersionPrefix> in $ROOT/Directory.Build.props"
  rm -rf "$publish"
  while read -r project; do
    case "$project" in ''|'#'*) continue ;; esac
    if [ "${project#demo:}" != "$project" ]; then
      project="$(echo "${project#demo:}" | tr -d '[:space:]')"
      [ -f "$ROOT/$project" ] || die "pack: installer/shipped-projects.txt names demo project $project, which does not exist"
      demo_assemblies+=("$(assembly_name "$ROOT/$project")")
      harvest_args+=(--demo-assembly "${demo_assemblies[-1]}")
      continue
    fi
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
    exe="$publish/$area/$(assembly_name "$ROOT/$project").exe"
    [ -f "$exe" ] && signed_binaries+=("$exe")
  done < "$ROOT/installer/shipped-projects.txt"
  [ ${#signed_binaries[@]} -gt 0 ] || die "pack: none of the projects in installer/shipped-projects.txt exists (or published an exe)"
  # WDAC user-mode code integrity checks each DLL the exe loads too: sign our own assemblies beside the exes. A DLL
  # that App and Cli both publish is signed once and copied over its twin, so the harvest still sees one set of bytes.
  local dll name
  local -A first_copy=()
  local twins=()
  while IFS= read -r -d '' dll; do
    name="$(basename "$dll")"
    if [ -n "${first_copy[$name]:-}" ] && cmp -s "${first_copy[$name]}" "$dll"; then
      twins+=("$dll")
    else
      first_copy[$name]="$dll"
      signed_binaries+=("$dll")
    fi
  done < <(find "$publish" -name 'CMDisconnectedSync*.dll' -print0 | sort -z)

  # Before the cab and the MSI take copies: WDAC/AppLocker sites refuse an unsigned exe.
  log "authenticode: ${#signed_binaries[@]} files (${signed_binaries[*]##*/})"
  "$ROOT/eng/authenticode-sign.sh" -n "CMDisconnectedSync" "${signed_binaries[@]}" >/dev/null
  for dll in "${twins[@]}"; do cp -f "${first_copy[$(basename "$dll")]}" "$dll"; done

  # The MSI places the signed cab in the install folder, so it is built first.
  build_console_extension "${demo_assemblies[@]}"

  log "msi $version (wixl)"
  dotnet "$ROOT/installer/Harvest/bin/$CONFIGURATION/net10.0/msi-harvest.dll" \
    --version "$version" --installer "$ROOT/installer" --work "$ARTIFACTS/installer" \
    --out "$ARTIFACTS/CMDisconnectedSync.msi" "${harvest_args[@]}" \
    --console-xml "$ROOT/console-xml" --cab "$ARTIFACTS/CMDisconnectedSync.ConsoleExtension.cab"
  log "authenticode: CMDisconnectedSync.msi"
  "$ROOT/eng/authenticode-sign.sh" -n "CMDisconnectedSync $version" "$ARTIFACTS/CMDisconnectedSync.msi" >/dev/null
  # Admins compare Get-FileHash against this before installing (README "Get it"); written after the last signature.
  log "SHA256SUMS"
  (cd "$ARTIFACTS" && sha256sum CMDisconnectedSync.msi CMDisconnectedSync.ConsoleExtension.cab > SHA256SUMS)
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
