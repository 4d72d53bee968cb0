import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// `Mutation.registerRider`: a partner (or support, or admin) creates a
/// rider's account and profile (`PeopleWritePolicies.registerRider`).
///
/// One transaction inserts the user (role `rider`, phone number sealed and
/// hashed) and the profile (name and email sealed, the email hashed), both
/// stamped with the partner's tenant (`partnerId`) when a partner registers
/// them, and the audit entry. A phone number or email another account holds
/// is refused by the unique hash index: `CONFLICT`.
enum RegisterRider {
    struct Rider: Sendable {
        var name: String
        var phoneNumber: String
        var email: String?
        var language: String
    }

    static func resolve(_ field: FieldContext, sealer: PersonalDataSealer) throws -> ResolvedValue {
        let input = InputReader(field.arguments, "input")
        if input.isMissing { throw input.refuse("is required") }
        let phone = try input.field("phoneNumber")
        guard let phoneNumber = try phone.optionalPhoneNumber() else { throw phone.refuse("is required") }
        let rider = Rider(
            name: try input.field("name").text(maxLength: 100), phoneNumber: phoneNumber,
            email: try input.field("email").optionalEmail(),
            language: try input.field("language").optionalText(
                format: "an ISO 639-1 code of two lower-case letters, such as en",
                { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isLowercase } }) ?? "en")
        let context = try field.accessContext()
        return .async { .object(DocumentSource(try await register(rider, in: context, sealer: sealer))) }
    }

    static func register(_ rider: Rider, in context: AccessContext, sealer: PersonalDataSealer) async throws
        -> BSONDocument
    {
        let userId = ObjectID()
        let profileId = ObjectID()
        let tenant = context.principal.tenantID.map(BSONValue.objectID)
        return try await PeopleWrite.refusingDuplicates(
            ["emailHash": "input.email", "phoneNumberHash": "input.phoneNumber"]
        ) {
            try await LifecycleWrite.run(in: context) { write in
                var user: BSONDocument = ["_id": .objectID(userId), "role": "rider"]
                user.merge(try PeopleWrite.sealed(rider.phoneNumber, .users, "phoneNumber", of: userId, with: sealer))
                user["phoneVerified"] = false
                if let tenant { user["partnerId"] = tenant }
                user["createdAt"] = .date(write.now)
                user["updatedAt"] = .date(write.now)
                try await write.insert(user, into: .users)
                var profile: BSONDocument = ["_id": .objectID(profileId), "userId": .objectID(userId)]
                profile.merge(try PeopleWrite.sealed(rider.name, .riderProfiles, "name", of: profileId, with: sealer))
                if let email = rider.email {
                    profile.merge(try PeopleWrite.sealed(email, .riderProfiles, "email", of: profileId, with: sealer))
                }
                profile["savedLocations"] = []
                profile["preferences"] = [
                    "notifications": ["sms": true, "push": true, "email": false], "language": .string(rider.language),
                ]
                profile["totalRescues"] = 0
                profile["averageRating"] = 0.0
                if let tenant { profile["partnerId"] = tenant }
                profile["createdAt"] = .date(write.now)
                profile["updatedAt"] = .date(write.now)
                try await write.insert(profile, into: .riderProfiles)
                try await write.audit(
                    "rider.register", .riderProfiles, profileId, fields: profile.keys.filter { $0 != "_id" },
                    also: [.users])
                return profile
            }
        }
    }
}
