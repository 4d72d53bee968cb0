#!/usr/bin/env bash
# Builds graphql-bench in release mode and runs every engine on every workload,
# then prints the Markdown table of Benchmarks/README.md (tools/report.py) and
# checks that `ours` returns graphql-js's result on each workload.
#
#   Benchmarks/run.sh                      all workloads, all engines
#   Benchmarks/run.sh small list1000       some workloads
#   ENGINES="graphql-js ours" Benchmarks/run.sh
#   SCALE=0.1 Benchmarks/run.sh            a tenth of the iterations (a quick look)
#   SKIP_BUILD=1 Benchmarks/run.sh         reuse the last release build
#   RUNS=3 Benchmarks/run.sh               three rounds; the table shows each median
#
# Exit status: non-zero when a build fails, or when `ours` ran and differed from
# graphql-js or failed. Output lines are kept in .build/bench-results/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"

# The engines, in table order.
ENGINES="${ENGINES:-graphql-js graphqlswift ours}"
WORKLOADS="${*:-small introspection introspection-basic list1000}"
SCALE="${SCALE:-1}"
RUNS="${RUNS:-1}"
RESULTS="$HERE/.build/bench-results"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

# Timed iterations per workload and engine, chosen so each run takes a few seconds
# on a 2-core machine. graphql-js and ours share a count; GraphQLSwift is one to
# two orders of magnitude slower and gets fewer.
iterations() {
    local workload="$1" engine="$2" count
    case "$workload:$engine" in
        small:graphqlswift) count=3000 ;;
        small:*) count=30000 ;;
        introspection*:graphqlswift) count=30 ;;
        introspection*:*) count=1000 ;;
        list1000:graphqlswift) count=6 ;;
        list1000:*) count=150 ;;
        *:graphqlswift) count=10 ;;
        *) count=100 ;;
    esac
    python3 -c "import sys; print(max(1, round($count * float(sys.argv[1]))))" "$SCALE"
}

if [[ -z "${SKIP_BUILD:-}" ]]; then
    swift build -c release --product graphql-bench >&2
fi
BIN="$(swift build -c release --product graphql-bench --show-bin-path)/graphql-bench"

run_engine() {
    local engine="$1"
    shift
    case "$engine" in
        graphql-js) node "$HERE/node/graphql-bench.js" "$@" ;;
        *) "$BIN" --engine "$engine" "$@" ;;
    esac
}

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
# Rounds run every engine on every workload in turn, so a burst of load from
# elsewhere on the machine spreads over the engines instead of hitting one.
for ((run = 1; run <= RUNS; run++)); do
    for workload in $WORKLOADS; do
        dir="$HERE/Workloads/$workload"
        args=(--schema "$dir/schema.graphql" --data "$dir/data.json" --query "$dir/query.graphql")
        [[ -f "$dir/variables.json" ]] && args+=(--variables "$dir/variables.json")
        [[ -f "$dir/operation" ]] && args+=(--operation "$(cat "$dir/operation")")
        for engine in $ENGINES; do
            n="$(iterations "$workload" "$engine")"
            out="$RESULTS/$workload.$engine.$run.json"
            echo "round $run/$RUNS: $workload with $engine ($n iterations)" >&2
            if ! run_engine "$engine" "${args[@]}" --iterations "$n" >"$out"; then
                echo "  $engine failed on $workload" >&2
                : >"$out"
            fi
        done
    done
done

echo
echo "Rounds: $RUNS (median ops/s). Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1);" \
    "node $(node --version), $(swift --version 2>/dev/null | head -n 1)"
echo
# shellcheck disable=SC2086
python3 "$HERE/tools/report.py" "$RESULTS" --workloads $WORKLOADS --engines $ENGINES
