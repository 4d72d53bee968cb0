#!/usr/bin/env bash
# The gateway at the data model's scale: the critical queries of
# docs/DATA-MODEL.md sent raw to the database (pymongo, the company model's own
# form) next to their GraphQL equivalents through the gateway, plus `me`, the
# 50-rescue nested query, `{ __typename }`, /healthz, and the two frequent
# writes (a driver's position, a rescue request) next to the same writes sent
# raw; one client, then eight (wrk). Prints one Markdown table and the machine.
# The rescues the write rows add are removed at the end.
#
#   Benchmarks/scale/run.sh                  100,000 rescues, 10,000 riders, 10,000 drivers
#   RESCUES=5000 Benchmarks/scale/run.sh     a quick run
#
# Environment:
#   RIDERS, DRIVERS, RESCUES, RANDOM_SEED   what to seed (10000, 10000, 100000, 1)
#   REQUESTS     sequential requests per query after WARMUP (200, 20), raw and gateway interleaved,
#                each series cut at MAX_SECONDS (60) of its own time
#   CONCURRENCY  clients of the loaded run (8), for DURATION seconds (15) per query, in ROUNDS rounds (3):
#                the round of median throughput is reported
#   TIMEOUT      seconds one request may take (30); timeouts and 5xx are counted, not waited for
#   ONLY         comma-separated row numbers to measure (all by default)
#   SKIP_BUILD=1 reuse the last release build of supportcarr
#   KEEP_DB=1    leave the database running at the end
#
# The database is SecantusDB (scripts/db) in Benchmarks/.build/scale/<counts>/db,
# kept between runs: a run whose counts match what the marker file beside it
# records (and what the database holds) reuses it, any other seeds it afresh.
# The gateway (release build, development keys, as the seed) runs on a free
# port with API keys created for seeded users: the rider with the most rescues,
# the driver with the most assignments, a driver with an active assignment, the
# admin. Everything the script started is stopped, and its keys revoked, at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
riders=${RIDERS:-10000}
drivers=${DRIVERS:-10000}
rescues=${RESCUES:-100000}
random_seed=${RANDOM_SEED:-1}

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
if ! command -v wrk >/dev/null; then
  echo "scale: installing wrk" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import secantus' 2>/dev/null; then scripts/setup; fi
if ! .venv/bin/python -c 'import pymongo' 2>/dev/null; then
  echo "scale: installing pymongo into .venv" >&2
  .venv/bin/pip install -q pymongo >/dev/null
fi
py() { .venv/bin/python Benchmarks/scale/scale.py "$@"; }

if [ -z "${SKIP_BUILD:-}" ]; then swift build -c release --product supportcarr; fi
bin=$(swift build -c release --show-bin-path)/supportcarr

config=r$riders-d$drivers-x$rescues-s$random_seed
state=Benchmarks/.build/scale/$config
marker=$state/seeded.json
mkdir -p "$state"
db_name=scale-$config
gateway_pid="" key_ids=() started_db=""
cleanup() {
  if [ -n "$gateway_pid" ]; then
    kill "$gateway_pid" 2>/dev/null || true
    wait "$gateway_pid" 2>/dev/null || true
  fi
  for id in "${key_ids[@]}"; do "$bin" apikey revoke "$id" >/dev/null 2>&1 || true; done
  if [ -e "$state/writing" ]; then py tidy --uri "$MONGODB_URI" && rm -f "$state/writing"; fi
  if [ -n "$started_db" ] && [ -z "${KEEP_DB:-}" ]; then scripts/db stop --name "$db_name" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

scripts/db status --name "$db_name" >/dev/null 2>&1 || started_db=1
# A kept seed takes SecantusDB over a minute to open (77 s for 1.4 million
# documents on a 2-core VM) before it answers at all.
MONGODB_URI=$(SUPPORTCARR_DB_START_SECONDS=900 scripts/db start --name "$db_name" --storage-path "$state/db")
export MONGODB_URI SUPPORTCARR_DB=supportcarr SUPPORTCARR_ENV=development
seed_args=(--riders "$riders" --drivers "$drivers" --rescues "$rescues" --random-seed "$random_seed")

# A run stopped before its end may have left the write rows' rescues behind.
if [ -e "$state/writing" ]; then py tidy --uri "$MONGODB_URI" && rm -f "$state/writing"; fi
if py seeded --uri "$MONGODB_URI" --marker "$marker" "${seed_args[@]}"; then
  echo "scale: reusing the seed in $state ($(tr -d '\n ' <"$marker"))" >&2
else
  echo "scale: seeding $rescues rescues, $riders riders, $drivers drivers into $state" >&2
  rm -f "$marker"
  .venv/bin/python -c 'import sys; from pymongo import MongoClient; MongoClient(sys.argv[1]).drop_database("supportcarr")' \
    "$MONGODB_URI"
  as_of=$(date -u +%Y-%m-%d)
  started=$(date +%s)
  "$bin" seed "${seed_args[@]}" --as-of "$as_of"
  seconds=$(($(date +%s) - started))
  py mark --marker "$marker" "${seed_args[@]}" --as-of "$as_of" --seconds "$seconds"
fi

# A seed kept from an older build lacks what later versions of the data model
# add (indexes, denormalized owner fields): migrate is idempotent and fills them in.
"$bin" migrate >"$state/migrate.log" 2>&1 || { tail -20 "$state/migrate.log" >&2; echo "scale: migrate failed" >&2; exit 1; }

ids=$(py pick --uri "$MONGODB_URI")
eval "$ids"
ids_json=$(printf '%s\n' "$ids" | .venv/bin/python -c \
  'import json, sys; print(json.dumps(dict(line.strip().split("=", 1) for line in sys.stdin if "=" in line)))')

new_key="" # set by create_key
create_key() { # role user-id label: creates a key, sets new_key, remembers its id for revoking
  local created id
  created=$("$bin" apikey create --role "$1" --user-id "$2" --name "scale benchmark: $3")
  id=$(printf '%s\n' "$created" | sed -n 's/^apikey: created \([0-9a-f]\{24\}\).*/\1/p' | head -n 1)
  [ -n "$id" ] || { echo "scale: apikey create failed: $created" >&2; exit 1; }
  key_ids+=("$id")
  new_key=$(printf '%s\n' "$created" | tail -n 1)
}
create_key rider "$RIDER_USER" "rider with most rescues"; rider_key=$new_key
create_key driver "$DRIVER_USER" "driver with most assignments"; driver_key=$new_key
create_key driver "$ACTIVE_DRIVER_USER" "driver on an active rescue"; active_key=$new_key
create_key admin "$ADMIN_USER" "admin"; admin_key=$new_key
keys_json=$(printf '{"rider": "%s", "driver": "%s", "active_driver": "%s", "admin": "%s"}' \
  "$rider_key" "$driver_key" "$active_key" "$admin_key")

port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
# Rate limits off: the run measures the gateway's work, and a rider's 120
# requests a minute would answer most of a series with 429.
SUPPORTCARR_RATE_LIMIT_RIDER=off SUPPORTCARR_RATE_LIMIT_DRIVER=off SUPPORTCARR_RATE_LIMIT_ADMIN=off \
  HOST=127.0.0.1 PORT=$port "$bin" serve >"$state/gateway.log" 2>&1 &
gateway_pid=$!
# Ready, not just alive: the driver locator has loaded the free drivers.
for _ in $(seq 1 600); do
  curl -fsS "$url/readyz" >/dev/null 2>&1 && break
  kill -0 "$gateway_pid" 2>/dev/null || { tail -20 "$state/gateway.log" >&2; echo "scale: the gateway exited" >&2; exit 1; }
  sleep 0.2
done

echo "scale: rider $RIDER_PROFILE ($RIDER_RESCUES rescues), driver $DRIVER_PROFILE ($DRIVER_ASSIGNMENTS assignments)," \
  "active driver $ACTIVE_DRIVER_PROFILE, near $NEAR_LNG,$NEAR_LAT; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
touch "$state/writing"
py bench --uri "$MONGODB_URI" --url "$url" --keys "$keys_json" --ids "$ids_json" \
  --requests "${REQUESTS:-200}" --warmup "${WARMUP:-20}" --max-seconds "${MAX_SECONDS:-60}" \
  --concurrency "${CONCURRENCY:-8}" --duration "${DURATION:-15}" --rounds "${ROUNDS:-3}" --timeout "${TIMEOUT:-30}" \
  --only "${ONLY:-}" \
  --pids "$(cat ".supportcarr/run/$db_name.pid"),$gateway_pid"
echo "Seed: $(tr -d '\n' <"$marker" | tr -s ' ')"
