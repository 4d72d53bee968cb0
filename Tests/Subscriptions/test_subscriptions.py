"""GraphQL subscriptions against a running gateway, with an independent client:
gql's websockets transport speaking graphql-transport-ws, and pymongo making
the writes directly in MongoDB, as another process would.

Needs GATEWAY_URL, MONGODB_URI, SUPPORTCARR_DB, SUPPORTCARR_BIN (the CLI, to
create keys), GATEWAY_API_KEY (an admin key), GATEWAY_LOG (the gateway's
log file) and GATEWAY_MAX_CONNECTIONS_PER_KEY (the gateway's
SUPPORTCARR_MAX_SUBSCRIPTION_CONNECTIONS_PER_KEY, kept small). The database must accept test commands (the resume test arms the
server's failCommand fail point for the gateway's subscription client, app
name `supportcarr-subscriptions`). scripts/test.d/35-subscriptions sets all of
them up. Prints the measured lag between a write and its event.
Run: .venv/bin/python -m unittest discover -s Tests/Subscriptions -v
"""

import asyncio
import datetime
import json
import os
import statistics
import subprocess
import time
import unittest

import pymongo
import websockets
from bson import ObjectId
from gql import Client, gql
from gql.transport.exceptions import TransportQueryError
from gql.transport.websockets import WebsocketsTransport

HUB_APP_NAME = "supportcarr-subscriptions"
EVENT_TIMEOUT = 15


def required_env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise AssertionError(f"{name} is not set: scripts/test.d/35-subscriptions sets up the gateway and database")
    return value


class Subscriptions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws_url = required_env("GATEWAY_URL").rstrip("/").replace("http://", "ws://", 1) + "/graphql"
        cls.admin_key = required_env("GATEWAY_API_KEY")
        cls.binary = required_env("SUPPORTCARR_BIN")
        cls.log_path = required_env("GATEWAY_LOG")
        cls.mongo = pymongo.MongoClient(required_env("MONGODB_URI"))
        cls.db = cls.mongo[required_env("SUPPORTCARR_DB")]
        # Two riders of the seed, each with a rescue of their own.
        riders = []
        for rescue in cls.db.rescuerequests.find({}, {"riderId": 1}).sort("_id", 1):
            if rescue["riderId"] not in [r for r, _ in riders]:
                riders.append((rescue["riderId"], rescue["_id"]))
            if len(riders) == 2:
                break
        if len(riders) < 2:
            raise AssertionError("the seed has fewer than two riders with rescues")
        (cls.rider_a, cls.rescue_a), (cls.rider_b, _) = riders
        cls.key_a = cls.create_key(cls.rider_a, "rider A")
        cls.key_b = cls.create_key(cls.rider_b, "rider B")
        cls.max_connections_per_key = int(required_env("GATEWAY_MAX_CONNECTIONS_PER_KEY"))

    @classmethod
    def tearDownClass(cls):
        cls.mongo.close()

    @classmethod
    def create_key(cls, rider_profile_id, name):
        user_id = cls.db.riderprofiles.find_one({"_id": rider_profile_id})["userId"]
        return cls.create_key_for_user("rider", user_id, name)

    @classmethod
    def create_driver_key(cls, driver_profile_id, name):
        user_id = cls.db.driverprofiles.find_one({"_id": driver_profile_id})["userId"]
        return cls.create_key_for_user("driver", user_id, name)

    @classmethod
    def create_key_for_user(cls, role, user_id, name):
        out = subprocess.run(
            [cls.binary, "apikey", "create", "--role", role, "--name", name, "--user-id", str(user_id)],
            check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        assert out.startswith("sk_"), out
        return out

    def client(self, key):
        transport = WebsocketsTransport(
            url=self.ws_url, init_payload={"Authorization": f"Bearer {key}"},
            subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL])
        return Client(transport=transport, fetch_schema_from_transport=False)

    def run_async(self, coroutine):
        return asyncio.run(asyncio.wait_for(coroutine, timeout=90))

    @staticmethod
    async def first_event(received, write, what):
        """Repeats `write` until an event arrives and returns it: a subscription
        is live only once one does (the protocol acknowledges no subscribe)."""
        deadline = time.monotonic() + EVENT_TIMEOUT
        while True:
            write()
            try:
                return await asyncio.wait_for(received.get(), timeout=0.5)
            except asyncio.TimeoutError:
                if time.monotonic() > deadline:
                    raise AssertionError(f"no event arrived: {what}")

    @staticmethod
    async def settle(received):
        """Drops the events of the writes made while waiting for the first one."""
        await asyncio.sleep(0.3)
        while not received.empty():
            received.get_nowait()

    # The tests

    def test_a_write_made_directly_in_mongodb_reaches_the_riders_subscription(self):
        """Each write's event arrives, read for the rider; prints the lag from write to event."""
        rescue = self.rescue_a
        document = gql("subscription ($id: ObjectID!) { rescueUpdated(id: $id) { id estimatedDuration } }")

        async def scenario():
            async with self.client(self.key_a) as session:
                document.variable_values = {"id": str(rescue)}
                events = session.subscribe(document)
                received = asyncio.Queue()

                async def read():
                    async for result in events:
                        await received.put((time.monotonic(), result))

                reader = asyncio.create_task(read())
                try:
                    # The subscription is live once a write's event arrives
                    # (the protocol has no acknowledgement of a subscribe).
                    marker = 100_000
                    deadline = time.monotonic() + EVENT_TIMEOUT
                    while True:
                        marker += 1
                        self.db.rescuerequests.update_one({"_id": rescue}, {"$set": {"estimatedDuration": marker}})
                        try:
                            _, first = await asyncio.wait_for(received.get(), timeout=0.5)
                            break
                        except asyncio.TimeoutError:
                            self.assertLess(time.monotonic(), deadline, "no event arrived for the rider's rescue")
                    self.assertEqual(first["rescueUpdated"]["id"], str(rescue))
                    while not received.empty():
                        received.get_nowait()
                    await asyncio.sleep(0.5)
                    while not received.empty():
                        received.get_nowait()
                    # Then one write at a time, each waited for.
                    lags = []
                    for step in range(12):
                        value = 200_000 + step
                        written = time.monotonic()
                        self.db.rescuerequests.update_one({"_id": rescue}, {"$set": {"estimatedDuration": value}})
                        while True:
                            arrived, result = await asyncio.wait_for(received.get(), timeout=EVENT_TIMEOUT)
                            if result["rescueUpdated"]["estimatedDuration"] == value:
                                break
                        lags.append((arrived - written) * 1000)
                    return lags
                finally:
                    reader.cancel()

        lags = self.run_async(scenario())
        print(f"\nsubscription lag, write acknowledged to event received (n={len(lags)}): "
              f"p50 {statistics.median(lags):.0f} ms, max {max(lags):.0f} ms", flush=True)

    def test_a_rider_subscribing_to_another_riders_rescue_is_refused(self):
        document = gql("subscription ($id: ObjectID!) { rescueUpdated(id: $id) { id status } }")

        async def scenario():
            async with self.client(self.key_b) as session:
                document.variable_values = {"id": str(self.rescue_a)}
                async for _ in session.subscribe(document):
                    self.fail("rider B received an event of rider A's rescue")

        with self.assertRaises(TransportQueryError) as raised:
            self.run_async(scenario())
        error = raised.exception.errors[0]
        self.assertIn("names no rescue you may act on", error["message"])
        self.assertEqual(error["extensions"]["code"], "NOT_FOUND")
        self.assertEqual(error["path"], ["rescueUpdated"])

    def test_a_query_runs_over_the_socket_too(self):
        async def scenario():
            async with self.client(self.key_a) as session:
                return await session.execute(gql("{ rescueRequest(id: \"%s\") { id } }" % self.rescue_a))

        self.assertEqual(self.run_async(scenario()), {"rescueRequest": {"id": str(self.rescue_a)}})

    def test_a_bad_key_closes_the_socket_with_4403(self):
        async def scenario():
            async with websockets.connect(self.ws_url, subprotocols=["graphql-transport-ws"]) as socket:
                await socket.send(json.dumps({"type": "connection_init",
                                              "payload": {"Authorization": "Bearer sk_live_not_a_key"}}))
                with self.assertRaises(websockets.ConnectionClosed) as closed:
                    await asyncio.wait_for(socket.recv(), timeout=10)
                return closed.exception.rcvd.code

        self.assertEqual(self.run_async(scenario()), 4403)

    def waiting_rescues(self, count):
        """Rescues of the demo data waiting for a driver with no assignment
        yet (an assignment's `rescueId` is unique)."""
        assigned = set(self.db.rescueassignments.distinct("rescueId"))
        rescues = [r for r in self.db.rescuerequests.find({"status": "requested"}, {"riderId": 1}).sort("_id", 1)
                   if r["_id"] not in assigned]
        self.assertGreaterEqual(len(rescues), count, "the seed has too few rescues waiting for a driver")
        return rescues[:count]

    def insert_assignment(self, rescue, driver_id, status):
        """An assignment written directly in MongoDB, in the demo data's shape;
        removed after the test."""
        now = datetime.datetime.now(datetime.timezone.utc)
        inserted = self.db.rescueassignments.insert_one({
            "rescueId": rescue["_id"], "riderId": rescue["riderId"], "driverId": driver_id, "status": status,
            "assignedAt": now, "driverLocation": {"type": "Point", "coordinates": [-122.42, 37.76]},
            "locationHistory": [], "createdAt": now, "updatedAt": now}).inserted_id
        self.addCleanup(self.db.rescueassignments.delete_one, {"_id": inserted})
        return inserted

    def approved_driver(self):
        driver = self.db.driverprofiles.find_one({"status": "approved"}, {"_id": 1}, sort=[("_id", 1)])
        self.assertIsNotNone(driver, "the seed has no approved driver")
        return driver["_id"]

    def test_the_riders_subscription_receives_the_drivers_position_written_in_mongodb(self):
        """driverLocation: the rider of a rescue with a driver on the job
        receives each write of the assignment's driverLocation as a GeoPoint; a
        write of another of its fields sends nothing; another rider is refused.
        The demo data at this size has no driver on the job, so the test puts
        one on a waiting rescue."""
        rescue = self.waiting_rescues(1)[0]
        assignment = self.insert_assignment(rescue, self.approved_driver(), "en_route")
        keys = {self.rider_a: self.key_a, self.rider_b: self.key_b}
        key = keys.get(rescue["riderId"]) or self.create_key(rescue["riderId"], "rider of a live assignment")
        other_key = self.key_b if rescue["riderId"] != self.rider_b else self.key_a
        document = gql("subscription ($id: ObjectID!) { driverLocation(rescueId: $id) { lng lat address } }")
        document.variable_values = {"id": str(rescue["_id"])}

        def move(lng, lat):
            self.db.rescueassignments.update_one(
                {"_id": assignment}, {"$set": {"driverLocation": {"type": "Point", "coordinates": [lng, lat]}}})

        async def follow():
            async with self.client(key) as session:
                received = asyncio.Queue()

                async def read():
                    async for result in session.subscribe(document):
                        await received.put(result["driverLocation"])

                reader = asyncio.create_task(read())
                try:
                    steps = iter(range(1, 1_000))
                    first = await self.first_event(
                        received, lambda: move(-122.4 + next(steps) / 10_000, 37.75), "the driver's position")
                    self.assertEqual(first["lat"], 37.75)
                    await self.settle(received)
                    # A change of another field of the assignment is not a move:
                    # the next event is the position written after it.
                    self.db.rescueassignments.update_one({"_id": assignment}, {"$set": {"estimatedArrivalTime": 42}})
                    move(-122.41875, 37.76125)
                    position = await asyncio.wait_for(received.get(), timeout=EVENT_TIMEOUT)
                    self.assertEqual(position, {"lng": -122.41875, "lat": 37.76125, "address": None})
                finally:
                    reader.cancel()

        async def intrude():
            async with self.client(other_key) as session:
                async for _ in session.subscribe(document):
                    self.fail("another rider received the position of this rescue's driver")

        self.run_async(follow())
        with self.assertRaises(TransportQueryError) as raised:
            self.run_async(intrude())
        error = raised.exception.errors[0]
        self.assertIn("names no rescue you may act on", error["message"])
        self.assertEqual(error["extensions"]["code"], "NOT_FOUND")
        self.assertEqual(error["path"], ["driverLocation"])

    def test_an_assignment_inserted_in_mongodb_is_offered_to_its_driver_only(self):
        """assignmentOffered: a new assignment waiting for the calling driver's
        answer arrives; one for another driver, and one of theirs already
        accepted, do not."""
        driver = self.approved_driver()
        other_driver = self.db.driverprofiles.find_one({"_id": {"$ne": driver}}, {"_id": 1}, sort=[("_id", 1)])
        self.assertIsNotNone(other_driver, "the seed has fewer than two drivers")
        other_driver = other_driver["_id"]
        key = self.create_driver_key(driver, "driver")
        mine, others, accepted = self.waiting_rescues(3)
        document = gql("subscription { assignmentOffered { id driverId status } }")
        offered = []

        def offer():
            # A new insert each time: the one before is removed first.
            if offered:
                self.db.rescueassignments.delete_one({"_id": offered[-1]})
            offered.append(self.insert_assignment(mine, driver, "assigned"))

        async def scenario():
            async with self.client(key) as session:
                received = asyncio.Queue()

                async def read():
                    async for result in session.subscribe(document):
                        await received.put(result["assignmentOffered"])

                reader = asyncio.create_task(read())
                try:
                    first = await self.first_event(received, offer, "the driver's offer")
                    self.assertIn(first["id"], [str(i) for i in offered])
                    self.assertEqual((first["driverId"], first["status"]), (str(driver), "ASSIGNED"))
                    await self.settle(received)
                    # Written before the caller's offer: were either sent, it would arrive first.
                    self.insert_assignment(others, other_driver, "assigned")
                    self.insert_assignment(accepted, driver, "accepted")
                    offer()
                    event = await asyncio.wait_for(received.get(), timeout=EVENT_TIMEOUT)
                    self.assertEqual(event, {"id": str(offered[-1]), "driverId": str(driver), "status": "ASSIGNED"})
                    await asyncio.sleep(0.3)
                    extra = [received.get_nowait() for _ in range(received.qsize())]
                    self.assertEqual(extra, [], "more was offered than the caller's new assignment")
                finally:
                    reader.cancel()

        self.run_async(scenario())

    def test_a_socket_past_the_keys_connection_limit_is_closed_with_1013(self):
        """SUPPORTCARR_MAX_SUBSCRIPTION_CONNECTIONS_PER_KEY sockets are
        acknowledged; the next is closed with 1013 after its connection_init;
        once one closes, a new one is acknowledged again."""
        limit = self.max_connections_per_key
        key = self.create_key(self.rider_a, "connection limit")

        async def connect():
            socket = await websockets.connect(self.ws_url, subprotocols=["graphql-transport-ws"])
            await socket.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {key}"}}))
            return socket

        async def acknowledged(socket):
            message = json.loads(await asyncio.wait_for(socket.recv(), timeout=10))
            return message["type"] == "connection_ack"

        async def scenario():
            sockets = []
            try:
                for _ in range(limit):
                    sockets.append(await connect())
                    self.assertTrue(await acknowledged(sockets[-1]))
                extra = await connect()
                sockets.append(extra)
                with self.assertRaises(websockets.ConnectionClosed) as closed:
                    await asyncio.wait_for(extra.recv(), timeout=10)
                self.assertEqual(closed.exception.rcvd.code, 1013)
                # The count is released when a socket ends.
                await sockets[0].close()
                deadline = time.monotonic() + 5
                while True:
                    again = await connect()
                    sockets.append(again)
                    try:
                        if await acknowledged(again):
                            break
                    except websockets.ConnectionClosed as refused:
                        self.assertEqual(refused.rcvd.code, 1013)
                    self.assertLess(time.monotonic(), deadline, "a closed socket still counts against its key")
                    await asyncio.sleep(0.1)
            finally:
                for socket in sockets:
                    await socket.close()

        self.run_async(scenario())

    def test_no_event_is_lost_when_the_change_streams_connection_is_killed(self):
        """The server closes the hub's connection at every getMore and aggregate
        while rescues change; once it lets go, the stream resumes with its token
        and every change made during the break arrives."""
        document = gql("subscription { openRescuesChanged { id status estimatedDuration } }")
        open_rescues = [r["_id"] for r in self.db.rescuerequests.find(
            {"status": {"$nin": ["completed", "cancelled"]}}, {"_id": 1}).limit(5)]
        self.assertGreaterEqual(len(open_rescues), 3, "the seed has too few open rescues")
        admin = self.mongo.admin

        async def scenario():
            async with self.client(self.admin_key) as session:
                received = asyncio.Queue()

                async def read():
                    async for result in session.subscribe(document):
                        await received.put(result["openRescuesChanged"])

                reader = asyncio.create_task(read())
                try:
                    deadline = time.monotonic() + EVENT_TIMEOUT
                    marker = 300_000
                    while True:
                        marker += 1
                        self.db.rescuerequests.update_one(
                            {"_id": open_rescues[0]}, {"$set": {"estimatedDuration": marker}})
                        try:
                            await asyncio.wait_for(received.get(), timeout=0.5)
                            break
                        except asyncio.TimeoutError:
                            self.assertLess(time.monotonic(), deadline, "the support feed never delivered")
                    await asyncio.sleep(0.5)
                    while not received.empty():
                        received.get_nowait()
                    admin.command({"configureFailPoint": "failCommand", "mode": "alwaysOn", "data": {
                        "failCommands": ["getMore", "aggregate"], "closeConnection": True,
                        "appName": HUB_APP_NAME}})
                    try:
                        await asyncio.sleep(1.5)
                        expected = {}
                        for index, rescue in enumerate(open_rescues):
                            expected[str(rescue)] = 400_000 + index
                            self.db.rescuerequests.update_one(
                                {"_id": rescue}, {"$set": {"estimatedDuration": 400_000 + index}})
                        await asyncio.sleep(1.0)
                    finally:
                        admin.command({"configureFailPoint": "failCommand", "mode": "off"})
                    seen = {}
                    deadline = time.monotonic() + EVENT_TIMEOUT
                    while set(seen) != set(expected):
                        remaining = deadline - time.monotonic()
                        self.assertGreater(remaining, 0, f"events lost across the break: got {seen}, wanted {expected}")
                        try:
                            rescue = await asyncio.wait_for(received.get(), timeout=remaining)
                        except asyncio.TimeoutError:
                            continue
                        if rescue["id"] in expected:
                            seen[rescue["id"]] = rescue["estimatedDuration"]
                    self.assertEqual(seen, expected)
                finally:
                    reader.cancel()

        self.run_async(scenario())
        # The gateway's log is buffered: wait for its lines to be written.
        deadline = time.monotonic() + 10
        while True:
            with open(self.log_path, encoding="utf-8") as log:
                text = log.read()
            if "change stream of rescuerequests resumed" in text or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        self.assertIn("change stream of rescuerequests interrupted", text, "the fail point did not break the stream")
        self.assertIn("change stream of rescuerequests resumed", text, "the stream was not resumed with its token")


if __name__ == "__main__":
    unittest.main()
