#!/usr/bin/env python3
"""Writes the benchmark workloads under Benchmarks/Workloads/ reproducibly.

Every workload is a folder with schema.graphql, data.json, query.graphql and
optionally variables.json, the arguments of graphql-bench. All three use the
SupportCarr schema (supportcarr.graphql, written by hand), linked in (a relative
symbolic link) so that each folder has the harness's layout without a copy. The data of list1000 comes from a seeded random generator,
so running this again gives the same bytes.

    python3 Benchmarks/Workloads/generate.py

The introspection query is graphql-js 16's own text, printed by
node/introspection-query.js (needs `node` and graphql-js under /usr/share/nodejs,
or NODE_PATH pointing at it).
"""
import json
import os
import random
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "supportcarr.graphql")


def write(workload, name, text):
    folder = os.path.join(HERE, workload)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
        f.write(text)


def write_json(workload, name, value, compact=False):
    if compact:
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    else:
        text = json.dumps(value, indent=2, ensure_ascii=False)
    write(workload, name, text + "\n")


def copy_schema(workload):
    os.makedirs(os.path.join(HERE, workload), exist_ok=True)
    link = os.path.join(HERE, workload, "schema.graphql")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(os.path.join("..", os.path.basename(SCHEMA)), link)


# --- small: one rescue with its rider, by a variable -----------------------------

SMALL_QUERY = """query SmallRescue($id: ID!) {
  ping
  rescue(id: $id) {
    id
    status
    priority
    rider {
      name
    }
  }
}
"""


def small():
    copy_schema("small")
    write("small", "query.graphql", SMALL_QUERY)
    write_json("small", "variables.json", {"id": "650f1c2e9b1d4a0012ab0001"})
    write_json("small", "data.json", {
        "ping": "pong",
        "rescue": {
            "id": "650f1c2e9b1d4a0012ab0001",
            "status": "EN_ROUTE",
            "priority": "HIGH",
            "rider": {"name": "Ada Lovelace"},
        },
    })


# --- introspection: graphql-js's standard query over the whole schema ------------

def introspection_query(*options):
    env = dict(os.environ)
    env.setdefault("NODE_PATH", "/usr/share/nodejs")
    return subprocess.run(
        ["node", os.path.join(HERE, "..", "node", "introspection-query.js"), *options],
        check=True, capture_output=True, text=True, env=env,
    ).stdout


def introspection():
    copy_schema("introspection")
    write("introspection", "query.graphql", introspection_query())
    write_json("introspection", "data.json", {})


# The same without deprecation of arguments and input fields: GraphQLSwift 4.3 has
# no `__InputValue.isDeprecated` (it answers "Cannot return null for non-nullable
# field"), so this variant is the one it can be measured on.
def introspection_basic():
    copy_schema("introspection-basic")
    write("introspection-basic", "query.graphql",
          introspection_query("--without-input-value-deprecation"))
    write_json("introspection-basic", "data.json", {})


# --- list1000: 1,000 rescues with nested objects, lists, fragments, abstract types -

LIST_QUERY = """query RescueBoard(
  $first: Int = 20
  $status: [RescueStatus!]
  $near: GeoPointInput!
  $withPhotos: Boolean!
  $withHistory: Boolean = false
) {
  rescues(first: $first, filter: {status: $status, near: $near, radiusMeters: 8000}) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...RescueSummary
      pickupLocation {
        ...AddressParts
      }
      dropoffLocation {
        ...AddressParts
      }
      photos @include(if: $withPhotos)
      bikeDetails {
        make
        model
        type
      }
      rider {
        id
        name
        totalRescues
        averageRating
      }
      requestedBy {
        __typename
        id
        name
        ... on RiderProfile {
          totalRescues
        }
        ... on DriverProfile {
          rating
          status
        }
      }
      assignment {
        status
        estimatedArrivalTime
        driver {
          ...DriverCard
        }
        locationHistory @include(if: $withHistory) {
          timestamp
        }
      }
      cancelledBy {
        __typename
        ... on SystemActor {
          component
        }
        ... on User {
          id
          role
        }
      }
      metadata
    }
  }
}

fragment RescueSummary on RescueRequest {
  id
  status
  type
  priority
  estimatedPrice
  finalPrice
  distance
  requestedAt
  completedAt
}

fragment AddressParts on Address {
  address
  city
  state
  zipCode
  coordinates
}

fragment DriverCard on DriverProfile {
  id
  name
  rating
  isOnline
  location {
    coordinates
  }
}
"""

FIRST_NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken",
               "Margaret", "Niklaus", "Radia", "Tony", "Sophie", "Dennis", "Katherine"]
LAST_NAMES = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen",
              "Thompson", "Hamilton", "Wirth", "Perlman", "Hoare", "Wilson", "Ritchie"]
STREETS = ["Market St", "Valencia St", "Mission St", "Folsom St", "Howard St", "Polk St",
           "Divisadero St", "Fillmore St", "Geary Blvd", "Irving St"]
BIKES = [("Specialized", "Turbo Vado", "e-bike"), ("Trek", "Allant+", "e-bike"),
         ("Rad Power", "RadWagon", "cargo"), ("Brompton", "C Line", "folding"),
         ("Cannondale", "Topstone", "gravel"), ("Tern", "GSD", "cargo")]
STATUSES = ["REQUESTED", "MATCHED", "ACCEPTED", "EN_ROUTE", "ARRIVED", "IN_PROGRESS",
            "COMPLETED", "CANCELLED"]
ASSIGNMENT_STATUS = {"MATCHED": "ASSIGNED", "ACCEPTED": "ACCEPTED", "EN_ROUTE": "EN_ROUTE",
                     "ARRIVED": "ARRIVED", "IN_PROGRESS": "IN_PROGRESS",
                     "COMPLETED": "COMPLETED", "CANCELLED": "CANCELLED"}
TYPES = ["FLAT_TIRE", "DEAD_BATTERY", "OUT_OF_CHARGE", "BREAKDOWN", "TRANSPORT", "OTHER"]
PRIORITIES = ["LOW", "NORMAL", "NORMAL", "HIGH", "URGENT"]


def object_id(rng):
    # Shorter than a real ObjectId (24 digits) to keep data.json under 1 MB.
    return "%012x" % rng.getrandbits(48)


def timestamp(minute):
    day, minute = divmod(minute, 24 * 60)
    return "2026-11-%02dT%02d:%02d:00Z" % (1 + day % 28, minute // 60, minute % 60)


def point(rng):
    return [round(-122.52 + rng.random() * 0.16, 4), round(37.70 + rng.random() * 0.11, 4)]


def address(rng):
    return {
        "coordinates": point(rng),
        "address": "%d %s" % (rng.randint(1, 3999), rng.choice(STREETS)),
        "city": "San Francisco",
        "state": "CA",
        "zipCode": "941%02d" % rng.randint(2, 34),
    }


def person(rng):
    return "%s %s" % (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))


def driver(rng):
    return {
        "__typename": "DriverProfile",
        "id": object_id(rng),
        "name": person(rng),
        "rating": round(3.5 + rng.random() * 1.5, 2),
        "isOnline": rng.random() < 0.8,
        "status": "APPROVED",
        "location": {"coordinates": point(rng)},
    }


def rescue(rng, index):
    status = rng.choice(STATUSES)
    requested = 60 * 24 + index * 7 + rng.randint(0, 6)
    rider = {
        "__typename": "RiderProfile",
        "id": object_id(rng),
        "name": person(rng),
        "totalRescues": rng.randint(1, 40),
        "averageRating": round(3 + rng.random() * 2, 2),
    }
    make, model, kind = rng.choice(BIKES)
    item = {
        "id": object_id(rng),
        "status": status,
        "type": rng.choice(TYPES),
        "priority": rng.choice(PRIORITIES),
        "estimatedPrice": rng.randint(2500, 9000),
        "finalPrice": rng.randint(2500, 9500) if status == "COMPLETED" else None,
        "distance": round(rng.random() * 12, 2),
        "requestedAt": timestamp(requested),
        "completedAt": timestamp(requested + rng.randint(20, 90)) if status == "COMPLETED" else None,
        "pickupLocation": address(rng),
        "dropoffLocation": address(rng) if rng.random() < 0.4 else None,
        "photos": ["https://cdn.example/%d-%d.jpg" % (index, n)
                   for n in range(rng.randint(0, 3))],
        "bikeDetails": {"make": make, "model": model, "type": kind},
        "rider": rider,
        # Mostly the rider asked; sometimes a driver opened the request for them.
        "requestedBy": rider if rng.random() < 0.85 else driver(rng),
        "assignment": None,
        "cancelledBy": None,
        "metadata": {"app": rng.choice(["ios", "android", "web"]),
                     "version": "4.%d.%d" % (rng.randint(0, 9), rng.randint(0, 20)),
                     "retries": rng.randint(0, 2)},
    }
    if status != "REQUESTED":
        item["assignment"] = {
            "status": ASSIGNMENT_STATUS[status],
            "estimatedArrivalTime": rng.randint(3, 35) if status in ("MATCHED", "ACCEPTED", "EN_ROUTE") else None,
            "driver": driver(rng),
            "locationHistory": [{"timestamp": timestamp(requested + n)} for n in range(1)],
        }
    if status == "CANCELLED":
        item["cancelledBy"] = (
            {"__typename": "SystemActor", "component": "matcher"} if rng.random() < 0.5
            else {"__typename": "User", "id": object_id(rng), "role": "RIDER"})
    return item


def list1000():
    rng = random.Random(20261127)
    copy_schema("list1000")
    nodes = [rescue(rng, index) for index in range(1000)]
    write("list1000", "query.graphql", LIST_QUERY)
    write_json("list1000", "variables.json", {
        "first": 1000,
        "status": STATUSES,
        "near": {"longitude": -122.4194, "latitude": 37.7749},
        "withPhotos": True,
        "withHistory": False,
    })
    write_json("list1000", "data.json", {
        "rescues": {
            "totalCount": 1000,
            "pageInfo": {"hasNextPage": False, "endCursor": "cursor-999"},
            "nodes": nodes,
        }
    }, compact=True)


if __name__ == "__main__":
    small()
    introspection()
    introspection_basic()
    list1000()
