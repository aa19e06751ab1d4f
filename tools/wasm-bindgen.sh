#!/usr/bin/env bash
# Makes sure the wasm32 target and the wasm-bindgen CLI at exactly the version in
# Cargo.lock are installed (the CLI and the library must match). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "==> installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$want" ]; then
  echo "error: no wasm-bindgen version in Cargo.lock" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "==> installing wasm-bindgen-cli $want (found: ${have:-none})"
  cargo install --locked --force wasm-bindgen-cli --version "$want"
fi
