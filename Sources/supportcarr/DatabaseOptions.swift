import ArgumentParser
import Foundation
import MongoStore

/// Where the database is: `--mongodb-uri` / `--database`, falling back on
/// `MONGODB_URI` (required) and `SUPPORTCARR_DB` (default `supportcarr`).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("mongodb-uri"), help: "MongoDB connection string (default: $MONGODB_URI).")
    var mongodbURI: String?

    @Option(help: "Database name (default: $SUPPORTCARR_DB, else 'supportcarr').")
    var database: String?

    /// The URI and database name, or a one-line error naming the missing setting.
    func resolve(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (
        uri: String, database: String
    ) {
        guard let uri = mongodbURI ?? environment["MONGODB_URI"], !uri.isEmpty else {
            throw ConfigurationProblem("MONGODB_URI is not set (export it or pass --mongodb-uri)")
        }
        let name = database ?? environment["SUPPORTCARR_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "supportcarr"
        return (uri, name)
    }

    /// How long one command of `migrate` or `seed` may keep a socket waiting:
    /// building an index over a large collection takes minutes on SecantusDB,
    /// far past the 30 s a request of the gateway may wait.
    static let longCommandSocketTimeoutMS = 3_600_000

    /// A connected client's handle on the database (fails fast when unreachable).
    /// `socketTimeoutMS`, when given, replaces the URI's and the default.
    func connect(socketTimeoutMS: Int? = nil) async throws -> (client: MongoClient, database: MongoDatabase) {
        let (uri, name) = try resolve()
        let client: MongoClient
        do {
            client = try MongoClient(MongoClientConfiguration(uri: uri, socketTimeoutMS: socketTimeoutMS))
            try await client.ping()
        } catch {
            // An operator's terminal, not a client: the detail helps here.
            throw ConfigurationProblem("cannot reach MongoDB at MONGODB_URI: \(error.debugDescription)")
        }
        return (client, client.database(name))
    }
}

/// A setting problem reported as one line (`Error: ...`) before exiting.
struct ConfigurationProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
