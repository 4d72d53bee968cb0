import ArgumentParser
import Foundation
import MongoStore
import Security
import SupportCarrData

/// `supportcarr gdpr export --user-id ID [--out FILE]`: everything stored about
/// one user, decrypted, as one JSON document (`UserDataRequests.export`).
struct GDPRExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print everything stored about a user, decrypted, as one JSON document.",
        discussion: """
            Reads every collection for what it stores about the user (account, profiles, vehicles, \
            rescues, assignments, history, payments, payouts, ratings, payment methods, API keys, \
            notifications, audit entries, statistics, availability, messages to the user's phone), \
            decrypts each encrypted field with SUPPORTCARR_ENCRYPTION_KEYS, and prints the result \
            (or writes it to --out, created with mode 600). Credentials and blind-index hashes are \
            left out. Each export is recorded in the audit log (user.export).
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("user-id"), help: "The user's _id (24 hex digits).") var userId: String

    @Option(name: .customLong("out"), help: "Write the JSON to this file instead of stdout.") var out: String?

    func validate() throws {
        guard ObjectID(userId) != nil else { throw ValidationError("--user-id must be 24 hexadecimal digits") }
    }

    func run() async throws {
        guard let id = ObjectID(userId) else { throw ValidationError("--user-id must be 24 hexadecimal digits") }
        let keyRing = try KeyRing.fromEnvironment(OperatorEnvironment.values)
        let (_, db) = try await database.connect()
        guard let json = try await UserDataRequests(database: db, cipher: FieldCipher(keyRing: keyRing)).export(id)
        else { throw ConfigurationProblem("gdpr export: no user has _id \(id.hex)") }
        guard let out else {
            print(json)
            return
        }
        let created = FileManager.default.createFile(
            atPath: out, contents: Data(json.utf8), attributes: [.posixPermissions: 0o600])
        guard created else { throw ConfigurationProblem("gdpr export: cannot write \(out)") }
        FileHandle.standardError.write(Data("gdpr export: wrote \(out)\n".utf8))
    }
}
