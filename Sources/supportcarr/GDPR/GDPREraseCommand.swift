import ArgumentParser
import MongoStore
import Security
import SupportCarrData

/// `supportcarr gdpr erase --user-id ID`: anonymises one user everywhere
/// (`UserErasure`), idempotently.
struct GDPREraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase a user's personal data, keeping anonymised rescues and payments.",
        discussion: """
            In one transaction: the phone number becomes an encryption of ANONYMIZED, the password \
            DELETED, names and emails replaced, blind-index hashes, saved places, payment methods, \
            vehicles and notifications removed, free text and the driver's trail cleared in the \
            rescues and ratings kept for retention, the user's API keys revoked; recorded in the \
            audit log (user.erase). Running it again for the same user writes nothing.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("user-id"), help: "The user's _id (24 hex digits).") var userId: String

    func validate() throws {
        guard ObjectID(userId) != nil else { throw ValidationError("--user-id must be 24 hexadecimal digits") }
    }

    func run() async throws {
        guard let id = ObjectID(userId) else { throw ValidationError("--user-id must be 24 hexadecimal digits") }
        let keyRing = try KeyRing.fromEnvironment(OperatorEnvironment.values)
        let (_, db) = try await database.connect()
        switch try await UserDataRequests(database: db, cipher: FieldCipher(keyRing: keyRing)).erase(id) {
        case .noSuchUser:
            throw ConfigurationProblem("gdpr erase: no user has _id \(id.hex)")
        case .alreadyErased:
            print("gdpr erase: user \(id.hex) was erased before; nothing written")
        case .erased(let collections):
            print("gdpr erase: user \(id.hex) erased (\(collections.map(\.name).joined(separator: ", ")))")
        }
    }
}
