import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// `Mutation.addPaymentMethod`, `setDefaultPaymentMethod` and
/// `removePaymentMethod`: a rider's own methods, or any rider's for support
/// and admin (`PeopleWritePolicies.paymentMethods`).
///
/// Only what Stripe hands back is stored: the payment method's id, and for a
/// card its brand, last four digits and expiry. Anything that looks like a
/// card number is refused before anything is written. A rider has exactly
/// one default method whenever it has any: every change of the default
/// (adding the first or a default one, choosing another, removing the
/// default) moves it in one transaction, which first writes the rider's
/// profile (`claim`): two such transactions for one rider conflict on it, so
/// the second runs again after the first and sees its method.
enum PaymentMethodWrites {
    static let types = ["CARD", "BANK_ACCOUNT"]

    /// Writes the rider profile's `updatedAt` in `write`'s transaction (nil:
    /// no such profile among those `filter` admits), so that concurrent
    /// changes of one rider's methods are serialised by the write conflict.
    @discardableResult
    static func claim(_ filter: BSONDocument, _ write: LifecycleWrite) async throws -> Bool {
        try await write.updateOne(filter, ["$set": ["updatedAt": .date(write.now)]], in: .riderProfiles)
    }

    struct Method: Sendable {
        var riderId: ObjectID?
        var stripeId: String
        var type: String
        var card: BSONDocument?
        var makeDefault: Bool
    }

    static func read(_ arguments: ArgumentValues) throws -> Method {
        let input = InputReader(arguments, "input")
        if input.isMissing { throw input.refuse("is required") }
        let stripeId = try input.field("stripePaymentMethodId").refusingCardNumbers().text(maxLength: 255)
        guard stripeId.hasPrefix("pm_"), stripeId.count > 3,
            stripeId.dropFirst(3).allSatisfy({ PeopleInputRules.isAlphanumeric($0) || $0 == "_" })
        else {
            throw UserInputError(
                argument: "input.stripePaymentMethodId",
                "must be a Stripe payment method id: pm_ and letters, digits or underscores")
        }
        let type = try input.field("type").storedEnum(types)
        let cardInput = try input.field("card")
        var card: BSONDocument?
        if type == "card" {
            if cardInput.isMissing { throw cardInput.refuse("is required for a card") }
            let brand = try cardInput.field("brand").refusingCardNumbers().text(
                length: 2...20, format: "a card network in lower case, such as visa",
                { ($0.isASCII && $0.isLowercase) || $0 == "_" })
            let last4 = try cardInput.field("last4").text(
                length: 4...4, format: "the last four digits of the card number", PeopleInputRules.isDigit)
            var stored: BSONDocument = ["brand": .string(brand), "last4": .string(last4)]
            stored["expMonth"] = try cardInput.field("expMonth").optionalInt(in: 1...12).map { .int32(Int32($0)) }
            stored["expYear"] = try cardInput.field("expYear").optionalInt(in: 2000...2100).map { .int32(Int32($0)) }
            card = stored
        } else if !cardInput.isMissing {
            throw cardInput.refuse("must be left out for a bank account")
        }
        return Method(
            riderId: try input.field("riderId").optionalObjectID(), stripeId: stripeId, type: type, card: card,
            makeDefault: try input.field("makeDefault").optionalBool() ?? false)
    }

    // MARK: addPaymentMethod

    static func add(_ field: FieldContext) throws -> ResolvedValue {
        let method = try read(field.arguments)
        let context = try field.accessContext()
        return .async {
            let riderId = try PeopleWrite.target(
                method.riderId, own: context.principal.riderProfileID, argument: "input.riderId")
            let id = ObjectID()
            let document = try await LifecycleWrite.run(in: context) { write in
                let claimed = try await claim(context.restrict(["_id": .objectID(riderId)], in: .riderProfiles), write)
                guard claimed else { throw NotFoundError(argument: "input.riderId", what: "rider profile") }
                let others = try await write.collection(.paymentMethods).countDocuments(
                    ["riderId": .objectID(riderId)], session: write.session)
                let isDefault = method.makeDefault || others == 0
                if isDefault {
                    try await write.updateMany(
                        ["riderId": .objectID(riderId), "isDefault": true],
                        ["$set": ["isDefault": false, "updatedAt": .date(write.now)]], in: .paymentMethods)
                }
                var stored: BSONDocument = [
                    "_id": .objectID(id), "riderId": .objectID(riderId),
                    "stripePaymentMethodId": .string(method.stripeId), "type": .string(method.type),
                ]
                if let card = method.card { stored["card"] = .document(card) }
                stored["isDefault"] = .bool(isDefault)
                stored["createdAt"] = .date(write.now)
                stored["updatedAt"] = .date(write.now)
                try await write.insert(stored, into: .paymentMethods)
                try await write.audit(
                    "paymentMethod.add", .paymentMethods, id, fields: stored.keys.filter { $0 != "_id" },
                    also: [.riderProfiles])
                return stored
            }
            return .object(DocumentSource(document))
        }
    }

    // MARK: setDefaultPaymentMethod

    static func setDefault(_ field: FieldContext) throws -> ResolvedValue {
        let id = try InputReader(field.arguments, "paymentMethodId").objectID()
        let context = try field.accessContext()
        let filter = context.restrict(["_id": .objectID(id)], in: .paymentMethods)
        return .async {
            let document = try await LifecycleWrite.run(in: context) { write in
                guard let method = try await write.findOne(filter, in: .paymentMethods),
                    case .objectID(let riderId)? = method["riderId"]
                else { throw NotFoundError(argument: "paymentMethodId", what: "payment method") }
                try await claim(["_id": .objectID(riderId)], write)
                try await write.updateMany(
                    ["riderId": .objectID(riderId), "isDefault": true, "_id": ["$ne": .objectID(id)]],
                    ["$set": ["isDefault": false, "updatedAt": .date(write.now)]], in: .paymentMethods)
                guard
                    let updated = try await write.update(
                        filter, ["$set": ["isDefault": true, "updatedAt": .date(write.now)]], in: .paymentMethods)
                else { throw NotFoundError(argument: "paymentMethodId", what: "payment method") }
                try await write.audit(
                    "paymentMethod.setDefault", .paymentMethods, id, fields: ["isDefault"], also: [.riderProfiles])
                return updated
            }
            return .object(DocumentSource(document))
        }
    }

    // MARK: removePaymentMethod

    static func remove(_ field: FieldContext) throws -> ResolvedValue {
        let id = try InputReader(field.arguments, "paymentMethodId").objectID()
        let context = try field.accessContext()
        let filter = context.restrict(["_id": .objectID(id)], in: .paymentMethods)
        return .async {
            try await LifecycleWrite.run(in: context) { write in
                guard
                    let removed = try await write.collection(.paymentMethods).findOneAndDelete(
                        filter, session: write.session),
                    case .objectID(let riderId)? = removed["riderId"]
                else { throw NotFoundError(argument: "paymentMethodId", what: "payment method") }
                try await claim(["_id": .objectID(riderId)], write)
                var others: [Collections] = [.riderProfiles]
                if removed["isDefault"] == .bool(true) {
                    let promoted = try await write.collection(.paymentMethods).findOneAndUpdate(
                        ["riderId": .objectID(riderId)],
                        ["$set": ["isDefault": true, "updatedAt": .date(write.now)]],
                        sort: ["createdAt": -1, "_id": -1], session: write.session)
                    if promoted != nil { others.append(.paymentMethods) }
                }
                try await write.audit("paymentMethod.remove", .paymentMethods, id, fields: [], also: others)
                return .json(.bool(true))
            }
        }
    }
}
