#!/usr/bin/env bash
# Compile speed of generated code: the full VPC 2016-04-28 product (381 operations) as a crate of
# its own; its dependencies are built first, then `cargo build` of the generated crate alone is
# timed (lib.rs touched, so only that crate rebuilds). Prints seconds per 100 operations.
#
#   bash codegen/benches/compile-speed.sh [product-stem] [runs]
#
# Needs the corpus next to the workspace (../shared/corpus/alibaba-api-docs-2024-07).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
stem="${1:-vpc_2016-04-28}"
runs="${2:-3}"
corpus="$root/../shared/corpus/alibaba-api-docs-2024-07"
if [ ! -f "$corpus/$stem.json" ]; then
    echo "skipped: $corpus/$stem.json is absent"
    exit 0
fi
out="$root/target/compile-speed"
meta="$out/metadata"
mkdir -p "$meta"
cp "$corpus/$stem.json" "$meta/"
cd "$root"
cargo run -q -p codegen --release -- --crate-per-product --quiet --metadata "$meta" --out "$out/crates"
cp "$root/Cargo.lock" "$out/crates/Cargo.lock"
cd "$out/crates"
export CARGO_TARGET_DIR="$out/target"
# Dependencies (and the crate once), for both profiles timed below.
cargo build -q --workspace 2>/dev/null || cargo build --workspace
cargo check -q --workspace 2>/dev/null || cargo check --workspace
ops=$(ls "$stem"/src/*/ | grep -vc '^mod.rs$')
lines=$(cat "$stem"/src/*.rs "$stem"/src/*/*.rs | wc -l)
echo "$stem: $ops operations, $lines lines of generated Rust ($((lines / ops)) per operation)"
for mode in build check; do
    for i in $(seq "$runs"); do
        touch "$stem/src/lib.rs"
        start=$(date +%s.%N)
        cargo "$mode" -q --workspace
        end=$(date +%s.%N)
        awk -v s="$start" -v e="$end" -v n="$ops" -v m="$mode" -v i="$i" \
            'BEGIN { t = e - s; printf "cargo %s (debug), run %d: %.1f s, %.2f s per 100 operations\n", m, i, t, t * 100 / n }'
    done
done
