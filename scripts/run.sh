#!/usr/bin/env bash
# Quick start 1: set up, build and open Pizhu on the bundled articles.
# With a display: the desktop app (Tauri). Without one (or with PIZHU_BROWSER=1):
# `pizhu serve --open`, the same UI in a browser.
# The library lives in the OS app-data folder unless PIZHU_LIBRARY is set.
set -euo pipefail
cd "$(dirname "$0")/.."
PIZHU_SKIP_DESKTOP=1 PIZHU_SKIP_PACKAGE=1 scripts/setup.sh

echo "[run] building the UI"
(cd ui && npm run build --silent)

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${PIZHU_BROWSER:-0}" != 1 ]; then
  echo "[run] building and starting the desktop app"
  cargo build --release -p pizhu-desktop
  exec target/release/pizhu-desktop
else
  echo "[run] no display: starting 'pizhu serve' — open the address below in a browser"
  cargo build --release -p pizhu-cli
  exec target/release/pizhu serve --open "$@"
fi
