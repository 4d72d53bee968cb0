import DataModel
import GraphQLEngine
import MongoStore
import SupportCarrData
import Testing

@testable import Resolvers

extension SeededSuitesTwo {
    /// Every field of every entity read through its root lookup, on several
    /// seeded documents per collection: a stored name that differs from the
    /// schema's, or a relationship resolver that fails, shows up as an error.
    @Suite struct EveryFieldTests {
        static let lookups: [(field: String, type: String, collection: Collections)] = [
            ("user", "User", .users), ("riderProfile", "RiderProfile", .riderProfiles),
            ("driverProfile", "DriverProfile", .driverProfiles), ("vehicle", "Vehicle", .vehicles),
            ("rescueRequest", "RescueRequest", .rescueRequests),
            ("rescueAssignment", "RescueAssignment", .rescueAssignments),
            ("payment", "Payment", .payments), ("payout", "Payout", .payouts), ("rating", "Rating", .ratings),
            ("paymentMethod", "PaymentMethod", .paymentMethods), ("apiKey", "APIKey", .apiKeys),
            ("notification", "Notification", .notifications), ("auditLog", "AuditLog", .auditLogs),
            ("driverStats", "DriverStats", .driverStats),
            ("driverAvailabilityLog", "DriverAvailabilityLog", .driverAvailabilityLogs),
            ("rescueStatusHistory", "RescueStatusHistory", .rescueStatusHistories),
            ("twilioEventLog", "TwilioEventLog", .twilioEventLogs),
        ]

        /// A selection of every field of `type`: leaves as they are, value objects
        /// recursively, entities and connections by their `id`/`totalCount`.
        /// Encrypted object fields (`bankDetails`) are selected too: they decrypt
        /// to their object.
        static func selection(of typeName: String, in schema: GraphQLSchema, depth: Int = 0) -> String {
            guard let type = schema.type(named: typeName) else { return "" }
            let fields: [GraphQLField]
            switch type {
            case .object(let object): fields = object.fields
            case .interface(let interface): fields = interface.fields
            default: return ""
            }
            var parts: [String] = []
            for field in fields where field.arguments.allSatisfy({ $0.defaultValue != nil || !$0.type.isNonNull }) {
                let named = field.type.namedTypeName
                switch schema.type(named: named) {
                case .scalar?, .enumType?:
                    parts.append(field.name)
                case .interface?:
                    parts.append("\(field.name) { id }")
                case .object(let object)?:
                    if named.hasSuffix("Connection") {
                        parts.append("\(field.name) { totalCount edges { cursor node { id } } }")
                    } else if object.field(named: "id") != nil {
                        parts.append("\(field.name) { id }")
                    } else if depth < 3 {
                        parts.append("\(field.name) { \(selection(of: named, in: schema, depth: depth + 1)) }")
                    }
                default:
                    break
                }
            }
            return parts.joined(separator: " ")
        }

        @Test func everyFieldOfEveryEntityResolvesFromASeededDatabase() async throws {
            try await SeededDatabase.with { fixture in
                let schema = fixture.service.schema.schema
                for lookup in Self.lookups {
                    let documents = try await fixture.collection(lookup.collection).find(
                        [:], options: FindOptions(limit: 5))
                    #expect(!documents.isEmpty, "\(lookup.collection) is seeded")
                    let selection = Self.selection(of: lookup.type, in: schema)
                    for document in documents {
                        guard case .objectID(let id)? = document["_id"] else { continue }
                        let response = await fixture.run("{ \(lookup.field)(id: \"\(id.hex)\") { \(selection) } }")
                        #expect(response.errors.map { "\($0.path): \($0.message)" } == [], "\(lookup.type) \(id.hex)")
                        #expect(response.data?[lookup.field, "id"] == .string(id.hex))
                    }
                }
            }
        }
    }
}
