import GraphQLEngine
import Testing

/// The request cost of `Schema.graphql`'s fields that make the database read
/// many documents (`@cost(weight:)`, README "Limits"): with the default limits
/// no request can reach more than about `maxCost` documents through them,
/// however many aliases it repeats them under.
@Suite("Schema.graphql's cost weights")
struct SchemaCostTests {
    static func errors(_ query: String) throws -> [String] {
        let schema = try SchemaFileTests.buildFileSchema()
        return QueryLimits().check(try Parser.parse(query), schema: schema, variables: [:]).compactMap(\.code)
    }

    static func cost(_ query: String) throws -> Int? {
        let schema = try SchemaFileTests.buildFileSchema()
        return QueryLimits().estimatedCost(of: try Parser.parse(query), schema: schema, variables: [:])
    }

    static let near = "near: { latitude: 40.7, longitude: -74.0 }"

    @Test("nearbyDrivers costs the 5,000 candidates its database query can read, whatever `first` asks")
    func nearbyDriversCostsItsCandidates() throws {
        #expect(try Self.cost("{ nearbyDrivers(\(Self.near), first: 1) { id } }") == 5000 + 1)
    }

    @Test("thirty aliases of nearbyDrivers (150,000 candidate reads) are refused; nine fit under the limit")
    func aliasedNearbyDriversAreRefused() throws {
        func aliases(_ count: Int) -> String {
            "{ " + (0..<count).map { "n\($0): nearbyDrivers(\(Self.near), first: 1) { id }" }.joined(separator: " ")
                + " }"
        }
        #expect(try Self.errors(aliases(30)) == ["MAX_COST_EXCEEDED"])
        #expect(try Self.errors(aliases(9)) == [])
    }

    @Test("every connection's totalCount is weighted as the count it makes the database run")
    func everyTotalCountIsWeighted() throws {
        let schema = try SchemaFileTests.buildFileSchema()
        var connections = 0
        for type in SchemaFileTests.ownTypes(of: schema) where type.name.hasSuffix("Connection") {
            guard let totalCount = type.fields?.first(where: { $0.name == "totalCount" }) else { continue }
            connections += 1
            #expect(!totalCount.directives(named: "cost").isEmpty, "\(type.name).totalCount has no @cost")
        }
        #expect(connections > 0)
    }
}
