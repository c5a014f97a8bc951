#!/usr/bin/env bash
# The 10,000-paper library benchmark (issue 17) — a measurement, not a test.
#
#   scripts/bench-library.sh [PAPERS]     (default 10000)
#
# Generates PAPERS articles of 10,000–20,000 characters at run time by recombining the
# paragraphs of the search corpus (.bench/corpus.jsonl, news and Debian's Chinese manuals,
# written by scripts/bench-search.sh --corpus-only; the bundled articles if it cannot be
# fetched); nothing generated or fetched is committed.
#  1. The release-mode Rust benchmark (crates/pizhu-api/benches/library_bench.rs): import,
#     indexing, queries beside FTS5, analysis, backup, open. It keeps the library it built.
#  2. The UI half (scripts/bench/library-ui.mjs) on that library: the library list, search
#     keystrokes, a 200-highlight paper and suggested passages in Chromium, serve's memory,
#     the desktop's memory.
# PIZHU_BENCH_ONLY=agreement re-runs only the agreement check on the kept library.
# Every figure is printed beside its baseline from the same run and the load average; the
# reports go to .bench/library-report.txt and .bench/library-ui-report.txt. Results are
# recorded in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PAPERS=${1:-10000}
mkdir -p .bench
KEEP="$PWD/.bench/library-$PAPERS"
if [ "${PIZHU_BENCH_ONLY:-}" = agreement ]; then
  PIZHU_BENCH_KEEP="$KEEP" nice cargo bench -p pizhu-api --bench library_bench -- "$PAPERS"
  exit 0
fi
rm -rf "$KEEP"
[ -s .bench/corpus.jsonl ] || scripts/bench-search.sh --corpus-only || echo "no search corpus: the papers reuse the bundled articles' paragraphs" >&2
PIZHU_BENCH_CORPUS="$PWD/.bench/corpus.jsonl" PIZHU_BENCH_REPORT="$PWD/.bench/library-report.txt" \
  PIZHU_BENCH_KEEP="$KEEP" nice cargo bench -p pizhu-api --bench library_bench -- "$PAPERS"

scripts/setup.sh >/dev/null
(cd ui && npm run build --silent)
cargo build --release -q -p pizhu-cli
# PIZHU_BENCH_NO_DESKTOP=1 leaves the desktop's memory out (its release build takes ~35 minutes on 2 cores).
[ -n "${PIZHU_BENCH_NO_DESKTOP:-}" ] || cargo build --release -q -p pizhu-desktop --features baseline
run=(node scripts/bench/library-ui.mjs "$KEEP")
[ -z "${DISPLAY:-}" ] && run=(xvfb-run -a -s "-screen 0 1400x900x24" "${run[@]}")
"${run[@]}" | tee .bench/library-ui-report.txt
