import MongoStore
import Testing

@Suite struct MongoClientTests {
    @Test func pingAndRunCommandReachTheServer() async throws {
        let client = try LiveDatabase.client()
        try await client.ping()
        let hello = try await client.database("admin").runCommand(["hello": 1])
        #expect(try hello["ok", as: Double.self] == 1)
    }

    @Test func anUnknownCommandFailsWithAServerCodeAndAGenericDescription() async throws {
        let client = try LiveDatabase.client()
        do throws(MongoError) {
            try await client.database("admin").runCommand(["noSuchCommandAtAll": 1])
            Issue.record("an unknown command succeeded")
        } catch {
            #expect(error.serverCode != nil)
            #expect(error.description == "database error")
            #expect(!error.detail.isEmpty)
        }
    }

    @Test func anInvalidURIIsAnInvalidArgument() {
        #expect(throws: MongoError.self) { try MongoClient(uri: "postgres://nope") }
        do throws(MongoError) {
            _ = try MongoClient(uri: "mongodb://")
        } catch {
            #expect(error.code == .invalidArgument)
        }
    }

    @Test func anUnreachableServerFailsFastWithATimeoutOrNetworkError() async throws {
        // Port 1 on loopback: nothing listens there.
        let client = try MongoClient(
            MongoClientConfiguration(
                uri: "mongodb://127.0.0.1:1/", serverSelectionTimeoutMS: 300, connectTimeoutMS: 200))
        let start = ContinuousClock.now
        do throws(MongoError) {
            try await client.ping()
            Issue.record("ping of a closed port succeeded")
        } catch {
            #expect(error.code == .timeout || error.code == .network, "\(error.debugDescription)")
        }
        // Alone this takes about 0.3 s. The bound only proves the call ends instead of
        // hanging: in the full parallel suite the two cooperative threads that resume
        // it can be busy for tens of seconds with other suites' CPU-bound work.
        #expect(ContinuousClock.now - start < .seconds(120))
    }

    @Test func manyConcurrentOperationsShareASmallPool() async throws {
        try await LiveDatabase.withDatabase(maxPoolSize: 3) { client, db in
            #expect(client.poolSize == 3)
            let c = db.collection("c")
            try await c.insertMany((0..<20).map { ["_id": .int32(Int32($0))] })
            let found = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<60 {
                    group.addTask { try await c.findOne(["_id": .int32(Int32(i % 20))]) == nil ? 0 : 1 }
                }
                return try await group.reduce(0, +)
            }
            #expect(found == 60)
        }
    }

    @Test func uriOptionsAndConfigurationDefaultsAreApplied() throws {
        let client = try MongoClient(MongoClientConfiguration(uri: "mongodb://127.0.0.1:1/?maxPoolSize=4"))
        #expect(client.poolSize == 4)
        let configured = try MongoClient(
            MongoClientConfiguration(uri: "mongodb://127.0.0.1:1/?maxPoolSize=4", maxPoolSize: 2))
        #expect(configured.poolSize == 2)
    }

    /// The socket waits longer than the longest operation, so the server's
    /// `maxTimeMS` ends a slow command, not the socket; never less than the default.
    @Test func theSocketTimeoutCoversTheLongestOperation() throws {
        #expect(MongoClientConfiguration.socketTimeoutMS(covering: .seconds(10)) == 30_000)
        #expect(MongoClientConfiguration.socketTimeoutMS(covering: .seconds(20)) == 30_000)
        #expect(MongoClientConfiguration.socketTimeoutMS(covering: .seconds(60)) == 70_000)
        #expect(MongoClientConfiguration.socketTimeoutMS(covering: .milliseconds(59_500)) == 69_500)
        #expect(MongoClientConfiguration.socketTimeoutMS(covering: .seconds(3_600)) == 3_610_000)
        // Applied as the fallback: an explicit value or the URI's own wins.
        let uri = "mongodb://127.0.0.1:1/"
        #expect(try MongoClient(MongoClientConfiguration(uri: uri)).socketTimeoutMS == 30_000)
        #expect(
            try MongoClient(MongoClientConfiguration(uri: uri, longestOperation: .seconds(60))).socketTimeoutMS
                == 70_000)
        #expect(
            try MongoClient(
                MongoClientConfiguration(uri: uri + "?socketTimeoutMS=5000", longestOperation: .seconds(60))
            ).socketTimeoutMS == 5_000)
        #expect(
            try MongoClient(
                MongoClientConfiguration(uri: uri, socketTimeoutMS: 1_000, longestOperation: .seconds(60))
            ).socketTimeoutMS == 1_000)
    }
}
