import Enforcement
import GraphQLEngine

/// `Query.userByPhone`, `riderByEmail` and `vehicleByPlate`: the support
/// console's look-ups through the blind indexes (Enforcement's
/// `PersonalDataLookup` hashes the value, limits the search to staff and
/// records it).
enum LookupResolvers {
    static func map(lookup: PersonalDataLookup) -> ResolverMap {
        func field(_ by: PersonalDataLookup.By, _ argument: String) -> FieldResolver {
            .sync { field in
                let value = try InputReader(field.arguments, argument).text(maxLength: 254)
                let context = try field.accessContext()
                return .async {
                    guard let found = try await lookup.find(by, value, argument: argument, in: context) else {
                        return .null
                    }
                    return .object(DocumentSource(found))
                }
            }
        }
        return [
            "Query": [
                "userByPhone": field(.phoneNumber, "phoneNumber"), "riderByEmail": field(.email, "email"),
                "vehicleByPlate": field(.plateNumber, "plateNumber"),
            ]
        ]
    }
}
