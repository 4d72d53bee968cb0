import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// `Mutation.updateRiderProfile`: a rider changes its own profile, or
/// support or admin a rider's (`PeopleWritePolicies.updateRiderProfile`).
///
/// One transaction updates the profile (name and email sealed under the
/// newest key, bound to the profile; the email's hash beside it), the
/// account's phone number and its hash when given, and appends the audit
/// entry. A duplicate email or phone number is refused by the unique hash
/// index at the write itself: `CONFLICT`.
enum UpdateRiderProfile {
    /// What the input asks to change, checked.
    struct Change: Sendable {
        var riderId: ObjectID?
        var name: String?
        /// nil: unchanged; `.some(nil)`: removed.
        var email: String??
        var phoneNumber: String?
        var savedLocations: [BSONValue]?
        /// `preferences.*` paths to set.
        var preferences: BSONDocument
    }

    static func resolve(_ field: FieldContext, sealer: PersonalDataSealer) throws -> ResolvedValue {
        let change = try read(field.arguments)
        let context = try field.accessContext()
        return .async { .object(DocumentSource(try await update(change, in: context, sealer: sealer))) }
    }

    static func read(_ arguments: ArgumentValues) throws -> Change {
        let input = InputReader(arguments, "input")
        if input.isMissing { throw input.refuse("is required") }
        let emailInput = try input.field("email")
        var email: String??
        if case .null? = emailInput.value {
            email = .some(nil)
        } else if let text = try emailInput.optionalEmail() {
            email = .some(text)
        }
        var locations: [BSONValue]?
        let locationsInput = try input.field("savedLocations")
        if case .list(let items)? = locationsInput.value {
            guard items.count <= 20 else { throw locationsInput.refuse("must hold at most 20 places") }
            locations = try items.indices.map { index in
                let place = InputReader(path: "\(locationsInput.path).\(index)", value: items[index])
                let point = try place.field("location").point()
                return .document([
                    "name": .string(try place.field("name").text(maxLength: 50)),
                    "address": .string(try place.field("address").text(maxLength: 200)),
                    "location": ["type": "Point", "coordinates": [.double(point.lng), .double(point.lat)]],
                ])
            }
        }
        var preferences = BSONDocument()
        let preferencesInput = try input.field("preferences")
        for channel in ["sms", "push", "email"] {
            if let flag = try preferencesInput.field(channel).optionalBool() {
                preferences["preferences.notifications.\(channel)"] = .bool(flag)
            }
        }
        if let language = try preferencesInput.field("language").optionalText(
            format: "an ISO 639-1 code of two lower-case letters, such as en",
            { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isLowercase } })
        {
            preferences["preferences.language"] = .string(language)
        }
        return Change(
            riderId: try input.field("riderId").optionalObjectID(),
            name: try input.field("name").optionalText(maxLength: 100), email: email,
            phoneNumber: try input.field("phoneNumber").optionalPhoneNumber(), savedLocations: locations,
            preferences: preferences)
    }

    static func update(_ change: Change, in context: AccessContext, sealer: PersonalDataSealer) async throws
        -> BSONDocument
    {
        let riderId = try PeopleWrite.target(
            change.riderId, own: context.principal.riderProfileID, argument: "input.riderId")
        let filter = context.restrict(["_id": .objectID(riderId)], in: .riderProfiles)
        return try await PeopleWrite.refusingDuplicates(
            ["emailHash": "input.email", "phoneNumberHash": "input.phoneNumber"]
        ) {
            try await LifecycleWrite.run(in: context) { write in
                guard let profile = try await write.findOne(filter, in: .riderProfiles),
                    case .objectID(let userId)? = profile["userId"]
                else { throw NotFoundError(argument: "input.riderId", what: "rider profile") }
                var set: BSONDocument = ["updatedAt": .date(write.now)]
                var unset = BSONDocument()
                if let name = change.name {
                    set.merge(try PeopleWrite.sealed(name, .riderProfiles, "name", of: riderId, with: sealer))
                }
                switch change.email {
                case .some(.some(let email)):
                    set.merge(try PeopleWrite.sealed(email, .riderProfiles, "email", of: riderId, with: sealer))
                case .some(.none):
                    unset = ["email": "", "emailHash": ""]
                case .none:
                    break
                }
                if let locations = change.savedLocations { set["savedLocations"] = .array(locations) }
                set.merge(change.preferences)
                return try await PeopleWrite.finishProfileUpdate(
                    filter, set: set, unset: unset, phone: change.phoneNumber, of: userId,
                    profile: (.riderProfiles, riderId, "rider.update", "input.riderId", "rider profile"), in: write,
                    with: sealer)
            }
        }
    }
}
