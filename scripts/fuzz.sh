#!/usr/bin/env bash
# Fuzz gloss's input readers for a bounded number of cases per target
# (default 20,000; set PROPTEST_CASES to change it). Not part of `cargo
# test`. Failures are saved in tests/fuzz.proptest-regressions and replayed by
# every later run: commit them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PROPTEST_CASES="${PROPTEST_CASES:-20000}"
echo "fuzzing with $PROPTEST_CASES cases per target"
cargo test --release --test fuzz -- --ignored --test-threads 2
