#!/usr/bin/env bash
# Authenticode-signs files in place with osslsigncode (PE .exe/.dll, .cab, .msi) and verifies every signature.
#   eng/authenticode-sign.sh [-n DESCRIPTION] FILE...
# Called by build.sh pack (CMDisconnectedSync.exe, cmdsync.exe before wixl packs them; the MSI last) and by
# eng/pack-console-extension-cab.sh (the cab). Sites that enforce WDAC/AppLocker block an unsigned exe, even one started
# from a signed console extension cab, so every exe we ship and every container is signed with the same identity.
#
# Signing identity, from the environment (installer/README.md, "Signing"):
#   AUTHENTICODE_PKCS12         .pfx/.p12 with the code-signing certificate, its chain and key (osslsigncode -pkcs12)
#   AUTHENTICODE_CERT           PEM/DER certificate (chain) ...
#   AUTHENTICODE_KEY            ... and its private key (osslsigncode -certs/-key)
#   AUTHENTICODE_PASSWORD_FILE  file holding the PKCS#12/key password (-readpass: never on a command line)
#   none of these: a throw-away lab code-signing certificate in AUTHENTICODE_LAB_DIR (default artifacts/lab-signing),
#   made once with openssl; fine for CI and a lab, never for a release.
# AUTHENTICODE_TIMESTAMP_URL    RFC 3161 time-stamping authority (osslsigncode -ts, RFC 3161 section 2.4 request/response
#                               over HTTP). The countersignature proves the file was signed while the certificate was
#                               valid, so the signature outlives the certificate. A release must set it: with a real
#                               identity (PKCS12 or CERT/KEY) and no URL the script refuses, unless
# AUTHENTICODE_NO_TIMESTAMP=1   says so on purpose (an internal build whose signatures may die with the certificate).
# AUTHENTICODE_CA_FILE          CA bundle the verification trusts (default: the lab certificate when it signed, else
#                               osslsigncode's default, the system bundle /etc/ssl/certs/ca-certificates.crt)
# AUTHENTICODE_TSA_CA_FILE      CA bundle for the timestamp's verification (default: osslsigncode's default bundle)
# AUTHENTICODE_DESCRIPTION_URL  optional URL recorded in the signature (osslsigncode -i)
# Options and formats: osslsigncode README (github.com/mtrojnar/osslsigncode) and `osslsigncode -h` (2.9: -ts for
# RFC 3161, -t for the older Authenticode timestamp, which Microsoft no longer recommends: SignerTimeStampEx3 docs).
set -euo pipefail

usage() { echo "usage: $0 [-n DESCRIPTION] FILE..." >&2; exit 2; }
description="CMDisconnectedSync"
while getopts "n:" option; do
  case "$option" in
    n) description="$OPTARG" ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || usage

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
identity=() verify_ca=() lab_signing=0
if [ -n "${AUTHENTICODE_PKCS12:-}" ]; then
  [ -f "$AUTHENTICODE_PKCS12" ] || { echo "$0: AUTHENTICODE_PKCS12 names '$AUTHENTICODE_PKCS12', which does not exist" >&2; exit 1; }
  identity=(-pkcs12 "$AUTHENTICODE_PKCS12")
elif [ -n "${AUTHENTICODE_CERT:-}" ] || [ -n "${AUTHENTICODE_KEY:-}" ]; then
  for variable in AUTHENTICODE_CERT AUTHENTICODE_KEY; do
    [ -f "${!variable:-}" ] || { echo "$0: set $variable to an existing file (AUTHENTICODE_CERT and AUTHENTICODE_KEY go together)" >&2; exit 1; }
  done
  identity=(-certs "$AUTHENTICODE_CERT" -key "$AUTHENTICODE_KEY")
else
  lab="${AUTHENTICODE_LAB_DIR:-$root/artifacts/lab-signing}"
  if [ ! -f "$lab/cert.pem" ] || [ ! -f "$lab/key.pem" ]; then
    mkdir -p "$lab"
    openssl req -x509 -newkey rsa:3072 -nodes -sha256 -days 30 -keyout "$lab/key.pem" -out "$lab/cert.pem" \
      -subj "/CN=CMDisconnectedSync Lab Code Signing (not for production)" \
      -addext "extendedKeyUsage=codeSigning" -addext "keyUsage=digitalSignature" 2>/dev/null
  fi
  identity=(-certs "$lab/cert.pem" -key "$lab/key.pem")
  verify_ca=(-CAfile "$lab/cert.pem")
  lab_signing=1
fi
if [ "$lab_signing" -eq 0 ] && [ -z "${AUTHENTICODE_TIMESTAMP_URL:-}" ] && [ "${AUTHENTICODE_NO_TIMESTAMP:-}" != "1" ]; then
  echo "$0: a real signing certificate without AUTHENTICODE_TIMESTAMP_URL makes signatures that stop verifying when the certificate expires;" \
       "set AUTHENTICODE_TIMESTAMP_URL to your RFC 3161 time-stamping authority (or AUTHENTICODE_NO_TIMESTAMP=1 for an internal build)" >&2
  exit 1
fi
if [ -n "${AUTHENTICODE_PASSWORD_FILE:-}" ]; then identity+=(-readpass "$AUTHENTICODE_PASSWORD_FILE"); fi
[ -n "${AUTHENTICODE_CA_FILE:-}" ] && verify_ca=(-CAfile "$AUTHENTICODE_CA_FILE")
[ -n "${AUTHENTICODE_TSA_CA_FILE:-}" ] && verify_ca+=(-TSA-CAfile "$AUTHENTICODE_TSA_CA_FILE")
extra=()
[ -n "${AUTHENTICODE_TIMESTAMP_URL:-}" ] && extra+=(-ts "$AUTHENTICODE_TIMESTAMP_URL")
[ -n "${AUTHENTICODE_DESCRIPTION_URL:-}" ] && extra+=(-i "$AUTHENTICODE_DESCRIPTION_URL")

for file in "$@"; do
  [ -f "$file" ] || { echo "$0: '$file' does not exist; build it first (./build.sh pack)" >&2; exit 1; }
  signed="$file.signing"
  rm -f "$signed"
  if ! osslsigncode sign "${identity[@]}" -h sha256 -n "$description" "${extra[@]}" -in "$file" -out "$signed" >"$signed.log" 2>&1; then
    cat "$signed.log" >&2
    rm -f "$signed" "$signed.log"
    echo "$0: signing '$file' failed (certificate/key above; with AUTHENTICODE_TIMESTAMP_URL, is the TSA reachable?)" >&2
    exit 1
  fi
  rm -f "$signed.log"
  mv "$signed" "$file"
  if ! osslsigncode verify "${verify_ca[@]}" -in "$file" >"$file.verify.log" 2>&1; then
    cat "$file.verify.log" >&2
    rm -f "$file.verify.log"
    echo "$0: the signature of '$file' does not verify; set AUTHENTICODE_CA_FILE (and AUTHENTICODE_TSA_CA_FILE) to the issuing CA bundle" >&2
    exit 1
  fi
  rm -f "$file.verify.log"
  echo "$file"
done
