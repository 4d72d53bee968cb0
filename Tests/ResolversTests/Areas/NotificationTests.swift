import DataModel
import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

@testable import Resolvers

extension SeededSuites {
    @Suite struct NotificationTests {
        @Test func markingANotificationReadSetsReadOnceAndReturnsIt() async throws {
            try await SeededDatabase.with { fixture in
                let unread = try #require(try await fixture.collection(.notifications).findOne(["read": false]))
                guard case .objectID(let id)? = unread["_id"] else { throw CancellationError() }
                let mutation = "mutation { markNotificationRead(id: \"\(id.hex)\") { id read readAt } }"
                let first = await fixture.run(mutation)
                #expect(first.errors.map(\.message) == [])
                #expect(first.data?["markNotificationRead", "read"] == .bool(true))
                let readAt = try #require(first.data?["markNotificationRead", "readAt"]?.stringValue)
                let again = await fixture.run(mutation)
                #expect(again.data?["markNotificationRead", "readAt"]?.stringValue == readAt)
                let stored = try await fixture.collection(.notifications).findOne(["_id": .objectID(id)])
                #expect(stored?["read"] == .bool(true))
            }
        }
    }
}
