import ArgumentParser
import Foundation
import MongoStore
import Security

/// `supportcarr apikey list`: every key without its hash (the key itself is
/// never stored, so it cannot be listed).
struct APIKeyListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List API keys (never the keys themselves).")

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("user-id"), help: "Only the keys of this user.") var userId: String?

    func validate() throws {
        if let userId, ObjectID(userId) == nil { throw ValidationError("--user-id must be 24 hexadecimal digits") }
    }

    func run() async throws {
        let (_, db) = try await database.connect()
        // Listing needs no pepper: nothing is hashed or compared.
        let repository = APIKeyRepository(database: db, hasher: .development)
        let keys: [APIKeySummary]
        do {
            keys = try await repository.list(userId: userId.flatMap(ObjectID.init))
        } catch let error as MongoError {
            throw ConfigurationProblem("apikey list failed: \(error.debugDescription)")
        }
        let now = BSONDate.now()
        print(
            ["id", "prefix", "status", "user", "requests", "last used", "expires", "name", "permissions"].joined(
                separator: "\t"))
        for key in keys {
            let status =
                !key.isActive ? "revoked" : (key.expiresAt.map { $0 <= now } ?? false) ? "expired" : "active"
            print(
                [
                    key.id.hex, key.keyPrefix ?? "-", status, key.userId.hex, String(key.requestCount),
                    key.lastUsedAt.map(Self.format) ?? "never", key.expiresAt.map(Self.format) ?? "never", key.name,
                    key.permissionNames.joined(separator: ","),
                ].joined(separator: "\t"))
        }
        FileHandle.standardError.write(Data("apikey: \(keys.count) key(s)\n".utf8))
    }

    /// A date as `2026-11-27T19:04:07Z`.
    static func format(_ date: BSONDate) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date.date)
    }
}
