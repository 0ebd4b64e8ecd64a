#!/usr/bin/env bash
# Compile cost of generated code, measured fairly: debug profile, dependencies built first, then a
# full rebuild of each crate alone (`CARGO_INCREMENTAL=0`, its lib.rs touched, so rustc starts from
# nothing), every crate once per round, rounds interleaved so that the machine's load hits them
# alike. Prints, per crate: operations, lines of Rust (and per operation), then per run the wall
# time, the CPU time (user + sys) and the peak memory of the build (`/usr/bin/time`: the largest
# process, rustc), and at the end the min and median of each with seconds per operation and the
# ratios to the peer.
#
#   bash codegen/benches/compile-speed.sh [--runs N] [--peer DIR PACKAGE] [--flowlog] [STEM ...]
#
#   STEM            a product of the corpus (../shared/corpus/alibaba-api-docs-2024-07/STEM.json),
#                   generated as a crate of its own (default: vpc_2016-04-28)
#   --flowlog       also the flow-log SDK, generated from metadata/ as in generated/
#   --peer DIR PKG  also the crate PKG of the cargo workspace at DIR (another SDK to compare with;
#                   copied, never built in place); COMPILE_SPEED_PEER="DIR PKG" does the same
#   --runs N        rounds (default 3)
#
# Operations are counted the same way for every crate: its `pub async fn`s, one per operation (a
# client method in the peer; the fluent builder's `send` in generated code), less the generated
# client's generic `send<R>`/`send_with<R>` for requests built beforehand. Skips with a message
# when the corpus is absent.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs=3
peer_dir=""
peer_pkg=""
flowlog=0
stems=()
if [ -n "${COMPILE_SPEED_PEER:-}" ]; then
    read -r peer_dir peer_pkg <<<"$COMPILE_SPEED_PEER"
fi
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --peer) peer_dir="$2"; peer_pkg="$3"; shift 3 ;;
        --flowlog) flowlog=1; shift ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) stems+=("$1"); shift ;;
    esac
done
[ ${#stems[@]} -gt 0 ] || stems=(vpc_2016-04-28)
corpus="$root/../shared/corpus/alibaba-api-docs-2024-07"
for stem in "${stems[@]}"; do
    if [ ! -f "$corpus/$stem.json" ]; then
        echo "skipped: $corpus/$stem.json is absent"
        exit 0
    fi
done
if [ ! -x /usr/bin/time ]; then
    echo "skipped: /usr/bin/time (GNU time) is needed for peak memory"
    exit 0
fi
if [ -n "$peer_dir" ] && [ ! -f "$peer_dir/Cargo.toml" ]; then
    echo "no Cargo.toml in the peer's folder $peer_dir" >&2
    exit 2
fi

out="$root/target/compile-speed"
rm -rf "$out/metadata" "$out/crates"
mkdir -p "$out/metadata"
for stem in "${stems[@]}"; do cp "$corpus/$stem.json" "$out/metadata/"; done
cd "$root"
cargo build -q -p codegen --release
codegen="$root/target/release/codegen"
"$codegen" --crate-per-product --quiet --metadata "$out/metadata" --out "$out/crates"
cp "$root/Cargo.lock" "$out/crates/Cargo.lock"
# name|workspace|package|source folder|target folder
crates=()
for stem in "${stems[@]}"; do
    pkg=$(sed -n 's/^name = "\(.*\)"/\1/p' "$out/crates/$stem/Cargo.toml")
    crates+=("$stem|$out/crates|$pkg|$out/crates/$stem/src|$out/target")
done
if [ "$flowlog" = 1 ]; then
    "$codegen" --quiet --metadata "$root/metadata" --out "$out/crates/flowlog" --crate-name alibabacloud-flowlog
    sed -i 's/^members = \[/members = [\n    "flowlog",/' "$out/crates/Cargo.toml"
    crates+=("flowlog|$out/crates|alibabacloud-flowlog|$out/crates/flowlog/src|$out/target")
fi
if [ -n "$peer_dir" ]; then
    rm -rf "$out/peer"
    mkdir -p "$out/peer"
    (cd "$peer_dir" && tar --exclude=./target --exclude=./.git -cf - .) | (cd "$out/peer" && tar -xf -)
    src=$(cd "$out/peer" && cargo metadata -q --no-deps --format-version 1 |
        python3 -c "import json,sys; m=json.load(sys.stdin); print([p for p in m['packages'] if p['name']=='$peer_pkg'][0]['manifest_path'])")
    crates+=("peer:$peer_pkg|$out/peer|$peer_pkg|$(dirname "$src")/src|$out/target-peer")
fi

export CARGO_INCREMENTAL=0
echo "== dependencies (and each crate once)"
for entry in "${crates[@]}"; do
    IFS='|' read -r name ws pkg src target <<<"$entry"
    (cd "$ws" && CARGO_TARGET_DIR="$target" cargo build -q -p "$pkg")
done

declare -A ops lines
echo "== crates"
for entry in "${crates[@]}"; do
    IFS='|' read -r name ws pkg src target <<<"$entry"
    ops[$name]=$(cat $(find "$src" -name '*.rs') | grep 'pub async fn' | grep -vc 'pub async fn send\(_with\)\?<' || true)
    lines[$name]=$(cat $(find "$src" -name '*.rs') | wc -l)
    printf '%s (%s): %d operations, %d lines of Rust, %d per operation\n' \
        "$name" "$pkg" "${ops[$name]}" "${lines[$name]}" "$((lines[$name] / ops[$name]))"
done

results="$out/results.txt"
: >"$results"
echo "== full rebuilds (debug, CARGO_INCREMENTAL=0), $runs rounds"
for i in $(seq "$runs"); do
    for entry in "${crates[@]}"; do
        IFS='|' read -r name ws pkg src target <<<"$entry"
        lib="$src/lib.rs"
        touch "$lib"
        stats=$( (cd "$ws" && CARGO_TARGET_DIR="$target" /usr/bin/time -f '%e %U %S %M' cargo build -q -p "$pkg") 2>&1 | tail -1)
        read -r wall user sys rss <<<"$stats"
        echo "$name $wall $user $sys $rss" >>"$results"
        awk -v n="$name" -v i="$i" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v o="${ops[$name]}" \
            'BEGIN { printf "round %d  %-28s wall %6.1f s  cpu %6.1f s  peak %5.2f GB  (%.3f s wall per operation)\n", i, n, w, u + s, m / 1048576, w / o }'
    done
done

echo "== summary (min / median of $runs)"
for entry in "${crates[@]}"; do
    IFS='|' read -r name _ <<<"$entry"
    grep "^$name " "$results" | awk -v n="$name" -v o="${ops[$name]}" '
        { wall[NR] = $2; cpu[NR] = $3 + $4; rss[NR] = $5 }
        function sort(a, k,   i, j, t) { for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t } }
        function median(a, k) { return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
        END {
            sort(wall, NR); sort(cpu, NR); sort(rss, NR)
            printf "%-28s wall %.1f / %.1f s (%.3f / %.3f s per operation)  cpu %.1f / %.1f s (%.3f / %.3f s per operation)  peak %.2f / %.2f GB\n",
                n, wall[1], median(wall, NR), wall[1] / o, median(wall, NR) / o,
                cpu[1], median(cpu, NR), cpu[1] / o, median(cpu, NR) / o, rss[1] / 1048576, median(rss, NR) / 1048576
        }' | tee -a "$out/summary.txt"
done
if [ -n "$peer_pkg" ]; then
    echo "== per operation, each crate / peer:$peer_pkg (medians of the same run)"
    for entry in "${crates[@]}"; do
        IFS='|' read -r name _ <<<"$entry"
        case "$name" in peer:*) continue ;; esac
        awk -v n="$name" -v p="peer:$peer_pkg" -v on="${ops[$name]}" -v op="${ops[peer:$peer_pkg]}" '
            function median(a, k,   i, j, t) { for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }; return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
            $1 == n { w1[++a] = $2; c1[a] = $3 + $4 }
            $1 == p { w2[++b] = $2; c2[b] = $3 + $4 }
            END { printf "%-28s wall %.2fx  cpu %.2fx\n", n, (median(w1, a) / on) / (median(w2, b) / op), (median(c1, a) / on) / (median(c2, b) / op) }' "$results"
    done
fi
