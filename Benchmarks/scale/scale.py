"""The client side of the scale benchmark (driven by run.sh).

Subcommands:
  seeded  exit 0 when the database holds the seed the marker file records
          and the marker matches the wanted counts
  mark    write the marker file after a successful seed
  pick    print, as shell assignments, the users the benchmark acts as
  bench   measure every query and print the Markdown table

The data model's critical queries ("Critical queries" in docs/DATA-MODEL.md)
are sent raw with pymongo in the company model's own form, and their GraphQL
equivalents through the gateway over HTTP with the key of the role that asks
them. Single client: sequential requests on one keep-alive connection, after a
warm-up, raw and gateway interleaved request by request (which goes first
alternates), each series cut short after --max-seconds of its own time. Eight clients: wrk for
--duration seconds (wrk.lua) in --rounds rounds, the median round reported; `{ __typename }` and
`/healthz`, whose throughputs the issue compares, run their rounds alternately, and the ratio is
the median of the rounds' ratios. Every request has a time limit (--timeout);
timeouts, 5xx replies and GraphQL errors are counted and shown in the table,
never waited out.
"""

import argparse
import datetime
import http.client
import json
import math
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

from pymongo import MongoClient

HERE = os.path.dirname(os.path.abspath(__file__))
ACTIVE = ["accepted", "en_route", "arrived", "in_progress"]

HISTORY = (
    "query History($rider: ObjectID!) { rescueHistory(riderId: $rider, first: 20) { "
    "edges { cursor node { id status type requestedAt estimatedPrice finalPrice "
    "pickupLocation { lng lat address } } } pageInfo { hasNextPage endCursor } } }"
)
ACTIVE_RESCUE = (
    "query Active($driver: ObjectID!) { activeRescue(driverId: $driver) { "
    "id rescueId status assignedAt acceptedAt driverLocation { lng lat } estimatedArrivalTime } }"
)
NEARBY = (
    "query Nearby($near: GeoPointInput!) { nearbyDrivers(near: $near, maxDistanceMeters: 5000, first: 20) { "
    "distanceMeters driver { id status isOnline isAvailable rating location { lng lat } } } }"
)
ME = "{ me { id } }"
TYPENAME = "{ __typename }"
LOCATION = (
    "mutation Move($at: GeoPointInput!) { updateDriverLocation(location: $at) { id lastLocationUpdate } }"
)
CREATE_RESCUE = (
    "mutation Ask($input: CreateRescueRequestInput!) { createRescueRequest(input: $input) { id status estimatedPrice } }"
)
# What the benchmark's own rescues say, so that the run can remove them afterwards.
BENCH_DESCRIPTION = "scale benchmark: remove after the run"


def database(args):
    return MongoClient(args.uri, serverSelectionTimeoutMS=10_000)[args.db]


# --- seeded / mark ---------------------------------------------------------


def wanted(args):
    return {
        "riders": args.riders,
        "drivers": args.drivers,
        "rescues": args.rescues,
        "randomSeed": args.random_seed,
    }


def cmd_seeded(args):
    try:
        with open(args.marker) as f:
            marker = json.load(f)
    except (OSError, ValueError):
        return 1
    if {k: marker.get(k) for k in wanted(args)} != wanted(args):
        return 1
    db = database(args)
    counts = {
        "rescuerequests": args.rescues,
        "riderprofiles": args.riders,
        "driverprofiles": args.drivers,
    }
    for name, count in counts.items():
        if db[name].estimated_document_count() != count:
            return 1
    return 0


def cmd_tidy(args):
    """Removes what the write rows added: the benchmark's rescues, their status
    rows and audit entries, and their count on the rider, so the seed stays
    the seed (`seeded` compares counts)."""
    db = database(args)
    rescues = list(db.rescuerequests.find({"description": BENCH_DESCRIPTION}, {"_id": 1, "riderId": 1}))
    ids = [r["_id"] for r in rescues]
    if ids:
        db.rescuestatushistories.delete_many({"rescueId": {"$in": ids}})
        db.auditlogs.delete_many({"entityId": {"$in": ids}})
        db.notifications.delete_many({"data.rescueId": {"$in": ids}})
        db.rescuerequests.delete_many({"_id": {"$in": ids}})
        per_rider = {}
        for r in rescues:
            per_rider[r["riderId"]] = per_rider.get(r["riderId"], 0) + 1
        for rider, count in per_rider.items():
            db.riderprofiles.update_one({"_id": rider}, {"$inc": {"totalRescues": -count}})
    print(f"scale: removed the {len(ids)} rescues the write rows added", file=sys.stderr)
    return 0


def cmd_mark(args):
    marker = wanted(args)
    marker.update(
        {
            "asOf": args.as_of,
            "seededAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "seedSeconds": args.seconds,
        }
    )
    tmp = args.marker + ".tmp"
    with open(tmp, "w") as f:
        json.dump(marker, f, indent=2)
        f.write("\n")
    os.replace(tmp, args.marker)
    return 0


# --- pick ------------------------------------------------------------------


def cmd_pick(args):
    db = database(args)
    rider = db.riderprofiles.find_one({}, sort=[("totalRescues", -1), ("_id", 1)])
    busiest = db.driverstats.find_one({}, sort=[("totalRescues", -1), ("_id", 1)])
    driver = db.driverprofiles.find_one({"_id": busiest["driverId"]})
    # A driver on an active rescue: busy drivers first (online, not available),
    # each asked through the {driverId, status} index (a find on the status
    # alone scans every assignment on SecantusDB, even with a limit).
    active_driver = None
    for candidate in db.driverprofiles.find({"isOnline": True, "isAvailable": False}).sort("_id", 1):
        if db.rescueassignments.find_one({"driverId": candidate["_id"], "status": {"$in": ACTIVE}}):
            active_driver = candidate
            break
    if active_driver is None:
        sys.exit("scale: no driver has an active assignment")
    admin = db.users.find_one({"role": "admin"}, sort=[("_id", 1)])
    latest = db.rescuerequests.find_one({"riderId": rider["_id"]}, sort=[("createdAt", -1)])
    lng, lat = latest["pickupLocation"]["coordinates"]
    # How many drivers the nearby-drivers query has to choose from around that pickup.
    available = db.driverprofiles.count_documents(
        {
            "location": {"$geoWithin": {"$centerSphere": [[lng, lat], 5000 / 6378100]}},
            "isOnline": True,
            "isAvailable": True,
            "status": "approved",
        }
    )
    values = {
        "RIDER_USER": rider["userId"],
        "RIDER_PROFILE": rider["_id"],
        "RIDER_RESCUES": rider["totalRescues"],
        "DRIVER_USER": driver["userId"],
        "DRIVER_PROFILE": driver["_id"],
        "DRIVER_ASSIGNMENTS": busiest["totalRescues"],
        "ACTIVE_DRIVER_USER": active_driver["userId"],
        "ACTIVE_DRIVER_PROFILE": active_driver["_id"],
        "ADMIN_USER": admin["_id"],
        "NEAR_LNG": lng,
        "NEAR_LAT": lat,
        "NEAR_AVAILABLE": available,
    }
    for name, value in values.items():
        print(f"{name}={value}")
    return 0


# --- measuring -------------------------------------------------------------


class Series:
    """Latencies of one query's requests, and what went wrong."""

    def __init__(self):
        self.ms = []
        self.timeouts = 0
        self.statuses = {}
        self.graphql_errors = 0
        self.first_error = None

    def percentile(self, p):
        if not self.ms:
            return None
        ordered = sorted(self.ms)
        # Nearest rank: the smallest latency with at least p% of the sample at or below it.
        index = max(0, math.ceil(p / 100 * len(ordered)) - 1)
        return ordered[index]

    def problems(self):
        notes = []
        if self.timeouts:
            notes.append(f"{self.timeouts} timeouts")
        for status, n in sorted(self.statuses.items()):
            if status >= 300:
                notes.append(f"{n}× {status}")
        if self.graphql_errors:
            notes.append(f"{self.graphql_errors}× errors")
        return notes


def run_series(calls, warmup, requests, max_seconds):
    """One series per call in `calls` (each `call(series)` makes one request),
    interleaved: every round runs each call once, the first one rotating, so
    that the database's drift from one minute to the next (on a small VM its
    latency moves by a quarter between runs) falls on raw and gateway alike
    instead of on whichever series ran second. Each series has `warmup`
    untimed calls, then up to `requests` timed ones within `max_seconds` of
    its own calls' time; one that is done drops out of the rounds."""

    def rounds(series_list, count, budget):
        spent = [0.0] * len(calls)
        done = [False] * len(calls)
        for turn in range(count):
            if all(done):
                break
            for k in range(len(calls)):
                index = (turn + k) % len(calls)
                if done[index]:
                    continue
                start = time.monotonic()
                calls[index](series_list[index])
                spent[index] += time.monotonic() - start
                if spent[index] > budget:
                    done[index] = True

    rounds([Series() for _ in calls], warmup, max(1.0, max_seconds / 4))
    measured = [Series() for _ in calls]
    rounds(measured, requests, max_seconds)
    return measured


class Gateway:
    """One keep-alive HTTP connection to the gateway, reopened after a failure."""

    def __init__(self, url, timeout):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.timeout = timeout
        self.conn = None

    def call(self, series, method, path, body=None, key=None):
        headers = {}
        if body is not None:
            headers["Content-Type"] = "application/json"
            headers["Accept"] = "application/graphql-response+json, application/json"
        if key:
            headers["Authorization"] = "Bearer " + key
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        start = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            reply = self.conn.getresponse()
            data = reply.read()
        except (socket.timeout, TimeoutError):
            series.timeouts += 1
            self.conn.close()
            self.conn = None
            return
        except (ConnectionError, http.client.HTTPException) as error:
            series.statuses[599] = series.statuses.get(599, 0) + 1
            series.first_error = series.first_error or repr(error)
            self.conn.close()
            self.conn = None
            return
        series.ms.append((time.perf_counter() - start) * 1000)
        series.statuses[reply.status] = series.statuses.get(reply.status, 0) + 1
        if body is not None:
            try:
                answer = json.loads(data)
            except ValueError:
                answer = {"errors": [{"message": data[:200].decode(errors="replace")}]}
            if answer.get("errors"):
                series.graphql_errors += 1
                series.first_error = series.first_error or json.dumps(answer["errors"])[:300]


def wrk(url, path, body, key, args):
    """wrk with `args.concurrency` connections for `args.duration` seconds, in
    `args.rounds` rounds: the round of median throughput is reported (its
    req/s and p50), with the timeouts and errors of all rounds. A burst of work
    beside the measurement (the embedded database checkpoints every 60 s once
    something was written, about 2 s of a core) then spoils one round, not the
    figure."""
    return wrk_alternating(url, [(path, body, key)], args)[0]


def wrk_alternating(url, runs, args):
    """`wrk` for each of `runs` ((path, body, key)), their rounds taken in turn
    (first round of each, then the second of each, ...), so that what moves on
    the machine between rounds moves all of them alike. Returns one result per
    run, as `wrk` does, each with the req/s of all its rounds (`rounds_rps`, in
    the order they ran)."""
    rounds = max(1, args.rounds)
    seconds = max(2, round(args.duration / rounds))
    results = [[] for _ in runs]
    for _ in range(rounds):
        for index, (path, body, key) in enumerate(runs):
            result = wrk_round(url, path, body, key, args, seconds)
            if "error" in result:
                return [result for _ in runs]
            results[index].append(result)
    medians = []
    for run in results:
        rps = [r["requests"] / r["seconds"] if r["seconds"] else 0 for r in run]
        ranked = sorted(run, key=lambda r: r["requests"] / r["seconds"] if r["seconds"] else 0)
        median = dict(ranked[len(ranked) // 2])
        for field in ("timeouts", "non2xx", "socket_errors"):
            median[field] = sum(r[field] for r in run)
        median["rounds_rps"] = rps
        medians.append(median)
    return medians


def wrk_round(url, path, body, key, args, seconds):
    """One wrk run with `args.concurrency` connections for `seconds`."""
    with tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False) as f:
        if body is not None:
            f.write(body)
        body_file = f.name if body is not None else ""
    try:
        env = dict(os.environ, BODY_FILE=body_file, API_KEY=key or "")
        threads = min(2, args.concurrency)
        out = subprocess.run(
            [
                "wrk", f"-t{threads}", f"-c{args.concurrency}", f"-d{seconds}s",
                f"--timeout", f"{args.timeout}s", "-s", os.path.join(HERE, "wrk.lua"), url.rstrip("/") + path,
            ],
            env=env, capture_output=True, text=True, timeout=seconds + args.timeout + 60,
        )
    finally:
        if body_file:
            os.unlink(body_file)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        return {"error": (out.stderr or out.stdout).strip()[:300]}
    return json.loads(lines[-1])


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settle(pids, limit=180):
    """Waits until the database and the gateway are idle (under a tenth of a core
    each over a second): requests a run left behind (wrk's last ones, or those
    the gateway answered with 504 while the database still works on them) must
    not be measured as the next query's latency."""
    start = time.monotonic()
    idle = not pids
    while not idle and time.monotonic() - start < limit:
        try:
            before = [cpu_seconds(pid) for pid in pids]
            time.sleep(1)
            used = [cpu_seconds(pid) - b for pid, b in zip(pids, before)]
        except OSError:
            return True
        idle = all(u < 0.1 for u in used)
    waited = time.monotonic() - start
    if waited > 2:
        print(f"scale:   waited {waited:.0f} s for the database and the gateway to go idle", file=sys.stderr, flush=True)
    return idle


def fmt(ms):
    if ms is None:
        return "—"
    if ms >= 100:
        return f"{ms:,.0f} ms"
    return f"{ms:.1f} ms" if ms >= 10 else f"{ms:.2f} ms"


def measure_group(group, args, gateway, pids, no_load, table, failures, pairs=None, ratios=None):
    """One client for every row of `group`, then its loaded runs; adds to `table` and `failures`.
    `pairs` maps a row's label to another's whose loaded rounds alternate with its own
    (`wrk_alternating`); the ratio of their req/s goes to `ratios`."""
    pairs = pairs or {}
    labels = {row[0] for row in group}
    preloaded = {}
    singles = []
    busy = {}
    for label, raw_call, path, body, key in group:
        if not settle(pids):
            busy[label] = "one client started while the database was still busy"
        print(f"scale: one client: {label}", file=sys.stderr, flush=True)
        method = "POST" if body is not None else "GET"
        calls = [lambda series: gateway.call(series, method, path, body, key)]
        if raw_call:
            calls.append(raw_call)
        single, *raw = run_series(calls, args.warmup, args.requests, args.max_seconds)
        singles.append((raw[0] if raw else None, single))
    for (label, raw_call, path, body, key), (raw_series, single) in zip(group, singles):
        notes = single.problems()
        if label in busy:
            notes.append(busy[label])
        partner = pairs.get(label)
        if label in preloaded:
            loaded = preloaded.pop(label)
        elif label in no_load:
            loaded = {"error": "not run"}
        else:
            if not settle(pids):
                notes.append(f"{args.concurrency} clients started while the database was still busy")
            if partner in labels and partner not in no_load:
                other = next(row for row in group if row[0] == partner)
                print(f"scale: {args.concurrency} clients: {label} and {partner}, rounds alternating", file=sys.stderr, flush=True)
                loaded, preloaded[partner] = wrk_alternating(
                    args.url, [(path, body, key), (other[2], other[3], other[4])], args)
                if ratios is not None and "error" not in loaded:
                    per_round = [a / b for a, b in zip(loaded["rounds_rps"], preloaded[partner]["rounds_rps"]) if b]
                    ratios.append((label, partner, per_round))
            else:
                print(f"scale: {args.concurrency} clients: {label}", file=sys.stderr, flush=True)
                loaded = wrk(args.url, path, body, key, args)
        if raw_series and raw_series.problems():
            notes.append("raw: " + ", ".join(raw_series.problems()))
        if "error" in loaded:
            if label not in no_load:
                notes.append("wrk: " + loaded["error"])
            loaded_p50 = loaded_rps = "—"
        else:
            loaded_p50 = fmt(loaded["p50_ms"]) if loaded["requests"] else "—"
            loaded_rps = f"{loaded['requests'] / loaded['seconds']:.1f}" if loaded["seconds"] else "—"
            bad = []
            if loaded["timeouts"]:
                bad.append(f"{loaded['timeouts']} timeouts")
            if loaded["non2xx"]:
                bad.append(f"{loaded['non2xx']} non-2xx")
            if not loaded["requests"]:
                bad.append(f"no reply within the {args.duration} s")
            if loaded["socket_errors"]:
                bad.append(f"{loaded['socket_errors']} socket errors")
            if bad:
                notes.append(f"{args.concurrency} clients: " + ", ".join(bad))
        if single.first_error:
            failures.append(f"{label}: {single.first_error}")
        table.append(
            (
                label,
                fmt(raw_series.percentile(50)) if raw_series else "—",
                fmt(raw_series.percentile(95)) if raw_series else "—",
                fmt(single.percentile(50)),
                fmt(single.percentile(95)),
                loaded_p50,
                loaded_rps,
                f"{len(single.ms)}" + (f" / raw {len(raw_series.ms)}" if raw_series else ""),
                "; ".join(notes),
            )
        )


def cmd_bench(args):
    ids = json.loads(args.ids)
    keys = json.loads(args.keys)
    db = database(args)
    gateway = Gateway(args.url, args.timeout)
    near = {"lng": float(ids["NEAR_LNG"]), "lat": float(ids["NEAR_LAT"])}
    from bson import ObjectId

    rider_profile = ObjectId(ids["RIDER_PROFILE"])
    active_driver = ObjectId(ids["ACTIVE_DRIVER_PROFILE"])
    with open(os.path.join(args.queries, "rescues.graphql")) as f:
        rescues = f.read()

    def raw(call):
        def one(series):
            start = time.perf_counter()
            try:
                call()
            except Exception as error:  # a server error is a result, not a crash
                series.statuses[599] = series.statuses.get(599, 0) + 1
                series.first_error = series.first_error or repr(error)[:300]
                return
            series.ms.append((time.perf_counter() - start) * 1000)

        return one

    raw_nearby = raw(
        lambda: list(
            db.driverprofiles.find(
                {
                    "location": {
                        "$near": {
                            "$geometry": {"type": "Point", "coordinates": [near["lng"], near["lat"]]},
                            "$maxDistance": 5000,
                        }
                    },
                    "isOnline": True,
                    "isAvailable": True,
                    "status": "approved",
                },
                max_time_ms=args.timeout * 1000,
            ).limit(20)
        )
    )
    raw_history = raw(
        lambda: list(
            db.rescuerequests.find({"riderId": rider_profile}, max_time_ms=args.timeout * 1000)
            .sort("createdAt", -1)
            .limit(20)
        )
    )
    raw_active = raw(
        lambda: db.rescueassignments.find_one(
            {"driverId": active_driver, "status": {"$in": ACTIVE}}, max_time_ms=args.timeout * 1000
        )
    )

    # The writes, raw in the data model's own form: a driver's position (the
    # profile, then the live assignment's position and its last 100 points),
    # and a rescue request (the rescue, its first status row and the rider's
    # count, in one transaction).
    active_user = ObjectId(ids["ACTIVE_DRIVER_USER"])
    point = {"type": "Point", "coordinates": [near["lng"], near["lat"]]}

    def raw_location_write():
        now = datetime.datetime.now(datetime.timezone.utc)
        db.driverprofiles.update_one(
            {"_id": active_driver}, {"$set": {"location": point, "lastLocationUpdate": now, "updatedAt": now}}
        )
        db.rescueassignments.update_one(
            {"driverId": active_driver, "status": {"$in": ACTIVE}},
            {
                "$set": {"driverLocation": point, "updatedAt": now},
                "$push": {"locationHistory": {"$each": [{"location": point, "timestamp": now}], "$slice": -100}},
            },
        )

    def raw_rescue_write():
        now = datetime.datetime.now(datetime.timezone.utc)
        with db.client.start_session() as session:
            with session.start_transaction():
                rescue = db.rescuerequests.insert_one(
                    {
                        "riderId": rider_profile, "status": "requested", "type": "flat_tire",
                        "pickupLocation": dict(point, address="1 Bench St"), "description": BENCH_DESCRIPTION,
                        "priority": "normal", "estimatedPrice": 4500, "requestedAt": now, "createdAt": now,
                        "updatedAt": now,
                    },
                    session=session,
                )
                db.rescuestatushistories.insert_one(
                    {"rescueId": rescue.inserted_id, "toStatus": "requested", "timestamp": now, "createdAt": now},
                    session=session,
                )
                db.riderprofiles.update_one(
                    {"_id": rider_profile}, {"$inc": {"totalRescues": 1}, "$set": {"updatedAt": now}}, session=session
                )

    rescue_input = {
        "pickup": {"lng": near["lng"], "lat": near["lat"], "address": "1 Bench St"},
        "type": "FLAT_TIRE",
        "description": BENCH_DESCRIPTION,
    }

    rows = [
        # label, raw measurement or None, path, GraphQL document, variables, key name[, loaded run]
        (
            f"1. nearby drivers within 5 km, 20 of {ids['NEAR_AVAILABLE']} (rider key)",
            raw_nearby, "/graphql", NEARBY, {"near": near}, "rider"),
        (
            f"2. rider's rescue history, 20 of {ids['RIDER_RESCUES']} (rider key)",
            raw_history, "/graphql", HISTORY, {"rider": ids["RIDER_PROFILE"]}, "rider",
        ),
        (
            "3. driver's active rescue (driver key)",
            raw_active, "/graphql", ACTIVE_RESCUE, {"driver": ids["ACTIVE_DRIVER_PROFILE"]}, "active_driver",
        ),
        (f"`{ME}`, rider with {ids['RIDER_RESCUES']} rescues", None, "/graphql", ME, None, "rider"),
        (f"`{ME}`, driver with {ids['DRIVER_ASSIGNMENTS']} assignments", None, "/graphql", ME, None, "driver"),
        (f"`{ME}`, admin", None, "/graphql", ME, None, "admin"),
        ("50 rescues, nested (`load/queries/rescues.graphql`, admin key)", None, "/graphql", rescues, None, "admin"),
        (f"`{TYPENAME}` (rider key)", None, "/graphql", TYPENAME, None, "rider"),
        ("`GET /healthz`", None, "/healthz", None, None, None),
        (
            "10. `updateDriverLocation`, driver on an active rescue",
            raw(raw_location_write), "/graphql", LOCATION, {"at": near}, "active_driver",
        ),
        # One client only: a loaded run would add thousands of rescues to the seed.
        (
            "11. `createRescueRequest`, rider key (one client only)",
            raw(raw_rescue_write), "/graphql", CREATE_RESCUE, {"input": rescue_input}, "rider", False,
        ),
    ]
    only = set(args.only.split(",")) if args.only else None
    pids = [int(p) for p in args.pids.split(",") if p]
    measured = []
    no_load = set()
    for number, (label, raw_call, path, document, variables, key_name, *rest) in enumerate(rows, start=1):
        if only and str(number) not in only:
            continue
        if rest and not rest[0]:
            no_load.add(label)
        key = keys[key_name] if key_name else None
        body = None
        if document is not None:
            payload = {"query": document}
            if variables is not None:
                payload["variables"] = variables
            body = json.dumps(payload).encode()
        measured.append((label, raw_call, path, body, key))

    # The reads first, then the writes, each group one client first, every
    # query, then the loaded runs: what a loaded run leaves behind never meets
    # a single-client series of its group, and no read (one client or eight)
    # sees what the writes added (row 11 gives the benchmark rider hundreds of
    # new rescues, row 10 grows the active assignment's location history).
    table = []
    failures = []
    writes = [row for row in measured if row[3] is not None and b'"query": "mutation' in row[3]]
    reads = [row for row in measured if row not in writes]
    # The issue compares these two throughputs: their rounds alternate.
    typename_label = next((row[0] for row in measured if row[3] is not None and TYPENAME.encode() in row[3]), None)
    healthz_label = next((row[0] for row in measured if row[2] == "/healthz"), None)
    pairs = {typename_label: healthz_label} if typename_label and healthz_label else {}
    ratios = []
    for group in (reads, writes):
        measure_group(group, args, gateway, pids, no_load, table, failures, pairs, ratios)
    print()
    print(
        "| query | raw p50 | raw p95 | gateway p50 | gateway p95 | gateway p50 at "
        f"{args.concurrency} clients | req/s at {args.concurrency} clients | samples | problems |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in table:
        print("| " + " | ".join(row) + " |")
    print()
    for first, second, per_round in ratios:
        if per_round:
            ranked = sorted(per_round)
            print(
                f"{first} against {second} at {args.concurrency} clients, rounds alternating: "
                f"**{ranked[len(ranked) // 2] * 100:.0f}%** (median of the rounds' ratios: "
                + ", ".join(f"{r * 100:.0f}%" for r in per_round) + ")."
            )
            print()
    print(machine(args))
    for failure in failures:
        print(f"first error of {failure}", file=sys.stderr)
    return 0


def machine(args):
    model = "?"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    load = open("/proc/loadavg").read().split()[:3]
    return (
        f"Machine: {model}, {os.cpu_count()} cores ({platform.node()}); load average at the end {' '.join(load)}. "
        f"Single client: {args.requests} sequential requests after {args.warmup} warm-up ones, raw and gateway "
        f"interleaved, each series cut at {args.max_seconds} s of its own (samples: how many were measured); {args.concurrency} clients: wrk in "
        f"{args.rounds} rounds over {args.duration} s, the median round reported; {args.timeout} s limit per request."
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    def db_args(p):
        p.add_argument("--uri", required=True)
        p.add_argument("--db", default="supportcarr")

    def seed_args(p):
        p.add_argument("--marker", required=True)
        p.add_argument("--riders", type=int, required=True)
        p.add_argument("--drivers", type=int, required=True)
        p.add_argument("--rescues", type=int, required=True)
        p.add_argument("--random-seed", type=int, required=True)

    p = sub.add_parser("seeded")
    db_args(p)
    seed_args(p)
    p = sub.add_parser("mark")
    seed_args(p)
    p.add_argument("--as-of", required=True)
    p.add_argument("--seconds", type=float, required=True)
    p = sub.add_parser("pick")
    db_args(p)
    p = sub.add_parser("tidy")
    db_args(p)
    p = sub.add_parser("bench")
    db_args(p)
    p.add_argument("--url", required=True)
    p.add_argument("--keys", required=True, help="JSON: rider, driver, active_driver, admin")
    p.add_argument("--ids", required=True, help="JSON: what `pick` printed")
    p.add_argument("--queries", default=os.path.join(HERE, "..", "load", "queries"))
    p.add_argument("--requests", type=int, default=200)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--max-seconds", type=float, default=60)
    p.add_argument("--concurrency", type=int, default=8)
    p.add_argument("--duration", type=int, default=15)
    p.add_argument("--rounds", type=int, default=3, help="wrk rounds per query; the median one is reported")
    p.add_argument("--timeout", type=int, default=30)
    p.add_argument("--only", default="", help="comma-separated row numbers")
    p.add_argument("--pids", default="", help="database and gateway processes to wait on between runs")
    args = parser.parse_args()
    command = {"seeded": cmd_seeded, "mark": cmd_mark, "pick": cmd_pick, "tidy": cmd_tidy, "bench": cmd_bench}[args.command]
    sys.exit(command(args))


if __name__ == "__main__":
    main()
