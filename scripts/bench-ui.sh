#!/usr/bin/env bash
# Benchmarks what a user feels in the UI: desktop launch and memory, opening an article
# with 1,000 highlights, a search keystroke on 5,000 articles. Builds release binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
(cd ui && npm run build --silent)
cargo build --release -q -p pizhu-cli
# --features baseline also builds bare-window, the launch and memory baseline.
cargo build --release -q -p pizhu-desktop --features baseline
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1400x900x24" node scripts/bench/ui-bench.mjs
fi
exec node scripts/bench/ui-bench.mjs
