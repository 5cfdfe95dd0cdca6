#!/usr/bin/env bash
# Packs a staged console extension (flat XML, the wizard's payload and manifest.xml, from 'cmdsync console generate
# --cab-stage <folder> --payload <App publish folder>') into a cab and Authenticode-signs it.
#   eng/pack-console-extension-cab.sh STAGE_DIR OUT.cab [CERT.pem KEY.pem]
# Without a certificate it makes a throw-away lab code-signing certificate next to OUT.cab (CI); a release passes the
# real one. Tools: gcab (makecab on Windows), osslsigncode, openssl.
set -euo pipefail
[ $# -eq 2 ] || [ $# -eq 4 ] || { echo "usage: $0 STAGE_DIR OUT.cab [CERT.pem KEY.pem]" >&2; exit 2; }
stage="$1" out="$2"
[ -f "$stage/manifest.xml" ] || { echo "$0: '$stage' has no manifest.xml; stage it with 'cmdsync console generate --cab-stage <folder> --payload <App publish folder>'" >&2; exit 1; }
out_dir="$(cd "$(dirname "$out")" && pwd)"
if [ $# -eq 4 ]; then
  cert="$3" key="$4"
else
  cert="$out_dir/lab-signing/cert.pem" key="$out_dir/lab-signing/key.pem"
  if [ ! -f "$cert" ] || [ ! -f "$key" ]; then
    mkdir -p "$out_dir/lab-signing"
    openssl req -x509 -newkey rsa:3072 -nodes -sha256 -days 30 -keyout "$key" -out "$cert" \
      -subj "/CN=CMDisconnectedSync Lab Code Signing (not for production)" \
      -addext "extendedKeyUsage=codeSigning" -addext "keyUsage=digitalSignature" 2>/dev/null
  fi
fi
unsigned="$out.unsigned"
rm -f "$unsigned" "$out"
# -n: store bare file names (a console extension cab is flat); -z: MSZIP compression.
(cd "$stage" && gcab -c -z -n "$unsigned" ./*)
osslsigncode sign -certs "$cert" -key "$key" -h sha256 -n "CMDisconnectedSync console extension" \
  -in "$unsigned" -out "$out" >/dev/null
rm -f "$unsigned"
osslsigncode verify -CAfile "$cert" -in "$out" >/dev/null || { echo "$0: the signed cab '$out' does not verify" >&2; exit 1; }
echo "$out"
