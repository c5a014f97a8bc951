#!/bin/sh
# Run every cargo-fuzz target for a bounded time (CI), or longer:
#   fuzz/run.sh            # 60 s per target
#   FUZZ_SECONDS=3600 fuzz/run.sh
# Needs a nightly toolchain and `cargo install cargo-fuzz`. Limits: 512 MB RSS and
# 10 s per input; anything over either counts as a failure, like a panic.
set -eu
cd "$(dirname "$0")"
seconds="${FUZZ_SECONDS:-60}"
for target in import offsets note_markdown export; do
  echo "== $target ($seconds s)"
  cargo +nightly fuzz run "$target" -- -max_total_time="$seconds" -rss_limit_mb=512 -timeout=10
done
