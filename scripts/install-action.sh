#!/usr/bin/env bash
# Install faircat for a CI runner: the release archive for this machine, its SHA-256 checked,
# or, for a version that has no release (a branch, a commit, a tag not released yet), a build
# from source with `cargo install --locked --git`. Used by the GitHub Action (`action.yml`);
# it runs in any bash with curl (or wget), tar and sha256sum (or shasum).
#
# Settings, from the environment:
#   FAIRCAT_VERSION        `latest` (default), a release `X.Y.Z` or `vX.Y.Z`, or a git branch or
#                          commit of the repository (always built from source)
#   FAIRCAT_REPOSITORY     the repository [default below: src/workflow_files.rs REPOSITORY]
#   FAIRCAT_RELEASES_URL   where releases are downloaded from [default: $FAIRCAT_REPOSITORY/releases];
#                          the tests point it at a local server holding a fake release
#   FAIRCAT_TARGET         the target triple of the archive [default: detected]
#   FAIRCAT_INSTALL_DIR    where to install [default: $RUNNER_TOOL_CACHE (or ~/.faircat)/faircat/<version>/<target>]
#   GITHUB_PATH, GITHUB_OUTPUT   set by GitHub Actions: the install's bin folder is added to the
#                          PATH of later steps, and the output `version` is set
set -euo pipefail

# The one default repository; a test checks it is src/workflow_files.rs's REPOSITORY.
default_repository="https://github.com/faircat/faircat"

repository=${FAIRCAT_REPOSITORY:-$default_repository}
repository=${repository%/}
releases=${FAIRCAT_RELEASES_URL:-$repository/releases}
releases=${releases%/}
version=${FAIRCAT_VERSION:-latest}

say() { printf 'faircat install: %s\n' "$*" >&2; }
die() {
  say "error: $*"
  exit 1
}

# The release archive's target triple for this machine, or nothing when no archive is built for it.
detect_target() {
  local os arch
  os=$(uname -s)
  arch=$(uname -m)
  case "$arch" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) return 0 ;;
  esac
  case "$os" in
    Linux) echo "$arch-unknown-linux-musl" ;;
    Darwin) echo "$arch-apple-darwin" ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT) [ "$arch" = x86_64 ] && echo "x86_64-pc-windows-msvc" ;;
  esac
  return 0
}

# A path as the platform's own tools want it (Windows runners: C:\… rather than /c/…).
native_path() {
  if command -v cygpath >/dev/null 2>&1; then cygpath -w "$1"; else printf '%s\n' "$1"; fi
}

# download URL FILE: 0 when downloaded, 4 when the server says 404, 1 on any other failure.
download() {
  local url=$1 file=$2 status
  if command -v curl >/dev/null 2>&1; then
    status=$(curl --silent --show-error --location --retry 3 --output "$file" \
      --write-out '%{http_code}' "$url") || return 1
  elif command -v wget >/dev/null 2>&1; then
    if wget --quiet --output-document "$file" "$url"; then status=200; else status=$?; fi
    # wget exits 8 for any HTTP error; ask again for the status line.
    if [ "$status" = 8 ]; then
      case "$(wget --server-response --spider "$url" 2>&1 | awk '/^  HTTP/{s=$2} END{print s}')" in
        404) status=404 ;;
        *) status=500 ;;
      esac
    fi
  else
    die "neither curl nor wget is installed"
  fi
  case "$status" in
    200) return 0 ;;
    404) return 4 ;;
    *)
      say "$url: HTTP $status"
      return 1
      ;;
  esac
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | awk '{print $1}'
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | awk '{print $1}'
  else
    die "neither sha256sum nor shasum is installed: cannot verify the download"
  fi
}

finish() {
  local bin_dir=$1 exe=$2 reported
  reported=$("$exe" --version) || die "the installed $exe does not run"
  say "installed $reported in $bin_dir"
  if [ -n "${GITHUB_PATH:-}" ]; then native_path "$bin_dir" >>"$GITHUB_PATH"; fi
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "version=${reported##* }" >>"$GITHUB_OUTPUT"; fi
}

# Build from source: for a version with no release archive, or a machine with no archive.
from_source() {
  local dir=$1
  shift
  command -v cargo >/dev/null 2>&1 ||
    die "no release archive to install, and cargo is not installed to build $repository from source"
  say "building from source: cargo install --locked --git $repository $* faircat"
  cargo install --locked --git "$repository" "$@" --root "$dir" faircat
  finish "$dir/bin" "$dir/bin/faircat$exe_suffix"
}

case "$version" in
  latest) tag=latest ;;
  v[0-9]*.[0-9]*.[0-9]*) tag=$version ;;
  [0-9]*.[0-9]*.[0-9]*) tag=v$version ;;
  *) tag= ;; # a branch or a commit
esac

target=${FAIRCAT_TARGET:-$(detect_target)}
exe_suffix=
case "$target" in *windows*) exe_suffix=.exe ;; esac
cache_root=${RUNNER_TOOL_CACHE:-${HOME:-/tmp}/.faircat}
if command -v cygpath >/dev/null 2>&1; then cache_root=$(cygpath -u "$cache_root"); fi
dir=${FAIRCAT_INSTALL_DIR:-$cache_root/faircat/$version/${target:-source}}
mkdir -p "$dir"

if [ -z "$tag" ]; then
  if [[ "$version" =~ ^[0-9a-f]{7,40}$ ]]; then from_source "$dir" --rev "$version"; else from_source "$dir" --branch "$version"; fi
  exit 0
fi
if [ -z "$target" ]; then
  say "no release archive is built for $(uname -s) $(uname -m)"
  if [ "$tag" = latest ]; then from_source "$dir"; else from_source "$dir" --tag "$tag"; fi
  exit 0
fi

case "$target" in
  *windows*) archive="faircat-$target.zip" ;;
  *) archive="faircat-$target.tar.gz" ;;
esac
if [ "$tag" = latest ]; then base="$releases/latest/download"; else base="$releases/download/$tag"; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say "downloading $base/$archive"
status=0
download "$base/$archive" "$work/$archive" || status=$?
if [ "$status" = 4 ]; then
  say "$version has no release archive for $target ($base/$archive: 404)"
  if [ "$tag" = latest ]; then from_source "$dir"; else from_source "$dir" --tag "$tag"; fi
  exit 0
fi
[ "$status" = 0 ] || die "cannot download $base/$archive"

# The checksum is required: an archive without one is not installed.
download "$base/$archive.sha256" "$work/$archive.sha256" ||
  die "cannot download $base/$archive.sha256; refusing to install an archive that cannot be verified"
expected=$(awk 'NR == 1 {print tolower($1)}' "$work/$archive.sha256")
actual=$(sha256_of "$work/$archive")
[[ "$expected" =~ ^[0-9a-f]{64}$ ]] || die "$archive.sha256 holds no SHA-256: refusing to install"
if [ "$expected" != "$actual" ]; then
  die "checksum mismatch for $archive: expected $expected, got $actual; refusing to install"
fi
say "checksum verified: $actual"

mkdir "$work/x"
case "$archive" in
  *.zip)
    if command -v unzip >/dev/null 2>&1; then
      unzip -q "$work/$archive" -d "$work/x"
    else
      powershell -NoProfile -Command "Expand-Archive -LiteralPath '$(native_path "$work/$archive")' -DestinationPath '$(native_path "$work/x")'"
    fi
    ;;
  *) tar -xzf "$work/$archive" -C "$work/x" ;;
esac
found=$(find "$work/x" -type f -name "faircat$exe_suffix" | head -n 1)
[ -n "$found" ] || die "$archive holds no faircat$exe_suffix"
mkdir -p "$dir/bin"
mv -f "$found" "$dir/bin/faircat$exe_suffix"
chmod +x "$dir/bin/faircat$exe_suffix"
finish "$dir/bin" "$dir/bin/faircat$exe_suffix"
