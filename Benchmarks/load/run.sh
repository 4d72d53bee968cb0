#!/usr/bin/env bash
# The gateway under load (issue 7): wrk against a running gateway on loopback
# for three queries, next to load-peer issuing the same MongoDB reads in-process
# with the same concurrency, so the gateway's own cost is a ratio.
#
#   Benchmarks/load/run.sh [nearby] [history] [rescues]     (all three by default)
#
# Environment:
#   CONCURRENCY  connections (wrk) and workers (load-peer); default 8, the gateway's pool size
#   DURATION     seconds per run; default 15
#   THREADS      wrk threads; default 2
#   SKIP_BUILD=1 reuse the last release builds
#   MONGODB_URI  the database; default: a throw-away in-memory one (scripts/db --memory)
#   SUPPORTCARR_DB  database name; default supportcarr. Migrated and demo-seeded when empty.
#   GATEWAY_URL + GATEWAY_API_KEY  a gateway already running against that database (an
#                admin key); default: this script starts the release build on a free port
#                and creates (and at the end revokes) an admin key for the run.
# Raw results: Benchmarks/.build/load-results/*.json. Installs Debian's wrk if missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
concurrency=${CONCURRENCY:-8}
duration=${DURATION:-15}
threads=${THREADS:-2}
[ "$threads" -le "$concurrency" ] || threads=$concurrency
queries=("$@")
[ ${#queries[@]} -gt 0 ] || queries=(nearby history rescues)

if ! command -v wrk >/dev/null; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  echo "load: installing wrk" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
[ -x .venv/bin/python ] || scripts/setup

if [ -z "${SKIP_BUILD:-}" ]; then
  swift build -c release --product supportcarr
  swift build -c release --package-path Benchmarks --product load-peer
fi
bin=$(swift build -c release --show-bin-path)/supportcarr
peer=$(swift build -c release --package-path Benchmarks --show-bin-path)/load-peer

work=$(mktemp -d)
results=Benchmarks/.build/load-results
mkdir -p "$results"
db_name="" gateway_pid="" key_id=""
cleanup() {
  if [ -n "$gateway_pid" ]; then
    kill "$gateway_pid" 2>/dev/null || true
    wait "$gateway_pid" 2>/dev/null || true
  fi
  if [ -n "$key_id" ]; then "$bin" apikey revoke "$key_id" >/dev/null 2>&1 || true; fi
  if [ -n "$db_name" ]; then scripts/db stop --name "$db_name" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

if [ -z "${MONGODB_URI:-}" ]; then
  db_name=load-$$
  MONGODB_URI=$(scripts/db start --memory --name "$db_name")
fi
export MONGODB_URI SUPPORTCARR_DB=${SUPPORTCARR_DB:-supportcarr} SUPPORTCARR_ENV=${SUPPORTCARR_ENV:-development}
"$bin" migrate >/dev/null
"$bin" seed --if-empty >/dev/null

if [ -z "${GATEWAY_URL:-}" ]; then
  created=$("$bin" apikey create --role admin --name "load test $$")
  GATEWAY_API_KEY=$(printf '%s\n' "$created" | tail -n 1)
  key_id=$(printf '%s\n' "$created" | sed -n 's/^apikey: created \([0-9a-f]\{24\}\).*/\1/p' | head -n 1)
  port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  GATEWAY_URL=http://127.0.0.1:$port
  # The load measures the gateway's work, not its rate limit (an admin key gets 1,200 requests a minute).
  SUPPORTCARR_RATE_LIMIT_ADMIN=off HOST=127.0.0.1 PORT=$port "$bin" serve >"$work/gateway.log" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 1 100); do
    curl -fsS "$GATEWAY_URL/healthz" >/dev/null 2>&1 && break
    kill -0 "$gateway_pid" 2>/dev/null || { cat "$work/gateway.log" >&2; echo "load: the gateway exited" >&2; exit 1; }
    sleep 0.2
  done
fi
: "${GATEWAY_API_KEY:?set GATEWAY_API_KEY with GATEWAY_URL}"
endpoint=${GATEWAY_URL%/}/graphql

eval "$("$peer" inputs)"
echo "load: rider $RIDER_ID ($RIDER_RESCUES rescues), nearbyDrivers around $NEAR_LNG,$NEAR_LAT;" \
  "concurrency $concurrency, $duration s each, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

stamp=$(date -u +%Y%m%dT%H%M%SZ)
for query in "${queries[@]}"; do
  case "$query" in
    nearby) variables="{\"near\": {\"lng\": $NEAR_LNG, \"lat\": $NEAR_LAT}}"; peer_args=(--lng "$NEAR_LNG" --lat "$NEAR_LAT") ;;
    history) variables="{\"rider\": \"$RIDER_ID\"}"; peer_args=(--rider "$RIDER_ID") ;;
    rescues) variables="{}"; peer_args=() ;;
    *) echo "load: unknown query $query (nearby, history, rescues)" >&2; exit 2 ;;
  esac
  body=$work/$query.json
  .venv/bin/python - "Benchmarks/load/queries/$query.graphql" "$variables" >"$body" <<'PY'
import json, sys
print(json.dumps({"query": open(sys.argv[1]).read(), "variables": json.loads(sys.argv[2])}))
PY
  # One checked request first: the load is worthless if the gateway answers with errors.
  curl -sS -H 'Content-Type: application/json' -H "Authorization: Bearer $GATEWAY_API_KEY" \
    --data-binary "@$body" "$endpoint" >"$work/$query.check"
  .venv/bin/python - "$work/$query.check" "$query" <<'PY'
import json, sys
reply = json.load(open(sys.argv[1]))
if reply.get("errors") or not reply.get("data"):
    sys.exit(f"load: {sys.argv[2]} answered with errors: {json.dumps(reply)[:600]}")
PY
  echo "load: $query through the gateway..." >&2
  BODY_FILE=$body API_KEY=$GATEWAY_API_KEY wrk -t"$threads" -c"$concurrency" -d"${duration}s" --timeout 30s \
    -s Benchmarks/load/report.lua "$endpoint" | tail -n 1 >"$results/$stamp.$query.gateway.json"
  echo "load: $query through load-peer..." >&2
  "$peer" "$query" "${peer_args[@]}" --concurrency "$concurrency" --duration "$duration" \
    >"$results/$stamp.$query.peer.json"
done

.venv/bin/python - "$results" "$stamp" "${queries[@]}" <<'PY'
import json, os, platform, sys
results, stamp, queries = sys.argv[1], sys.argv[2], sys.argv[3:]
print()
print("| query | gateway req/s | gateway p50 | gateway p99 | in-process req/s | in-process p50 | in-process p99 | throughput ratio | p50 ratio |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
bad = False
for q in queries:
    g = json.load(open(os.path.join(results, f"{stamp}.{q}.gateway.json")))
    p = json.load(open(os.path.join(results, f"{stamp}.{q}.peer.json")))
    g_rps = g["requests"] / g["seconds"] if g["seconds"] else 0
    if g["socket_errors"] or g["non2xx"] or p["errors"]:
        bad = True
        print(f"load: {q}: {g['socket_errors']} socket errors, {g['non2xx']} non-2xx, {p['errors']} peer errors", file=sys.stderr)
    print(f"| {q} | {g_rps:.1f} | {g['p50_ms']:.2f} ms | {g['p99_ms']:.2f} ms | {p['rps']:.1f} | {p['p50_ms']:.2f} ms | "
          f"{p['p99_ms']:.2f} ms | {p['rps'] / g_rps if g_rps else float('nan'):.2f}× | "
          f"{g['p50_ms'] / p['p50_ms'] if p['p50_ms'] else float('nan'):.2f}× |")
print()
print(f"throughput ratio = in-process req/s ÷ gateway req/s; p50 ratio = gateway p50 ÷ in-process p50. "
      f"{platform.node()}, {os.cpu_count()} cores, load average at the end {open('/proc/loadavg').read().split()[:3]}.")
sys.exit(1 if bad else 0)
PY
