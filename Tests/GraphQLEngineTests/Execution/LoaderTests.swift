import GraphQLEngine
import Testing

/// Level-by-level batching: a loader sends one batch per level of the
/// response, whatever the number of parents, with its keys deduplicated.
@Suite struct LoaderTests {
    /// Records every batch it is asked for.
    actor BatchLog {
        var batches: [[String]] = []
        func record(_ keys: [String]) { batches.append(keys) }
    }

    /// Users by id; user `u<n>` has a manager `u<n / 10>` and a team of two.
    struct UserLoader: Loader {
        let log: BatchLog
        func load(_ keys: [String]) async throws -> [String: JSONValue] {
            await log.record(keys)
            var users: [String: JSONValue] = [:]
            for key in keys {
                guard let number = Int(key.dropFirst()) else { continue }
                users[key] = ["id": .string(key), "managerId": .string("u\(number / 10)")]
            }
            return users
        }
    }

    static let sdl = """
        type User { id: ID!, manager: User, team: [User] }
        type Rescue { id: ID!, rider: User }
        type Query { rescues: [Rescue!]! }
        """

    static func schema(_ log: BatchLog) throws -> ExecutableSchema {
        try Fixtures.executable(
            sdl,
            resolvers: [
                "Rescue": [
                    "rider": .sync { field in
                        guard case .json(.string(let id)) = field.parent.fieldValue(named: "riderId") else {
                            return .null
                        }
                        return field.load(UserLoader(log: log), key: id)
                    }
                ],
                "User": [
                    "manager": .sync { field in
                        guard case .json(.string(let id)) = field.parent.fieldValue(named: "managerId") else {
                            return .null
                        }
                        return field.load(UserLoader(log: log), key: id)
                    },
                    "team": .sync { field in
                        field.loadMany(UserLoader(log: log), keys: ["u1", "u2"])
                    },
                ],
            ])
    }

    /// 1,000 rescues whose riders are `u1000` ... `u1249` (each rider four times).
    static let rescues: JSONValue = [
        "rescues": .list(
            (0..<1000).map { index in ["id": .string("r\(index)"), "riderId": .string("u\(1000 + index % 250)")] })
    ]

    @Test func oneThousandParentsCostOneBatchPerLevelWithDeduplicatedKeys() async throws {
        let log = BatchLog()
        let result = try await Fixtures.run(
            "{ rescues { id rider { id manager { id manager { id } } } } }", schema: Self.schema(log),
            data: Self.rescues)
        let batches = await log.batches
        // Riders (250 distinct among 1,000 keys), their managers, theirs.
        #expect(batches.count == 3)
        #expect(batches.first == (1000..<1250).map { "u\($0)" })
        #expect(batches.dropFirst().first == (100..<125).map { "u\($0)" })
        #expect(batches.last == ["u10", "u11", "u12"])
        let data = try JSONValue(parsingJSON: result)
        guard case .list(let items) = data["data"]?["rescues"] else {
            Issue.record("no rescues in \(result.prefix(200))")
            return
        }
        #expect(items.count == 1000)
        #expect(
            items[999] == [
                "id": "r999", "rider": ["id": "u1249", "manager": ["id": "u124", "manager": ["id": "u12"]]],
            ])
    }

    @Test func keysAlreadyLoadedInTheRequestAreNotAskedForAgain() async throws {
        let log = BatchLog()
        let data: JSONValue = ["rescues": [["id": "r1", "riderId": "u15"], ["id": "r2", "riderId": "u1"]]]
        _ = try await Fixtures.run(
            "{ rescues { rider { id manager { id } } } }", schema: Self.schema(log), data: data)
        let batches = await log.batches
        // Level 2: u15, u1. Level 3: managers u1 (cached) and u0 (new).
        #expect(batches == [["u15", "u1"], ["u0"]])
    }

    @Test func loadManyJoinsTheSameBatchAsSingleLoads() async throws {
        let log = BatchLog()
        let data: JSONValue = ["rescues": [["id": "r1", "riderId": "u35"]]]
        let result = try await Fixtures.run(
            "{ rescues { rider { manager { id } team { id manager { id } } } } }", schema: Self.schema(log), data: data)
        let batches = await log.batches
        #expect(batches == [["u35"], ["u3", "u1", "u2"], ["u0"]])
        #expect(
            result
                == #"{"data":{"rescues":[{"rider":{"manager":{"id":"u3"},"team":[{"id":"u1","manager":{"id":"u0"}},{"id":"u2","manager":{"id":"u0"}}]}}]}}"#
        )
    }

    struct FailingLoader: Loader {
        struct Down: Error {}
        func load(_ keys: [Int]) async throws -> [Int: JSONValue] { throw Down() }
    }

    @Test func aFailingBatchFailsEveryWaitingField() async throws {
        let schema = try Fixtures.executable(
            "type Query { a: String, b: String, c: String }",
            resolvers: [
                "Query": [
                    "a": .sync { field in field.load(FailingLoader(), key: 1) { $0.map { .json($0) } ?? .null } },
                    "b": .sync { field in field.load(FailingLoader(), key: 2) { $0.map { .json($0) } ?? .null } },
                    "c": .sync { _ in .string("fine") },
                ]
            ])
        let response = await execute(schema: schema, document: try Parser.parse("{ a b c }"))
        #expect(response.data == ["a": .null, "b": .null, "c": "fine"])
        #expect(response.errors.map(\.path) == [[.key("a")], [.key("b")]])
        #expect(response.loaderBatches == 1)
    }
}

@Suite struct JSONLoaderTests {
    struct Names: Loader {
        func load(_ keys: [Int]) async throws -> [Int: JSONValue] {
            Dictionary(uniqueKeysWithValues: keys.map { ($0, JSONValue.string("name-\($0)")) })
        }
    }

    @Test func aLoaderOfJSONLeavesFeedsLeafFields() async throws {
        let schema = try Fixtures.executable(
            "type Query { a: String, b: [String] }",
            resolvers: [
                "Query": [
                    "a": .sync { field in field.load(Names(), key: 1) },
                    "b": .sync { field in .list([field.load(Names(), key: 2), field.load(Names(), key: 1)]) },
                ]
            ])
        let response = await execute(schema: schema, document: try Parser.parse("{ a b }"))
        #expect(response.jsonString() == #"{"data":{"a":"name-1","b":["name-2","name-1"]}}"#)
        #expect(response.loaderBatches == 1)
    }
}

/// A level's loaders are sent together: each batch of the level is in flight
/// before any of them answers (so a level costs its slowest read, not their sum).
@Suite struct ConcurrentLoaderTests {
    /// Lets `parties` callers through only once all of them have arrived, or
    /// after `limit` (then `met` stays false): a loader that waited for the
    /// others to start proves they were in flight together.
    actor Rendezvous {
        let parties: Int
        var arrived = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
        private(set) var met = false

        init(parties: Int) { self.parties = parties }

        func arrive(limit: Duration) async {
            arrived += 1
            if arrived == parties {
                met = true
                for continuation in waiting { continuation.resume() }
                waiting = []
                return
            }
            let deadline = Task {
                try? await Task.sleep(for: limit)
                self.release()
            }
            await withCheckedContinuation { waiting.append($0) }
            deadline.cancel()
        }

        func release() {
            for continuation in waiting { continuation.resume() }
            waiting = []
        }
    }

    struct MeetingLoader: Loader {
        let name: String
        let rendezvous: Rendezvous
        var identity: String { name }
        func load(_ keys: [String]) async throws -> [String: JSONValue] {
            await rendezvous.arrive(limit: .seconds(10))
            return Dictionary(uniqueKeysWithValues: keys.map { ($0, .string(name + ":" + $0)) })
        }
    }

    @Test func theLoadersOfALevelAreInFlightTogether() async throws {
        let rendezvous = Rendezvous(parties: 3)
        let schema = try Fixtures.executable(
            "type Query { a: String, b: String, c: String }",
            resolvers: [
                "Query": [
                    "a": .sync { $0.load(MeetingLoader(name: "a", rendezvous: rendezvous), key: "1") },
                    "b": .sync { $0.load(MeetingLoader(name: "b", rendezvous: rendezvous), key: "1") },
                    "c": .sync { $0.load(MeetingLoader(name: "c", rendezvous: rendezvous), key: "1") },
                ]
            ])
        let response = await execute(schema: schema, document: try Parser.parse("{ a b c }"))
        #expect(response.jsonString() == #"{"data":{"a":"a:1","b":"b:1","c":"c:1"}}"#)
        #expect(await rendezvous.met)
    }
}
