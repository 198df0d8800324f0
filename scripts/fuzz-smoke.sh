#!/bin/sh
# Short smoke run of every cargo-fuzz target (CI); the long runs are done by hand.
# Usage: scripts/fuzz-smoke.sh [SECONDS per target, default 30]
# Needs `cargo install cargo-fuzz --locked`; on stable Rust, RUSTC_BOOTSTRAP=1 lets the
# sanitizer flags through. Crashes land in fuzz/artifacts/<target>/ and fail the run.
set -eu
seconds=${1:-30}
cd "$(dirname "$0")/../fuzz"
export RUSTC_BOOTSTRAP=1
for target in entry search_query; do
    mkdir -p "corpus/$target"
    # New inputs go to a scratch folder; the committed seed corpus stays as it is.
    scratch=$(mktemp -d)
    cargo fuzz run "$target" "$scratch" "corpus/$target" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048
    rm -rf "$scratch"
done
