#!/usr/bin/env bash
# Builds the admin app into frontend/dist: the wasm in release mode, wasm-bindgen's
# glue, content-hashed file names (served with long-lived caching), an index.html that
# names them, and a gzip copy of each file. Prints the bundle's gzip size and fails if
# it is over the 400 KB budget.
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

total=0
for name in "$wasm" "$js" "$css" "$boot" "$loader" index.html; do
  size=$(stat -c %s "$out/$name.gz")
  total=$((total + size))
  printf '    %-36s %8d bytes gzip (%d raw)\n' "$name" "$size" "$(stat -c %s "$out/$name")"
done
printf '==> app bundle: %d bytes gzip (%d KB; budget %d KB)\n' "$total" $((total / 1024)) $((BUDGET_BYTES / 1024))

rm -rf frontend/dist
mv "$out" frontend/dist
if [ "$profile" = wasm-release ] && [ "$total" -gt "$BUDGET_BYTES" ]; then
  echo "error: the app bundle is over its budget" >&2
  exit 1
fi
