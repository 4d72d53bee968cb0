public import Foundation
public import MongoStore
import Testing

/// The live database the integration tests of every target run against: the
/// server `MONGODB_URI` names (`scripts/test` starts one and sets it). A
/// missing URI fails the test with that instruction; nothing is skipped silently.
public enum LiveDatabase {
    public struct MissingURI: Error, CustomStringConvertible {
        public var description: String {
            "MONGODB_URI is not set: run scripts/test, or export MONGODB_URI=$(scripts/db start --memory) and rerun"
        }
    }

    /// The server for the calling test. `scripts/test` starts two embedded
    /// servers and lists both in `MONGODB_TEST_URIS` (space-separated): one
    /// SecantusDB process runs on one core, and the suite keeps both busy. A
    /// test always gets the same one (chosen from its id, so a child process
    /// it starts with this URI sees its databases); outside a test, and
    /// without the list, it is `MONGODB_URI`.
    public static func uri() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let servers = (environment["MONGODB_TEST_URIS"] ?? "").split(separator: " ").map(String.init)
        if !servers.isEmpty, let test = Test.current {
            // FNV-1a: Swift's own hashing is seeded per process.
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in String(describing: test.id).utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            return servers[Int(hash % UInt64(servers.count))]
        }
        guard let uri = environment["MONGODB_URI"], !uri.isEmpty else { throw MissingURI() }
        return uri
    }

    /// The longest time limit a test gives a gateway or an operation (a
    /// loaded machine, several suites sharing one embedded server).
    public static let longestTestOperation = Duration.seconds(60)

    /// A client whose socket timeout covers ``longestTestOperation``, so a
    /// statement that is slow under the suite's load is answered or cut by the
    /// server's `maxTimeMS`, as in production, never abandoned by the socket
    /// while the server still runs it (`MongoClientConfiguration.socketTimeoutMS(covering:)`).
    public static func client(maxPoolSize: Int? = nil) throws -> MongoClient {
        try MongoClient(
            MongoClientConfiguration(
                uri: uri(), maxPoolSize: maxPoolSize, longestOperation: longestTestOperation))
    }

    /// Runs `body` with a database of its own, named after `test` (the calling
    /// test's function by default) plus a random suffix, and drops that
    /// database afterwards, also when `body` throws; except on servers that
    /// are thrown away after the run (``keepsDatabases``).
    public static func withDatabase<R>(
        _ test: String = #function, maxPoolSize: Int? = nil, _ body: (MongoClient, MongoDatabase) async throws -> R
    ) async throws -> R {
        let client = try client(maxPoolSize: maxPoolSize)
        let base = String(test.prefix { $0.isLetter || $0.isNumber || $0 == "_" }.prefix(40))
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let database = client.database("t_\(base)_\(suffix)")
        do {
            let result = try await body(client, database)
            if !keepsDatabases { try await database.drop() }
            return result
        } catch {
            if !keepsDatabases { try? await database.drop() }
            throw error
        }
    }

    /// Whether the tests' databases are left on the server
    /// (`MONGODB_TEST_KEEP_DATABASES=1`, which `scripts/test` sets for the
    /// in-memory servers it starts and stops). The embedded database holds its
    /// one global lock for the whole of a drop, and every transaction on the
    /// server waits behind a statement that waits for that lock
    /// (docs/DATA-MODEL.md, "Embedded database"): dropping a test's few
    /// thousand documents while other suites ran stalled their transactions
    /// for seconds. A server stopped after the run frees it all at once.
    public static let keepsDatabases: Bool =
        ProcessInfo.processInfo.environment["MONGODB_TEST_KEEP_DATABASES"] == "1"

    /// The repository's root (where `scripts/` and `Schema.graphql` are).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()
}
