#!/usr/bin/env bash
# Builds Pizhu's Linux packages, a .deb and an .rpm, through the Tauri bundler.
#
#   scripts/package.sh           release build (what a user installs)
#   scripts/package.sh --debug   debug build, reusing target/debug (the package test in CI)
#
# Each package holds the desktop app (/usr/bin/pizhu-desktop) and its desktop entry
# (packaging/pizhu.desktop.hbs), the `pizhu` command, its man page and bash/zsh/fish
# completions (written by the built `pizhu` itself, from its clap definition), icons at every
# hicolor size (made from icons/icon.png here, with the bundler's `tauri icon`), and
# THIRD-PARTY-LICENSES.txt (cargo-about for the Rust crates, rollup-plugin-license for the
# npm packages bundled into the UI). Everything generated goes to target/package/, which
# tauri.conf.json's `bundle.linux.*.files` point at.
#
# Windows (.msi, NSIS) and macOS (.app, .dmg): the same script run there builds them (the
# bundler keeps the targets of the platform it runs on); neither is built or tested here.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release
for arg in "$@"; do
  case $arg in
    --debug) profile=debug ;;
    -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done
cargo_profile=(); tauri_profile=()
[ "$profile" = release ] && cargo_profile=(--release)
[ "$profile" = debug ] && tauri_profile=(--debug)

log() { printf '\033[1;34m[package]\033[0m %s\n' "$*"; }
started=$SECONDS

# setup.sh installs the bundler's CLI (ui/node_modules) and cargo-about; test.sh has run it.
[ "${PIZHU_SKIP_SETUP:-0}" = 1 ] || PIZHU_SKIP_DESKTOP=1 scripts/setup.sh

root=$PWD
target_dir=${CARGO_TARGET_DIR:-$root/target}
stage=$root/target/package # fixed: tauri.conf.json names the files here
rm -rf "$stage"
mkdir -p "$stage/files" "$stage/icons"

log "building the UI (and listing the licences of the npm packages bundled into it)"
(cd ui && PIZHU_NPM_LICENCES="$stage/npm-licences.txt" npm run build --silent)

log "building the pizhu command ($profile)"
cargo build "${cargo_profile[@]}" -q -p pizhu-cli
cp "$target_dir/$profile/pizhu" "$stage/files/pizhu"

log "man page and shell completions, from the built pizhu"
pizhu=$stage/files/pizhu
"$pizhu" man | gzip -9n >"$stage/files/pizhu.1.gz"
"$pizhu" completions bash >"$stage/files/pizhu.bash"
"$pizhu" completions zsh >"$stage/files/_pizhu"
"$pizhu" completions fish >"$stage/files/pizhu.fish"

tauri=(env TAURI_APP_PATH=src-tauri "$root/ui/node_modules/.bin/tauri")
log "icons from icons/icon.png: every hicolor size, and Windows' .ico and macOS' .icns"
sizes=(16 32 48 64 128 256 512)
{ "${tauri[@]}" icon icons/icon.png --output "$stage/icons/all" &&
  "${tauri[@]}" icon icons/icon.png --output "$stage/icons/hicolor" --png "$(IFS=,; echo "${sizes[*]}")"
} >"$stage/icons.log" 2>&1 || { cat "$stage/icons.log" >&2; exit 1; }
# The bundler installs each PNG at its own size (usr/share/icons/hicolor/NxN/apps). The first
# PNG is also the window's icon, so 128 px leads.
icon_list=("\"$stage/icons/hicolor/128x128.png\"")
for n in "${sizes[@]}"; do
  [ "$n" = 128 ] || icon_list+=("\"$stage/icons/hicolor/${n}x${n}.png\"")
done
icon_list+=("\"$stage/icons/all/icon.ico\"" "\"$stage/icons/all/icon.icns\"")
printf '{ "bundle": { "icon": [%s] } }\n' "$(IFS=,; echo "${icon_list[*]}")" >"$stage/tauri.package.json"

log "third-party licences (cargo-about for the Rust crates)"
# cargo-about reads every crate's files (about 4 minutes on 2 cores), and its answer depends only
# on Cargo.lock, its configuration and its own version: kept under that key and reused.
cache=$root/target/package-cache
key=$(cat Cargo.lock packaging/about.toml packaging/about.hbs <(cargo about --version) | sha256sum | cut -c1-16)
rust_licences=$cache/rust-licences-$key.txt
if [ ! -s "$rust_licences" ]; then
  mkdir -p "$cache"
  cargo fetch --locked --quiet # the crates of every platform, which cargo-about reads offline
  cargo about generate --workspace --locked --offline --fail \
    --config packaging/about.toml packaging/about.hbs >"$rust_licences.part" 2>"$stage/cargo-about.log" \
    || { cat "$stage/cargo-about.log" >&2; echo "cargo-about failed (a licence not accepted in packaging/about.toml?)" >&2; exit 1; }
  mv "$rust_licences.part" "$rust_licences"
fi
cp "$rust_licences" "$stage/rust-licences.txt"
{
  echo "Third-party licences of Pizhu $("$pizhu" --version | awk '{print $NF}')"
  echo
  echo "Pizhu itself is under the MIT licence. It is built from the Rust crates and the npm"
  echo "packages below; this file is generated from the dependency tree when the package is"
  echo "built (scripts/package.sh: cargo-about, rollup-plugin-license)."
  echo
  cat "$stage/rust-licences.txt"
  echo
  echo "NPM PACKAGES BUNDLED INTO THE USER INTERFACE"
  echo "============================================"
  echo
  cat "$stage/npm-licences.txt"
} >"$stage/files/THIRD-PARTY-LICENSES.txt"

log "bundling (.deb, .rpm) with the Tauri bundler ($profile)"
bundle_dir=$target_dir/$profile/bundle
rm -rf "$bundle_dir/deb" "$bundle_dir/rpm" # only this build's packages are left there
"${tauri[@]}" build --ci --bundles deb,rpm "${tauri_profile[@]}" --config "$stage/tauri.package.json"

log "done in $((SECONDS - started)) s:"
for f in "$bundle_dir"/deb/*.deb "$bundle_dir"/rpm/*.rpm; do
  printf '  %s  (%s)\n' "$f" "$(du -h "$f" | cut -f1)"
done
