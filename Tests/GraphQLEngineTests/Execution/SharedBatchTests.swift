import GraphQLEngine
import Testing

/// Sibling loaders of one level that name the same `BatchChannel` share one
/// round trip; each keeps its own keys, deduplication and cache.
@Suite struct SharedBatchTests {
    /// Records every `send`: the requests it carried.
    actor SendLog {
        var sends: [[String]] = []
        func record(_ requests: [String]) { sends.append(requests) }
    }

    /// A channel answering "<loader>:<key>" for every key of every request.
    struct Channel: BatchChannel {
        let log: SendLog
        let identity: String
        var fails = false
        struct Down: Error {}

        func send(_ requests: [Request]) async throws -> [[String: String]] {
            await log.record(requests.map { "\($0.loader)\($0.keys)" })
            if fails { throw Down() }
            return requests.map { request in
                Dictionary(uniqueKeysWithValues: request.keys.map { ($0, "\(request.loader):\($0)") })
            }
        }

        struct Request: Sendable {
            let loader: String
            let keys: [String]
        }
    }

    /// A loader of one "collection" whose batches go out on `channel`.
    struct Shared: Loader {
        let name: String
        let channel: Channel
        var identity: String { name }

        func load(_ keys: [String]) async throws -> [String: JSONValue] {
            Issue.record("a shared loader's batch went out alone")
            return [:]
        }

        func sharedBatch(_ keys: [String]) -> SharedBatch<String, JSONValue>? {
            SharedBatch(on: channel, request: Channel.Request(loader: name, keys: keys)) { reply in
                reply.mapValues { JSONValue.string($0) }
            }
        }
    }

    static let sdl = """
        type Rescue { id: ID!, rider: String, driver: String, payment: String, next: Rescue }
        type Query { rescues: [Rescue!]! }
        """

    static func schema(_ channel: Channel, other: Channel? = nil) throws -> ExecutableSchema {
        func relation(_ name: String, _ channel: Channel) -> FieldResolver {
            .sync { field in
                guard case .json(.string(let id)) = field.parent.fieldValue(named: "id") else { return .null }
                return field.load(Shared(name: name, channel: channel), key: id)
            }
        }
        return try Fixtures.executable(
            sdl,
            resolvers: [
                "Rescue": [
                    "rider": relation("rider", channel), "driver": relation("driver", channel),
                    "payment": relation("payment", other ?? channel),
                    "next": .sync { field in
                        guard case .json(.string(let id)) = field.parent.fieldValue(named: "id") else { return .null }
                        return .json(["id": .string(id + "+")])
                    },
                ]
            ])
    }

    static let data: JSONValue = ["rescues": [["id": "a"], ["id": "b"], ["id": "a"]]]

    @Test func siblingLoadersOfALevelShareOneSendAndKeepTheirOwnKeys() async throws {
        let log = SendLog()
        let schema = try Self.schema(Channel(log: log, identity: "db"))
        let response = await execute(
            schema: schema, document: try Parser.parse("{ rescues { rider driver payment next { rider } } }"),
            rootValue: Self.data)
        #expect(response.errors.isEmpty)
        let sends = await log.sends
        // Level 2: three loaders, one send (keys deduplicated per loader).
        // Level 3: `next.rider` has new keys; a loader alone in its level still uses the channel.
        #expect(
            sends == [
                ["rider[\"a\", \"b\"]", "driver[\"a\", \"b\"]", "payment[\"a\", \"b\"]"], ["rider[\"a+\", \"b+\"]"],
            ])
        #expect(response.loaderBatches == 4)
        #expect(response.loaderRoundTrips == 2)
        #expect(
            response.data?["rescues"] == [
                ["rider": "rider:a", "driver": "driver:a", "payment": "payment:a", "next": ["rider": "rider:a+"]],
                ["rider": "rider:b", "driver": "driver:b", "payment": "payment:b", "next": ["rider": "rider:b+"]],
                ["rider": "rider:a", "driver": "driver:a", "payment": "payment:a", "next": ["rider": "rider:a+"]],
            ])
    }

    @Test func channelsWithAnotherIdentityGoSeparately() async throws {
        let log = SendLog()
        let schema = try Self.schema(Channel(log: log, identity: "db"), other: Channel(log: log, identity: "other"))
        let response = await execute(
            schema: schema, document: try Parser.parse("{ rescues { rider driver payment } }"), rootValue: Self.data)
        #expect(response.errors.isEmpty)
        let sends = await log.sends
        #expect(sends.count == 2)
        #expect(Set(sends) == [["rider[\"a\", \"b\"]", "driver[\"a\", \"b\"]"], ["payment[\"a\", \"b\"]"]])
        #expect(response.loaderRoundTrips == 2)
    }

    @Test func keysLoadedEarlierInTheRequestAreNotSentAgain() async throws {
        let log = SendLog()
        let schema = try Self.schema(Channel(log: log, identity: "db"))
        // `next` of "a" is "a+"; the second level asks the rider loader for "a+" and "b+",
        // the third (next.next) for "a++" only: nothing already answered is sent again.
        let data: JSONValue = ["rescues": [["id": "a"], ["id": "a+"]]]
        let response = await execute(
            schema: schema, document: try Parser.parse("{ rescues { rider next { rider } } }"), rootValue: data)
        #expect(response.errors.isEmpty)
        let sends = await log.sends
        #expect(sends == [["rider[\"a\", \"a+\"]"], ["rider[\"a++\"]"]])
    }

    @Test func aFailedSendFailsEveryFieldWaitingOnIt() async throws {
        let log = SendLog()
        let schema = try Self.schema(Channel(log: log, identity: "db", fails: true))
        let data: JSONValue = ["rescues": [["id": "a"]]]
        let response = await execute(
            schema: schema, document: try Parser.parse("{ rescues { id rider driver } }"), rootValue: data)
        let paths: [[PathComponent]] = [
            [.key("rescues"), .index(0), .key("rider")], [.key("rescues"), .index(0), .key("driver")],
        ]
        #expect(response.errors.map(\.path) == paths)
        #expect(response.data?["rescues"] == [["id": "a", "rider": .null, "driver": .null]])
        #expect(await log.sends.count == 1)
    }
}
