#!/bin/sh
# Nu HTML Checker over every HTML page of a built site; exits non-zero on any error.
# Usage: scripts/html-check.sh SITE_DIR   (needs a JRE and `npm ci` at the repository root)
set -eu
site=${1:?usage: scripts/html-check.sh SITE_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/node_modules/vnu-jar/build/dist/vnu.jar"
[ -f "$jar" ] || { echo "missing $jar: run npm ci in $root" >&2; exit 2; }
command -v java >/dev/null || { echo "java not found: apt-get install default-jre-headless" >&2; exit 2; }
pages=$(find "$site" -name '*.html' | wc -l)
[ "$pages" -gt 0 ] || { echo "no HTML pages under $site" >&2; exit 2; }
report=$(java -jar "$jar" --errors-only --skip-non-html "$site" 2>&1) || { printf '%s\n' "$report" >&2; echo "vnu: errors in $site" >&2; exit 1; }
[ -z "$report" ] || { printf '%s\n' "$report" >&2; exit 1; }
echo "vnu: $pages pages, 0 errors"
