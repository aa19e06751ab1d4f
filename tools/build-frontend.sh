#!/usr/bin/env bash
# Builds the admin app into frontend/dist: the wasm in release mode, split at its lazily
# loaded pages, wasm-bindgen's glue, content-hashed names (served with long-lived
# caching), an index.html that names them, and a brotli and a gzip copy of each file
# (the server sends the first one the browser accepts). Prints the weight — brotli, what
# browsers download — and fails if the first load is over its 400 KB budget or a page's
# chunk over its 100 KB one.
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
cargo build -q -p brigade-precompress
tool() { "$target_dir/debug/$1" "${@:2}"; }

# The signed-in pages are split points (`#[lazy_route]`): brigade-split cuts the wasm
# there (it needs the linker's relocations, `--emit-relocs` in .cargo/config.toml) into
# the main module, one chunk per page or group of pages, and the loader that fetches a
# chunk the first time it is needed. wasm-bindgen then processes the main module only.
code="$stage/code"
tool brigade-split \
  "$target_dir/wasm32-unknown-unknown/$([ "$profile" = dev ] && echo debug || echo "$profile")/brigade-app.wasm" \
  "$code"
wasm-bindgen --target web --no-typescript --keep-lld-exports --remove-name-section --remove-producers-section \
  --out-dir "$code" --out-name brigade-app "$code/main.wasm"
rm "$code/main.wasm"

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

# The code's files refer to each other by fixed names (the glue imports the loader, the
# loader the glue and its chunks), so they keep them, in a directory named after the
# hash of them all: a new build is a new directory, and each file can be cached forever.
code_dir="app-$(cd "$code" && sha256sum $(ls | sort) | sha256sum | cut -c1-16)"
mv "$code" "$out/$code_dir"
js="$code_dir/brigade-app.js"
wasm="$code_dir/brigade-app_bg.wasm"
css=$(hashed frontend/style/app.css app css)
boot=$(hashed frontend/static/boot.js boot js)
sed -e "s|{{js}}|$js|g" -e "s|{{wasm}}|$wasm|g" frontend/static/loader.js > "$stage/loader.js"
loader=$(hashed "$stage/loader.js" loader js)
sed -e "s|{{boot}}|$boot|g" -e "s|{{css}}|$css|g" -e "s|{{js}}|$js|g" \
    -e "s|{{wasm}}|$wasm|g" -e "s|{{loader}}|$loader|g" frontend/index.html > "$out/index.html"
cp frontend/static/favicon.svg "$out/favicon.svg"

for dir in "$out" "$out/$code_dir"; do
  for file in "$dir"/*; do
    [ -f "$file" ] && gzip -9 -n -k "$file"
  done
  tool brigade-precompress "$dir" >/dev/null
done

# The budget is what a browser downloads before the first page: the page, its style,
# scripts, the glue, the loader and the main module. Each chunk has its own budget: a
# page is never allowed to grow heavy just because it is loaded later.
CHUNK_BUDGET_BYTES=$((100 * 1024))
report() {
  printf '    %-44s %8d bytes brotli, %8d gzip (%d raw)\n' "$1" "$(stat -c %s "$out/$1.br")" \
    "$(stat -c %s "$out/$1.gz")" "$(stat -c %s "$out/$1")"
}
total=0
total_gzip=0
for name in "$wasm" "$js" "$code_dir/__wasm_split.js" "$css" "$boot" "$loader" index.html; do
  total=$((total + $(stat -c %s "$out/$name.br")))
  total_gzip=$((total_gzip + $(stat -c %s "$out/$name.gz")))
  report "$name"
done
printf '==> first load: %d bytes brotli (%d KB; budget %d KB), %d bytes gzip\n' "$total" $((total / 1024)) $((BUDGET_BYTES / 1024)) "$total_gzip"
lazy=0
heavy=()
for file in "$out/$code_dir"/*.wasm; do
  name="$code_dir/$(basename "$file")"
  [ "$name" = "$wasm" ] && continue
  size=$(stat -c %s "$file.br")
  lazy=$((lazy + size))
  report "$name"
  [ "$size" -gt "$CHUNK_BUDGET_BYTES" ] && heavy+=("$name")
done
printf '==> pages loaded later: %d bytes brotli in all (budget per chunk %d KB)\n' "$lazy" $((CHUNK_BUDGET_BYTES / 1024))

rm -rf frontend/dist
mv "$out" frontend/dist
if [ "$profile" = wasm-release ] && [ "$total" -gt "$BUDGET_BYTES" ]; then
  echo "error: the app's first load is over its budget" >&2
  exit 1
fi
if [ "$profile" = wasm-release ] && [ "${#heavy[@]}" -gt 0 ]; then
  echo "error: over the per-chunk budget: ${heavy[*]}" >&2
  exit 1
fi
