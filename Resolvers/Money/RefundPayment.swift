import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// `Mutation.refundPayment`: support or admin (`RoleWritePolicy.refundPayment`)
/// records that all or part of a succeeded payment was given back.
///
/// Never more than was paid: the amount is checked against what the
/// payment says is left, and the update is a compare-and-set on the
/// payment's `amount`, `status` and `refundAmount` as read, so two refunds
/// at once cannot both pass the check on the same remainder (the second
/// finds `refundAmount` moved and answers `CONFLICT`). The payment keeps
/// every refund in `refunds` (amount, reason, time, who) and the total in
/// `refundAmount`; once the total is the whole amount the status is
/// `refunded`. The update and its audit entry share one transaction.
enum RefundPayment {
    static let maxReasonLength = 500
    /// The largest amount accepted at all (the schema's `Int` is 32 bits;
    /// no payment comes near it).
    static let maxAmount = Int(Int32.max)

    struct Request: Sendable {
        var paymentId: ObjectID
        /// Cents; nil refunds whatever is left.
        var amount: Int?
        var reason: String
    }

    static func resolve(_ field: FieldContext) throws -> ResolvedValue {
        let request = try read(field.arguments)
        let context = try field.accessContext()
        return .async { .object(DocumentSource(try await refund(request, in: context))) }
    }

    /// Reads and checks the arguments; nothing is written before they pass.
    static func read(_ arguments: ArgumentValues) throws -> Request {
        Request(
            paymentId: try InputReader(arguments, "paymentId").objectID(),
            amount: try InputReader(arguments, "amount").optionalInt(in: 1...maxAmount),
            reason: try InputReader(arguments, "reason").text(maxLength: maxReasonLength))
    }

    static func refund(_ request: Request, in context: AccessContext) async throws -> BSONDocument {
        let visible = try await context.collection(.payments).findOne(
            context.restrict(["_id": .objectID(request.paymentId)], in: .payments),
            options: FindOptions(projection: ["_id": 1]))
        guard visible != nil else { throw NotFoundError(argument: "paymentId", what: "payment") }
        return try await LifecycleWrite.run(in: context) { write in
            try await apply(request, write: write)
        }
    }

    static func apply(_ request: Request, write: LifecycleWrite) async throws -> BSONDocument {
        let id: BSONValue = .objectID(request.paymentId)
        guard let payment = try await write.findOne(["_id": id], in: .payments) else {
            throw NotFoundError(argument: "paymentId", what: "payment")
        }
        let status = (try? payment["status", as: String.self]) ?? "unknown"
        guard status == "succeeded" else {
            throw ConflictError(
                "Only a SUCCEEDED payment can be refunded; this one is \(status.uppercased()).",
                currentStatus: status.uppercased())
        }
        guard let paid = RatingAverage.integer(payment["amount"]) else {
            throw ConflictError("The payment has no amount to refund.", currentStatus: "SUCCEEDED")
        }
        let before = RatingAverage.integer(payment["refundAmount"]) ?? 0
        let left = paid - before
        let amount = request.amount.map(Int64.init) ?? left
        guard amount <= left else {
            throw UserInputError(
                argument: "amount", "must be at most \(left) (the cents not yet refunded of \(paid)); got \(amount)")
        }
        let total = before + amount
        var set: BSONDocument = [
            "refundAmount": .int64(total), "refundedAt": .date(write.now), "refundReason": .string(request.reason),
            "updatedAt": .date(write.now),
        ]
        if total == paid { set["status"] = "refunded" }
        let refund: BSONDocument = [
            "amount": .int64(amount), "reason": .string(request.reason), "at": .date(write.now),
            "by": write.context.principal.userID.map(BSONValue.objectID) ?? .null,
        ]
        guard
            let updated = try await write.update(
                [
                    "_id": id, "status": "succeeded", "amount": payment["amount"] ?? .null,
                    "refundAmount": payment["refundAmount"] ?? .null,
                ],
                ["$set": .document(set), "$push": ["refunds": .document(refund)]], in: .payments)
        else {
            throw ConflictError(
                "Another refund of this payment was recorded meanwhile; read it again.", currentStatus: "SUCCEEDED")
        }
        try await write.audit("payment.refund", .payments, request.paymentId, fields: set.keys + ["refunds"])
        return updated
    }
}
