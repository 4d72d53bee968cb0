import ArgumentParser
import MongoStore
import Security

/// `supportcarr apikey revoke ID`: the key stops working at once (the next
/// request with it is refused); its record stays, inactive.
struct APIKeyRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke an API key by its id.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The key's id (24 hexadecimal digits, as `apikey list` shows).") var id: String

    func validate() throws {
        if ObjectID(id) == nil { throw ValidationError("the id must be 24 hexadecimal digits") }
    }

    func run() async throws {
        guard let keyId = ObjectID(id) else { throw ValidationError("the id must be 24 hexadecimal digits") }
        let (_, db) = try await database.connect()
        let repository = APIKeyRepository(database: db, hasher: .development)
        let found: Bool
        do {
            found = try await repository.revoke(id: keyId)
        } catch {
            throw ConfigurationProblem("apikey revoke failed: \(error.debugDescription)")
        }
        guard found else { throw ConfigurationProblem("no API key with id \(id)") }
        print("apikey: revoked \(id)")
    }
}
