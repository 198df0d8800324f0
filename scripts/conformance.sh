#!/usr/bin/env bash
# Conformance of a built faircat site with the validators the standard bodies publish:
#   mlcroissant validate --jsonld   on every datasets/<slug>/croissant.json   (no errors)
#   pyshacl  DCAT-AP 3.0.1 shapes    on catalog.ttl and catalog.jsonld         (zero violations)
#   pyshacl  FAIR Data Point shapes  on the records under fdp/                 (zero violations)
#
# usage: scripts/conformance.sh STANDARDS_DIR [SITE_DIR]
#   STANDARDS_DIR  folder with dcat-ap-3.0.1/ and fdp/ (e.g. ../shared/standards)
#   SITE_DIR       a built site (default: ./public); this script builds nothing.
# Installs the pinned versions of scripts/conformance-requirements.txt into a virtualenv under
# target/ (override with FAIRCAT_CONFORMANCE_VENV). Exits non-zero on any error or violation.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $0 STANDARDS_DIR [SITE_DIR]" >&2
    exit 2
fi
standards=$1
site=${2:-public}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
venv=${FAIRCAT_CONFORMANCE_VENV:-$root/target/conformance-venv}
requirements=$here/conformance-requirements.txt

for dir in "$standards/dcat-ap-3.0.1" "$standards/fdp"; do
    [[ -d $dir ]] || { echo "error: $dir not found" >&2; exit 2; }
done
[[ -d $site ]] || { echo "error: site folder '$site' not found (build it first)" >&2; exit 2; }

# Reinstall only when the pins change.
stamp=$venv/.faircat-requirements
if [[ ! -x $venv/bin/python ]] || ! cmp -s "$requirements" "$stamp"; then
    echo "installing pinned validators into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$stamp"
fi

exec "$venv/bin/python" "$here/conformance.py" "$standards" "$site"
