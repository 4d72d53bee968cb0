import DataModel
import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

@testable import Resolvers

extension SeededSuites {
    @Suite struct PaginationTests {
        @Test func pagesFollowEachOtherThroughCursorsAndFirstIsCapped() async throws {
            try await SeededDatabase.with { fixture in
                let query =
                    "query($after: String, $first: Int) { rescueRequests(first: $first, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }"
                var seen: [String] = []
                var totals: [JSONValue?] = []
                var after: JSONValue = .null
                var pages = 0
                while pages < 20 {
                    let response = await fixture.run(query, ["first": .int(45), "after": after])
                    #expect(response.errors.map(\.message) == [])
                    totals.append(response.data?["rescueRequests", "totalCount"])
                    seen += (response.data?["rescueRequests", "edges"]?.listValue ?? []).compactMap {
                        $0["node", "id"]?.stringValue
                    }
                    pages += 1
                    guard response.data?["rescueRequests", "pageInfo", "hasNextPage"] == .bool(true) else { break }
                    after = response.data?["rescueRequests", "pageInfo", "endCursor"] ?? .null
                }
                let total = try await fixture.collection(.rescueRequests).countDocuments()
                #expect(seen.count == total)
                #expect(Set(seen).count == total)
                // The count (read with each page) is the whole list's, whatever the cursor.
                #expect(totals.count == pages)
                #expect(totals.allSatisfy { $0 == .int(total) })
                // The one page-size limit is the engine's, configured with the others.
                let limited = GraphQLService(schema: fixture.service.schema, limits: QueryLimits(maxPageSize: 100))
                let tooMany = await limited.execute(
                    GraphQLRequest(query: query, variables: ["first": .int(101)]), context: fixture.context)
                #expect(tooMany.errors.first?.code == "PAGE_SIZE_EXCEEDED")
                let negative = await fixture.run(query, ["first": .int(-1)])
                #expect(negative.errors.first?.code == "BAD_USER_INPUT")
                let badCursor = await fixture.run(query, ["after": .string("bm90IGEgY3Vyc29y")])
                #expect(
                    badCursor.errors.first?.extensions.first { $0.key == "code" }?.value == .string("BAD_USER_INPUT"))
            }
        }
    }
}
