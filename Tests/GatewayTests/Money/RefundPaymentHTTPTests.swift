import DataModel
import Gateway
import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

/// `refundPayment` over HTTP: partial then full, never past what was paid,
/// support and admin only, audited.
@Suite("Refunding a payment over HTTP", .serialized)
struct RefundPaymentHTTPTests {
    static let refund = """
        mutation($id: ObjectID!, $amount: Int, $reason: String!) {
          refundPayment(paymentId: $id, amount: $amount, reason: $reason) { id status amount refundAmount refundedAt }
        }
        """

    static func variables(_ payment: ObjectID, _ amount: Int?, reason: String = "Rider was overcharged") -> String {
        #"{"id":"\#(payment.hex)","amount":\#(amount.map(String.init) ?? "null"),"reason":"\#(reason)"}"#
    }

    static func code(_ response: JSONValue?) -> JSONValue? { response?["errors", 0, "extensions", "code"] }

    @Test("a partial refund, one over what is left (refused), then the rest: REFUNDED, and nothing more after")
    func partialThenFull() async throws {
        try await GatewayFixture.with(configuration: .money, schema: try SecuritySchema.make()) { fixture in
            _ = try await Migrator().migrate(fixture.database)
            let parties = try await MoneyParties.make(in: fixture)
            let (payment, _) = try await parties.payment(in: fixture.database, amount: 5000)
            let support = try await fixture.user(.support)
            try await fixture.live { client in
                let part = try await fixture.post(
                    Self.refund, variables: Self.variables(payment, 2000), key: support.key, client: client)
                #expect(part?["errors"] == nil, "\(String(describing: part))")
                #expect(part?["data", "refundPayment", "status"] == "SUCCEEDED")
                #expect(part?["data", "refundPayment", "refundAmount"] == .int(2000))
                #expect(part?["data", "refundPayment", "refundedAt"] != .null)
                let over = try await fixture.post(
                    Self.refund, variables: Self.variables(payment, 3001), key: support.key, client: client)
                #expect(Self.code(over) == "BAD_USER_INPUT")
                #expect(over?["errors", 0, "extensions", "argument"] == "amount")
                let zero = try await fixture.post(
                    Self.refund, variables: Self.variables(payment, 0), key: support.key, client: client)
                #expect(Self.code(zero) == "BAD_USER_INPUT")
                let blank = try await fixture.post(
                    Self.refund, variables: Self.variables(payment, 1, reason: "  "), key: support.key,
                    client: client)
                #expect(blank?["errors", 0, "extensions", "argument"] == "reason")
                let rest = try await fixture.post(
                    Self.refund, variables: Self.variables(payment, nil), key: support.key, client: client)
                #expect(rest?["data", "refundPayment", "status"] == "REFUNDED")
                #expect(rest?["data", "refundPayment", "refundAmount"] == .int(5000))
                let more = try await fixture.post(
                    Self.refund, variables: Self.variables(payment, 1), key: fixture.apiKey, client: client)
                #expect(Self.code(more) == "CONFLICT")
                #expect(more?["errors", 0, "extensions", "currentStatus"] == "REFUNDED")
            }
            let stored = try #require(
                try await fixture.database.collection(.payments).findOne(["_id": .objectID(payment)]))
            #expect(try stored["refundAmount", as: Int.self] == 5000)
            #expect(try stored["refunds", as: [BSONValue].self]?.count == 2)
            let audit = try await fixture.database.collection(.auditLogs).find(["action": "payment.refund"])
            #expect(audit.count == 2)
            #expect(audit.allSatisfy { $0["userId"] == .objectID(support.id) })
            // The reason is the payment's; the audit entry names fields only.
            #expect(audit.allSatisfy { !$0.relaxedExtendedJSON.contains("overcharged") })
        }
    }

    @Test("riders and drivers may not refund; a pending payment cannot be; an unknown id is NOT_FOUND")
    func refusals() async throws {
        try await GatewayFixture.with(configuration: .money, schema: try SecuritySchema.make()) { fixture in
            _ = try await Migrator().migrate(fixture.database)
            let parties = try await MoneyParties.make(in: fixture)
            let (paid, _) = try await parties.payment(in: fixture.database)
            let (pending, _) = try await parties.payment(in: fixture.database, status: "pending")
            try await fixture.live { client in
                for key in [parties.rider.key, parties.driver.key] {
                    let answer = try await fixture.post(
                        Self.refund, variables: Self.variables(paid, 100), key: key, client: client)
                    #expect(Self.code(answer) == "FORBIDDEN")
                }
                let early = try await fixture.post(
                    Self.refund, variables: Self.variables(pending, 100), key: fixture.apiKey, client: client)
                #expect(Self.code(early) == "CONFLICT")
                let unknown = try await fixture.post(
                    Self.refund, variables: Self.variables(ObjectID(), 100), key: fixture.apiKey, client: client)
                #expect(Self.code(unknown) == "NOT_FOUND")
            }
            let untouched = try await fixture.database.collection(.payments).countDocuments([
                "refundAmount": ["$exists": true]
            ])
            #expect(untouched == 0)
        }
    }
}
