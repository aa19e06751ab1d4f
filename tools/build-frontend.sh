#!/usr/bin/env bash
# Builds the admin app into frontend/dist: the wasm in release mode, wasm-bindgen's
# glue, content-hashed file names (served with long-lived caching), an index.html that
# names them, and a brotli and a gzip copy of each file (the server sends the first one
# the browser accepts). Prints the bundle's weight — brotli, what browsers download —
# and fails if it is over the 400 KB budget.
set -euo pipefail
cd "$(dirname "$0")/.."

BUDGET_BYTES=$((400 * 1024))
# FRONTEND_PROFILE=dev builds quickly for local iteration; the budget applies to the
# release profile only.
profile=${FRONTEND_PROFILE:-wasm-release}

tools/wasm-bindgen.sh
target_dir=$(cargo metadata --format-version 1 --no-deps \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')

echo "==> building the app (wasm32, profile $profile)"
cargo build -p brigade-frontend --bin brigade-app --target wasm32-unknown-unknown --profile "$profile"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir "$stage/glue" --out-name brigade-app \
  "$target_dir/wasm32-unknown-unknown/$([ "$profile" = dev ] && echo debug || echo "$profile")/brigade-app.wasm"

out="$stage/dist"
mkdir -p "$out"
hash() { sha256sum "$1" | cut -c1-16; }
# Copies $1 to $out as <stem>-<hash>.<ext> and prints the new name.
hashed() {
  local src=$1 stem=$2 ext=$3 name
  name="$stem-$(hash "$src").$ext"
  cp "$src" "$out/$name"
  echo "$name"
}

wasm=$(hashed "$stage/glue/brigade-app_bg.wasm" brigade-app wasm)
js=$(hashed "$stage/glue/brigade-app.js" brigade-app js)
css=$(hashed frontend/style/app.css app css)
boot=$(hashed frontend/static/boot.js boot js)
sed -e "s|{{js}}|$js|g" -e "s|{{wasm}}|$wasm|g" frontend/static/loader.js > "$stage/loader.js"
loader=$(hashed "$stage/loader.js" loader js)
sed -e "s|{{boot}}|$boot|g" -e "s|{{css}}|$css|g" -e "s|{{js}}|$js|g" \
    -e "s|{{wasm}}|$wasm|g" -e "s|{{loader}}|$loader|g" frontend/index.html > "$out/index.html"
cp frontend/static/favicon.svg "$out/favicon.svg"

for file in "$out"/*; do
  gzip -9 -n -k "$file"
done
cargo build -q -p brigade-precompress
"$target_dir/debug/brigade-precompress" "$out" >/dev/null

total=0
total_gzip=0
for name in "$wasm" "$js" "$css" "$boot" "$loader" index.html; do
  size=$(stat -c %s "$out/$name.br")
  gz=$(stat -c %s "$out/$name.gz")
  total=$((total + size))
  total_gzip=$((total_gzip + gz))
  printf '    %-36s %8d bytes brotli, %8d gzip (%d raw)\n' "$name" "$size" "$gz" "$(stat -c %s "$out/$name")"
done
printf '==> app bundle: %d bytes brotli (%d KB; budget %d KB), %d bytes gzip\n' "$total" $((total / 1024)) $((BUDGET_BYTES / 1024)) "$total_gzip"

rm -rf frontend/dist
mv "$out" frontend/dist
if [ "$profile" = wasm-release ] && [ "$total" -gt "$BUDGET_BYTES" ]; then
  echo "error: the app bundle is over its budget" >&2
  exit 1
fi
