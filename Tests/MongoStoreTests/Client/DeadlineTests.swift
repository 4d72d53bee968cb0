import MongoStore
import TestSupport
import Testing

/// `MongoDeadline`: the database is told how long a read may take, a command
/// past its deadline is not sent, and waiting for a pooled client ends at the
/// deadline or on cancellation.
@Suite struct MongoDeadlineTests {
    /// The profiled commands of `database` that `work` sent (the profile's own reads left out).
    func profiled(_ database: MongoDatabase, during work: () async throws -> Void) async throws -> [BSONDocument] {
        _ = try await database.runCommand(["profile": 2])
        let profile = database.collection("system.profile")
        let others: BSONDocument = ["ns": ["$ne": .string(database.name + ".system.profile")]]
        let before = try await profile.countDocuments(others)
        try await work()
        return Array(try await profile.find(others).dropFirst(before))
    }

    @Test func aReadCarriesMaxTimeMSWithTheTimeLeft() async throws {
        try await LiveDatabase.withDatabase { _, database in
            let things = database.collection("things")
            _ = try await things.insertOne(["a": 1])
            let entries = try await profiled(database) {
                try await MongoDeadline.$current.withValue(.now + .seconds(30)) {
                    _ = try await things.find(["a": 1])
                    _ = try await things.countDocuments(["a": 1])
                }
            }
            #expect(entries.count == 2)
            for entry in entries {
                guard case .document(let command)? = entry["command"] else {
                    Issue.record("no command in \(entry)")
                    continue
                }
                let limit: Int64? =
                    switch command["maxTimeMS"] {
                    case .int64(let n)?: n
                    case .int32(let n)?: Int64(n)
                    case .double(let n)?: Int64(n)
                    default: nil
                    }
                #expect(limit.map { $0 > 0 && $0 <= 30_000 } == true, "\(command)")
            }
            // Without a deadline, no maxTimeMS.
            let plain = try await profiled(database) { _ = try await things.find(["a": 1]) }
            guard case .document(let command)? = plain.first?["command"] else { throw CancellationError() }
            #expect(command["maxTimeMS"] == nil)
        }
    }

    @Test func aCommandPastItsDeadlineIsNotSent() async throws {
        try await LiveDatabase.withDatabase { _, database in
            let things = database.collection("things")
            _ = try await things.insertOne(["a": 1])
            let entries = try await profiled(database) {
                await #expect {
                    try await MongoDeadline.$current.withValue(.now - .milliseconds(1)) {
                        _ = try await things.find(["a": 1])
                    }
                } throws: { ($0 as? MongoError)?.code == .timeout }
            }
            #expect(entries.isEmpty)
        }
    }

    /// A read that takes the embedded database a second (a hinted find scans
    /// the whole index there) is stopped by the server at its `maxTimeMS`, and
    /// the same client serves the next read.
    @Test func aSlowReadIsCutOffByTheServerAndTheClientServesTheNextRead() async throws {
        try await LiveDatabase.withDatabase(maxPoolSize: 1) { _, database in
            let things = database.collection("things")
            for start in stride(from: 0, to: 10_000, by: 2_000) {
                _ = try await things.insertMany(
                    (start..<start + 2_000).map { ["a": .int64(Int64($0)), "b": .int64(Int64($0 % 7))] })
            }
            _ = try await things.createIndexes([IndexModel(keys: ["a": 1], name: "a_1")])
            await #expect {
                try await MongoDeadline.$current.withValue(.now + .milliseconds(20)) {
                    _ = try await things.find(["b": 3], options: FindOptions(hint: .name("a_1")))
                }
            } throws: { error in
                guard let error = error as? MongoError else { return false }
                return error.code == .timeout
            }
            #expect(try await things.countDocuments(["b": 3]) > 0)
        }
    }

    @Test func waitingForAPooledClientEndsOnCancellationAndAtTheDeadline() async throws {
        try await LiveDatabase.withDatabase(maxPoolSize: 1) { client, database in
            let things = database.collection("things")
            // The one pooled client is held by a session: every other operation waits.
            let session = try await client.startSession()
            let waiting = Task { try await things.find([:]) }
            try await Task.sleep(for: .milliseconds(100))
            waiting.cancel()
            await #expect { _ = try await waiting.value } throws: { ($0 as? MongoError)?.code == .cancelled }
            await #expect {
                try await MongoDeadline.$current.withValue(.now + .milliseconds(100)) {
                    _ = try await things.find([:])
                }
            } throws: { ($0 as? MongoError)?.code == .timeout }
            await session.end()
            // The lease is free again.
            #expect(try await things.find([:]).isEmpty)
        }
    }
}
