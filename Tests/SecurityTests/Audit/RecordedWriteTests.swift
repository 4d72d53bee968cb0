import DataModel
import MongoStore
import Testing

@testable import Security

@Suite("The audit entry of a write")
struct RecordedWriteTests {
    @Test("names the actor, key, request, entity and the fields set; never a value")
    func namesOnly() throws {
        let user = ObjectID()
        let key = ObjectID()
        let rescue = ObjectID()
        let entry = RecordedWrite(
            userId: user, keyId: key, requestId: ObjectID(), action: "rescue.create", collection: .rescueRequests,
            entityId: rescue, fields: ["pickupLocation", "description"], otherCollections: [.rescueStatusHistories],
            at: .now(), ipAddress: "10.0.0.1", userAgent: String(repeating: "a", count: 600)
        ).document
        #expect(entry["userId"] == .objectID(user))
        #expect(entry["action"] == "rescue.create")
        #expect(entry["entity"] == "rescuerequests")
        #expect(entry["entityId"] == .objectID(rescue))
        let changes = try #require(try entry["changes", as: BSONDocument.self])
        #expect(changes["fields"] == ["pickupLocation", "description"])
        #expect(changes["collections"] == ["rescuestatushistories"])
        #expect(changes["apiKeyId"] == .objectID(key))
        #expect(try entry["userAgent", as: String.self]?.count == 512)
        #expect(entry["createdAt"]?.typeName == "date")
    }

    @Test("a trusted tool's write has no user and no key")
    func trusted() throws {
        let entry = RecordedWrite(
            userId: nil, keyId: nil, requestId: ObjectID(), action: "rescue.move", collection: .rescueRequests,
            entityId: ObjectID(), fields: ["status"], at: .now()
        ).document
        #expect(entry["userId"] == .null)
        #expect(try entry["changes", as: BSONDocument.self]?["apiKeyId"] == .null)
        #expect(entry["ipAddress"] == nil)
    }
}
