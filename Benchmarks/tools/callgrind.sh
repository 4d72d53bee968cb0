#!/usr/bin/env bash
# Instructions per iteration of `graphql-bench --engine ours` on one workload,
# counted by valgrind's callgrind over the timed loop only (callgrind-shim.c).
# Stable on a loaded machine, unlike the clock.
#
#   Benchmarks/tools/callgrind.sh small 1000        # workload, iterations
#   ENGINE=graphqlswift Benchmarks/tools/callgrind.sh small 100
#
# Needs valgrind and gcc; uses the last release build of graphql-bench. Leaves
# the profile in .build/callgrind/WORKLOAD.out.1 (callgrind_annotate reads it).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
workload="$1"
iterations="${2:-100}"
engine="${ENGINE:-ours}"
out="$HERE/.build/callgrind"
mkdir -p "$out"
gcc -O2 -shared -fPIC -o "$out/shim.so" tools/callgrind-shim.c -ldl
BIN="$(swift build -c release --product graphql-bench --show-bin-path)/graphql-bench"
args=(--schema "Workloads/$workload/schema.graphql" --data "Workloads/$workload/data.json"
    --query "Workloads/$workload/query.graphql")
[[ -f "Workloads/$workload/variables.json" ]] && args+=(--variables "Workloads/$workload/variables.json")
rm -f "$out/$workload.out" "$out/$workload.out".*
LD_PRELOAD="$out/shim.so" valgrind --tool=callgrind --callgrind-out-file="$out/$workload.out" \
    "$BIN" --engine "$engine" "${args[@]}" --iterations "$iterations" --warmup "${WARMUP:-2}" \
    >/dev/null 2>"$out/$workload.valgrind.log"
total=$(awk '/^totals:/ {print $2}' "$out/$workload.out.1")
echo "$workload ($engine): $((total / iterations)) instructions per iteration ($iterations iterations, $total in all)"
