import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// `Mutation.updateDriverProfile`: a driver changes its own profile, an admin
/// any driver's; support only a driver's contact data
/// (`DriverProfileWritePolicy`).
///
/// One transaction updates the profile (each encrypted field sealed under the
/// newest key and bound to the profile; `bankDetails` as its JSON object),
/// the account's phone number and hash when given, and appends the audit
/// entry. A phone number another account holds is refused by the unique hash
/// index: `CONFLICT`.
enum UpdateDriverProfile {
    struct Change: Sendable {
        var driverId: ObjectID?
        /// Encrypted text fields to set, by stored name.
        var sealedText: [(field: String, value: String)]
        var removesEmail: Bool
        var phoneNumber: String?
        var dates: BSONDocument
        var bankDetails: [String: String]?
    }

    static func resolve(_ field: FieldContext, sealer: PersonalDataSealer) throws -> ResolvedValue {
        let change = try read(field.arguments)
        let context = try field.accessContext()
        return .async { .object(DocumentSource(try await update(change, in: context, sealer: sealer))) }
    }

    static func read(_ arguments: ArgumentValues) throws -> Change {
        let input = InputReader(arguments, "input")
        if input.isMissing { throw input.refuse("is required") }
        var texts: [(field: String, value: String)] = []
        if let name = try input.field("name").optionalText(maxLength: 100) { texts.append(("name", name)) }
        let emailInput = try input.field("email")
        let removesEmail = emailInput.value == .null
        if let email = try emailInput.optionalEmail() { texts.append(("email", email)) }
        for field in ["licenseNumber", "vehicleInsuranceNumber"] {
            if let number = try input.field(field).optionalText(maxLength: 40) { texts.append((field, number)) }
        }
        var dates = BSONDocument()
        for field in ["licenseExpiry", "insuranceExpiry"] {
            if let date = try input.field(field).optionalDate() { dates[field] = .date(date) }
        }
        var bank: [String: String]?
        let bankInput = try input.field("bankDetails")
        if !bankInput.isMissing {
            bank = [
                "accountNumber": try bankInput.field("accountNumber").text(
                    length: 4...17, format: "4 to 17 digits", PeopleInputRules.isDigit),
                "routingNumber": try bankInput.field("routingNumber").text(
                    length: 9...9, format: "nine digits", PeopleInputRules.isDigit),
                "accountHolderName": try bankInput.field("accountHolderName").text(maxLength: 100),
            ]
        }
        return Change(
            driverId: try input.field("driverId").optionalObjectID(), sealedText: texts, removesEmail: removesEmail,
            phoneNumber: try input.field("phoneNumber").optionalPhoneNumber(), dates: dates, bankDetails: bank)
    }

    static func update(_ change: Change, in context: AccessContext, sealer: PersonalDataSealer) async throws
        -> BSONDocument
    {
        let driverId = try PeopleWrite.target(
            change.driverId, own: context.principal.driverProfileID, argument: "input.driverId")
        let filter = context.restrict(["_id": .objectID(driverId)], in: .driverProfiles)
        return try await PeopleWrite.refusingDuplicates(["phoneNumberHash": "input.phoneNumber"]) {
            try await LifecycleWrite.run(in: context) { write in
                guard let profile = try await write.findOne(filter, in: .driverProfiles),
                    case .objectID(let userId)? = profile["userId"]
                else { throw NotFoundError(argument: "input.driverId", what: "driver profile") }
                var set: BSONDocument = ["updatedAt": .date(write.now)]
                for (field, value) in change.sealedText {
                    set.merge(try PeopleWrite.sealed(value, .driverProfiles, field, of: driverId, with: sealer))
                }
                if let bank = change.bankDetails {
                    let field = try PeopleWrite.encrypted(.driverProfiles, "bankDetails")
                    set["bankDetails"] = .string(try sealer.sealObject(bank, as: field, in: driverId))
                }
                set.merge(change.dates)
                let unset: BSONDocument = change.removesEmail ? ["email": ""] : [:]
                return try await PeopleWrite.finishProfileUpdate(
                    filter, set: set, unset: unset, phone: change.phoneNumber, of: userId,
                    profile: (.driverProfiles, driverId, "driver.update", "input.driverId", "driver profile"),
                    in: write, with: sealer)
            }
        }
    }
}
