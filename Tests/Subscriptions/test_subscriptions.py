"""GraphQL subscriptions against a running gateway, with an independent client:
gql's websockets transport speaking graphql-transport-ws, and pymongo making
the writes directly in MongoDB, as another process would.

Needs GATEWAY_URL, MONGODB_URI, SUPPORTCARR_DB, SUPPORTCARR_BIN (the CLI, to
create keys), GATEWAY_API_KEY (an admin key) and GATEWAY_LOG (the gateway's
log file). The database must accept test commands (the resume test arms the
server's failCommand fail point for the gateway's subscription client, app
name `supportcarr-subscriptions`). scripts/test.d/35-subscriptions sets all of
them up. Prints the measured lag between a write and its event.
Run: .venv/bin/python -m unittest discover -s Tests/Subscriptions -v
"""

import asyncio
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

    @classmethod
    def tearDownClass(cls):
        cls.mongo.close()

    @classmethod
    def create_key(cls, rider_profile_id, name):
        user_id = cls.db.riderprofiles.find_one({"_id": rider_profile_id})["userId"]
        out = subprocess.run(
            [cls.binary, "apikey", "create", "--role", "rider", "--name", name, "--user-id", str(user_id)],
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
