#!/usr/bin/env bash
# The 10,000-paper library benchmark (issue 17) — a measurement, not a test.
#
#   scripts/bench-library.sh [PAPERS]     (default 10000)
#
# Generates PAPERS articles of 10,000–20,000 characters at run time by recombining the
# paragraphs of the search corpus (.bench/corpus.jsonl, written by scripts/bench-search.sh)
# when present, else of the bundled articles; nothing generated is committed. Runs the
# release-mode benchmark (crates/pizhu-api/benches/library_bench.rs), which prints every
# figure beside its baseline from the same run and the load average; a copy goes to
# .bench/library-report.txt. Results are recorded in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .bench
CORPUS="$PWD/.bench/corpus.jsonl"
PIZHU_BENCH_CORPUS="$CORPUS" PIZHU_BENCH_REPORT="$PWD/.bench/library-report.txt" \
  nice cargo bench -p pizhu-api --bench library_bench -- "${1:-10000}"
