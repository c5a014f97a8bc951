#!/usr/bin/env bash
# PDF import benchmark (not part of the test suite): Pizhu against poppler's
# pdftotext on PDFs that Chromium prints from the curated edition, then peak
# memory for a ~300- and a ~1,000-page PDF. Figures go in BENCHMARKS.md.
# Needs chromium and poppler-utils (scripts/setup.sh installs both).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/bench-pdf
mkdir -p "$dir"
cargo build --release -q -p pizhu-import --example bench_pdf
bin=target/release/examples/bench_pdf
# 8 copies of the seven articles print to about 200 pages, 12 to 300, 40 to 1,000.
"$bin" "$dir" 8 12
# Peak memory (maximum resident set size) measured the same way for both.
for copies in 12 40; do
  pdf=$("$bin" --fixture "$dir" "$copies")
  /usr/bin/time -f "Pizhu, $copies copies: peak_rss_kib=%M secs=%e" "$bin" --import "$pdf"
  /usr/bin/time -f "pdftotext, $copies copies: peak_rss_kib=%M secs=%e" pdftotext -enc UTF-8 "$pdf" /dev/null
done
