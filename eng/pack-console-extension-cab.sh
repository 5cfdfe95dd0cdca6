#!/usr/bin/env bash
# Packs a staged console extension (flat XML, the wizard's payload and manifest.xml, from 'cmdsync console generate
# --cab-stage <folder> --payload <App publish folder>') into a cab and Authenticode-signs it.
#   eng/pack-console-extension-cab.sh STAGE_DIR OUT.cab [CERT.pem KEY.pem]
# Signing is eng/authenticode-sign.sh (AUTHENTICODE_* environment, see installer/README.md); CERT.pem KEY.pem given here
# override it. Without any certificate it uses the lab one in artifacts/lab-signing (CI); a release passes the real
# one. Tools: gcab (makecab on Windows), osslsigncode, openssl.
set -euo pipefail
[ $# -eq 2 ] || [ $# -eq 4 ] || { echo "usage: $0 STAGE_DIR OUT.cab [CERT.pem KEY.pem]" >&2; exit 2; }
stage="$1" out="$2"
[ -f "$stage/manifest.xml" ] || { echo "$0: '$stage' has no manifest.xml; stage it with 'cmdsync console generate --cab-stage <folder> --payload <App publish folder>'" >&2; exit 1; }
out_dir="$(cd "$(dirname "$out")" && pwd)"
if [ $# -eq 4 ]; then
  export AUTHENTICODE_CERT="$3" AUTHENTICODE_KEY="$4" AUTHENTICODE_CA_FILE="${AUTHENTICODE_CA_FILE:-$3}"
  unset AUTHENTICODE_PKCS12
fi
export AUTHENTICODE_LAB_DIR="${AUTHENTICODE_LAB_DIR:-$out_dir/lab-signing}"
unsigned="$out.unsigned"
rm -f "$unsigned" "$out"
# -n: store bare file names (a console extension cab is flat); -z: MSZIP compression.
(cd "$stage" && gcab -c -z -n "$unsigned" ./*)
mv "$unsigned" "$out"
"$(dirname "$0")/authenticode-sign.sh" -n "CMDisconnectedSync console extension" "$out" >/dev/null
echo "$out"
