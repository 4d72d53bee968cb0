import DataModel
import GraphQLEngine
public import MongoStore

/// The support console's look-ups by a personal value (`userByPhone`,
/// `riderByEmail`, `vehicleByPlate`): the value's blind-index hash found
/// through its unique index, never a scan that decrypts. Only support and
/// admin keys (and trusted tools) may search; each search is recorded in
/// `auditlogs` as a personal-data read (`pii.lookup`: the field searched by
/// and the document found, never the value) before its answer is returned.
public struct PersonalDataLookup: Sendable {
    let sealer: PersonalDataSealer

    /// What a look-up searches by.
    public enum By: String, Sendable, CaseIterable {
        case phoneNumber, email, plateNumber

        /// The encrypted field searched, with the blind index beside it.
        var place: (collection: Collections, field: String) {
            switch self {
            case .phoneNumber: (.users, "phoneNumber")
            case .email: (.riderProfiles, "email")
            case .plateNumber: (.vehicles, "plateNumber")
            }
        }
    }

    /// The document whose `by` is `value` (normalised as its blind index
    /// does: `+1 (415) 555-0100` finds `+14155550100`), among the rows the
    /// caller sees; nil when there is none. `argument` names the argument in
    /// a refusal.
    public func find(_ by: By, _ value: String, argument: String, in context: AccessContext) async throws
        -> BSONDocument?
    {
        if case .caller(let caller) = context.principal, !caller.key.role.seesEveryRow {
            throw GraphQLError(
                message: "Not allowed: only support and admin keys may search by \(by.rawValue).",
                extensions: [("code", .string(GraphQLError.Code.forbidden))])
        }
        let (collection, name) = by.place
        guard let field = EncryptedField.named(collection, name), let hashField = field.blindIndexField,
            sealer.isIndexable(value, for: field), let hash = try sealer.blindHash(value, for: field)
        else {
            throw GraphQLError(
                message: "Argument \"\(argument)\" holds nothing to search by.",
                extensions: [("code", .string(GraphQLError.Code.badUserInput)), ("argument", .string(argument))])
        }
        let found = try await context.collection(collection).findOne(
            context.restrict([hashField: .string(hash)], in: collection))
        let now = BSONDate.now()
        var foundId: ObjectID?
        if case .objectID(let id)? = found?["_id"] { foundId = id }
        var entry = context.auditEntry(
            action: "pii.lookup", collection: collection, entityId: foundId ?? ObjectID(), fields: [name], at: now)
        if foundId == nil { entry["entityId"] = .null }
        try await context.collection(.auditLogs).insertOne(entry)
        return found
    }
}
