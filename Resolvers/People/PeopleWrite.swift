import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// What the people mutations share: whose record a write is for, the
/// encrypted fields they seal, and the answer to a value a unique blind
/// index refused.
enum PeopleWrite {
    /// The record a write is for: the id the input names, else the caller's
    /// own (a rider's or driver's key). Staff must name one.
    static func target(_ named: ObjectID?, own: ObjectID?, argument: String) throws -> ObjectID {
        guard let id = named ?? own else {
            throw UserInputError(argument: argument, "is required when the key is not the record owner's")
        }
        return id
    }

    /// The encrypted field `collection.field` of the data model (an internal
    /// error if the catalogue lost it, never a crash).
    static func encrypted(_ collection: Collections, _ field: String) throws -> EncryptedField {
        guard let found = EncryptedField.named(collection, field) else {
            throw GraphQLError(
                message: "Internal server error", extensions: [("code", .string(GraphQLError.Code.internalServerError))]
            )
        }
        return found
    }

    /// `text` sealed as `collection.field` of `id`, with its blind-index hash
    /// when the field has one, as the fields to `$set`.
    static func sealed(
        _ text: String, _ collection: Collections, _ field: String, of id: ObjectID, with sealer: PersonalDataSealer
    ) throws -> BSONDocument {
        let encrypted = try encrypted(collection, field)
        var set: BSONDocument = [field: .string(try sealer.seal(text, as: encrypted, in: id))]
        if let hashField = encrypted.blindIndexField, let hash = try sealer.blindHash(text, for: encrypted) {
            set[hashField] = .string(hash)
        }
        return set
    }

    /// The client's answer to a unique index refusing a write: which input
    /// held the value another record has, by the index's field.
    static func duplicate(_ error: MongoError, arguments: [String: String]) -> (any Error) {
        let index = error.indexName ?? ""
        for (hashField, argument) in arguments.sorted(by: { $0.key < $1.key }) where index.contains(hashField) {
            let what =
                switch hashField {
                case "phoneNumberHash": "phone number"
                case "emailHash": "email address"
                case "plateNumberHash": "plate number"
                default: "value"
                }
            return DuplicateValueError(argument: argument, what: what)
        }
        return error
    }

    /// `body`, a write, with a unique blind index's refusal turned into
    /// `CONFLICT` naming the input that held the value.
    static func refusingDuplicates<R: Sendable>(
        _ arguments: [String: String], _ body: () async throws -> R
    ) async throws -> R {
        do {
            return try await body()
        } catch let error as MongoError where error.code == .duplicateKey {
            throw duplicate(error, arguments: arguments)
        }
    }

    /// Gives account `userId` a new phone number in `write`'s transaction:
    /// sealed, with its hash (the unique index refuses one another account
    /// holds), and not verified (the code sent to the old number no longer
    /// proves anything).
    static func changePhone(
        _ phone: String, of userId: ObjectID, in write: LifecycleWrite, with sealer: PersonalDataSealer
    ) async throws {
        var set = try sealed(phone, .users, "phoneNumber", of: userId, with: sealer)
        set["phoneVerified"] = false
        set["updatedAt"] = .date(write.now)
        let unset: BSONDocument = ["phoneVerificationCode": "", "phoneVerificationExpiry": ""]
        try await write.updateOne(["_id": .objectID(userId)], update(set: set, unset: unset), in: .users)
    }

    /// The end of a profile update in `write`'s transaction: the profile's
    /// compare-and-set (`NOT_FOUND` naming `argument` when `filter` matches
    /// nothing the caller may change), the account's new phone number when
    /// there is one, and the audit entry naming every field written.
    static func finishProfileUpdate(
        _ filter: BSONDocument, set: BSONDocument, unset: BSONDocument, phone: String?, of userId: ObjectID,
        profile: (collection: Collections, id: ObjectID, action: String, argument: String, what: String),
        in write: LifecycleWrite, with sealer: PersonalDataSealer
    ) async throws -> BSONDocument {
        guard let updated = try await write.update(filter, update(set: set, unset: unset), in: profile.collection)
        else { throw NotFoundError(argument: profile.argument, what: profile.what) }
        var others: [Collections] = []
        if let phone {
            try await changePhone(phone, of: userId, in: write, with: sealer)
            others.append(.users)
        }
        let fields = (set.keys + unset.keys + (phone == nil ? [] : ["phoneNumber"])).filter { $0 != "updatedAt" }
        try await write.audit(profile.action, profile.collection, profile.id, fields: fields, also: others)
        return updated
    }

    /// A `$set` (and `$unset` when it has fields) update.
    static func update(set: BSONDocument, unset: BSONDocument = [:]) -> BSONDocument {
        var update: BSONDocument = ["$set": .document(set)]
        if !unset.isEmpty { update["$unset"] = .document(unset) }
        return update
    }
}

extension BSONDocument {
    /// Sets every field of `other` here (a later value replaces an earlier one).
    mutating func merge(_ other: BSONDocument) {
        for element in other.elements { self[element.key] = element.value }
    }
}
