#!/usr/bin/env bash
# Checks the units with systemd's own parser: `systemd-analyze verify` (unknown directives, bad
# values, missing executables, the environment file) in a throwaway root holding the units, the
# example environment file, a stand-in /usr/local/bin/bollard and the system's own unit files,
# then prints `systemd-analyze security`'s exposure score for each (lower is better; fails above
# 2.5). Needs Debian's systemd package (ops/setup); no running systemd is needed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v systemd-analyze >/dev/null || { echo "verify.sh: systemd-analyze not found (apt-get install systemd)" >&2; exit 1; }
root="$(mktemp -d "${TMPDIR:-/tmp}/bollard-units.XXXXXX")"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/usr/local/bin" "$root/etc/systemd/system" "$root/etc/bollard" "$root/usr/lib/systemd" "$root/bin"
printf '#!/bin/sh\nexit 0\n' >"$root/usr/local/bin/bollard"
chmod 755 "$root/usr/local/bin/bollard"
cp /bin/sh "$root/bin/sh"
cp -a /usr/lib/systemd/system "$root/usr/lib/systemd/"
cp "$here/bollard.service" "$here/bollard-worker@.service" "$root/etc/systemd/system/"
cp "$here/bollard.env.example" "$root/etc/bollard/bollard.env"
out="$(SYSTEMD_LOG_LEVEL=info systemd-analyze verify --root="$root" bollard.service bollard-worker@1.service 2>&1)" || { echo "$out" >&2; exit 1; }
# verify exits 0 on warnings (an unknown key is "ignoring"): any message at all is a failure.
if [ -n "$out" ]; then echo "$out" >&2; exit 1; fi
for unit in bollard.service bollard-worker@1.service; do
  score="$(systemd-analyze security --offline=true --root="$root" "$unit" 2>/dev/null | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')"
  echo "$unit: verified; exposure $score"
  awk -v s="${score:-99}" 'BEGIN { exit !(s + 0 <= 2.5) }' || { echo "$unit: exposure ${score:-?} above 2.5" >&2; exit 1; }
done
