import ArgumentParser
import Foundation
import MongoStore
import Security

/// `supportcarr apikey create`: a new key for an existing or new user; the key
/// is printed once, alone on the last line of standard output (so scripts can
/// take it with `tail -n 1`).
struct APIKeyCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an API key and print it once.",
        discussion: """
            Without --user-id, a new user account with the given role is created for the key \
            (no password; with --phone, its phone number, encrypted, and its blind index). \
            Without --permissions, the key holds everything the role may hold. The key is the \
            last line of standard output; store it now, it cannot be shown again.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The user's role.") var role: Role
    @Option(help: "A label for the key, such as 'rider app' or 'partner: bike shop'.") var name: String
    @Option(name: .customLong("user-id"), help: "The user the key acts as (default: a new user).") var userId: String?
    @Option(help: "Comma-separated permission names (default: all the role may hold).") var permissions: String?
    @Option(name: .customLong("expires-in-days"), help: "Days until the key stops working (default: never).")
    var expiresInDays: Int?
    @Option(help: "Phone number of the new user (only without --user-id).") var phone: String?
    @Option(help: "Key type: live or test (default: live when SUPPORTCARR_ENV=production, else test).")
    var kind: String?

    func validate() throws {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name must not be empty") }
        if let userId, ObjectID(userId) == nil { throw ValidationError("--user-id must be 24 hexadecimal digits") }
        if let expiresInDays, !(1...36_500).contains(expiresInDays) {
            throw ValidationError("--expires-in-days must be between 1 and 36500")
        }
        if phone != nil, userId != nil { throw ValidationError("--phone applies only to a new user (no --user-id)") }
        if let kind, APIKeyKind(rawValue: kind) == nil { throw ValidationError("--kind must be 'live' or 'test'") }
        _ = try requestedPermissions()
    }

    /// The permissions asked for, checked against the catalogue and the role.
    func requestedPermissions() throws -> PermissionSet {
        guard let permissions else { return role.maximalPermissions }
        let names = permissions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        let (set, unknown) = PermissionSet.parsing(names)
        if !unknown.isEmpty {
            throw ValidationError(
                "unknown permission(s) \(unknown.joined(separator: ", ")); the catalogue: "
                    + Permission.all.map(\.name).joined(separator: ", "))
        }
        if set.isEmpty { throw ValidationError("--permissions names no permission") }
        let beyond = set.subtracting(role.maximalPermissions)
        if !beyond.isEmpty {
            throw ValidationError("a \(role) may not hold \(beyond.names.joined(separator: ", "))")
        }
        return set
    }

    func run() async throws {
        let environment = OperatorEnvironment.values
        let hasher = try APIKeyHasher.fromEnvironment(environment)
        let permissions = try requestedPermissions()
        let kind =
            self.kind.flatMap(APIKeyKind.init(rawValue:))
            ?? (OperatorEnvironment.deployment == .production ? .live : .test)
        let (_, db) = try await database.connect()
        let now = BSONDate.now()
        do {
            let (owner, isNew) = try await resolveUser(db, environment: environment, now: now)
            let expiresAt = expiresInDays.map {
                BSONDate(millisecondsSinceEpoch: now.millisecondsSinceEpoch + Int64($0) * 86_400_000)
            }
            let repository = APIKeyRepository(database: db, hasher: hasher)
            let created = try await repository.create(
                userId: owner, name: name, permissions: permissions, kind: kind, expiresAt: expiresAt, now: now)
            print("apikey: created \(created.key.id) '\(name)' for \(isNew ? "new " : "")\(role) user \(owner)")
            print("  prefix:      \(created.token.lookupPrefix)")
            print("  permissions: \(permissions.names.joined(separator: ","))")
            print("  expires:     \(expiresAt.map { APIKeyListCommand.format($0) } ?? "never")")
            print("The key is on the next line; it is shown only this once.")
            print(created.token.text)
        } catch let error as MongoError {
            throw ConfigurationProblem("apikey create failed: \(error.debugDescription)")
        }
    }

    /// The key's user: `--user-id` (checked to exist with the given role) or a new one.
    func resolveUser(_ db: MongoDatabase, environment: [String: String], now: BSONDate) async throws
        -> (ObjectID, Bool)
    {
        let users = db.collection(.users)
        if let userId, let id = ObjectID(userId) {
            guard
                let user = try await users.findOne(
                    ["_id": .objectID(id)], options: FindOptions(projection: ["role": 1]))
            else {
                throw ConfigurationProblem("no user with _id \(userId)")
            }
            let stored = try user["role", as: String.self]
            guard stored == role.rawValue else {
                throw ConfigurationProblem(
                    "user \(userId) has role '\(stored ?? "none")', not '\(role)'; the key's role is its user's role")
            }
            return (id, false)
        }
        let id = ObjectID()
        var user: BSONDocument = ["_id": .objectID(id)]
        if let phone {
            let cipher = FieldCipher(keyRing: try KeyRing.fromEnvironment(environment))
            let blindIndex = try BlindIndex.fromEnvironment(environment)
            user["phoneNumber"] = .string(
                try cipher.encrypt(
                    phone, for: FieldBinding(collection: "users", field: "phoneNumber", documentId: id.hex)))
            user["phoneNumberHash"] = .string(try blindIndex.phoneNumberHash(phone))
        }
        user["role"] = .string(role.rawValue)
        user["phoneVerified"] = false
        user["createdAt"] = .date(now)
        user["updatedAt"] = .date(now)
        try await users.insertOne(user)
        return (id, true)
    }
}
