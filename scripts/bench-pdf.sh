#!/usr/bin/env bash
# PDF import benchmark (not part of the test suite): Pizhu against poppler's
# pdftotext on PDFs that Chromium prints from the curated edition, then peak
# memory and CPU time for a 306-page PDF. Figures go in BENCHMARKS.md.
# Needs chromium and poppler-utils (scripts/setup.sh installs both).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/bench-pdf
mkdir -p "$dir"
cargo build --release -q -p pizhu-import --example bench_pdf
bin=target/release/examples/bench_pdf
# One copy of the seven articles prints to about 8.3 pages: 25 copies are 207
# pages, 37 are 306, 121 about 1,000 (PIZHU_BENCH_LONG=1 adds that one).
"$bin" "$dir" 25 37
long=37
if [ "${PIZHU_BENCH_LONG:-}" = 1 ]; then long="37 121"; fi
# Peak memory (maximum resident set size) and CPU time, measured the same way for both.
for copies in $long; do
  pdf=$("$bin" --fixture "$dir" "$copies")
  /usr/bin/time -f "Pizhu, $copies copies: peak_rss_kib=%M secs=%e cpu=%U+%S" "$bin" --import "$pdf"
  /usr/bin/time -f "pdftotext, $copies copies: peak_rss_kib=%M secs=%e cpu=%U+%S" pdftotext -enc UTF-8 "$pdf" /dev/null
done
