import Enforcement
import GraphQLEngine
import MongoStore
import Security
import Testing

/// `Mutation.markNotificationRead` over HTTP: a write permission, the caller's
/// own notifications, and support's marks of other users' audited.
@Suite("Marking notifications read", .serialized)
struct NotificationWriteTests {
    static func notification(for user: ObjectID) -> BSONDocument {
        [
            "_id": .objectID(ObjectID()), "userId": .objectID(user), "type": "system", "channel": "in_app",
            "title": "Hello", "body": "A test notification", "read": false, "createdAt": .date(.now()),
        ]
    }

    static let mark = "mutation($id: ObjectID!) { markNotificationRead(id: $id) { id read } }"

    static func variables(_ document: BSONDocument) throws -> String {
        #"{"id":"\#(try document.get("_id", as: ObjectID.self).hex)"}"#
    }

    @Test("reading notifications does not let a key mark them: that takes notifications:write")
    func markingNeedsTheWritePermission() async throws {
        try await GatewayFixture.with(schema: try SecuritySchema.make()) { fixture in
            let reader = try await fixture.user(.rider, permissions: [.notificationsRead])
            let writer = try await fixture.user(.rider, permissions: [.notificationsRead, .notificationsWrite])
            let unread = Self.notification(for: reader.id)
            let own = Self.notification(for: writer.id)
            try await fixture.database.collection("notifications").insertMany([unread, own])
            try await fixture.live { client in
                let refused = try await fixture.post(
                    Self.mark, variables: try Self.variables(unread), key: reader.key, client: client)
                #expect(refused?["data", "markNotificationRead"] == .null)
                #expect(refused?["errors", 0, "extensions", "code"] == .string("FORBIDDEN"))
                guard case .string(let message)? = refused?["errors", 0, "message"] else { throw CancellationError() }
                #expect(message.contains("notifications:write"))

                let marked = try await fixture.post(
                    Self.mark, variables: try Self.variables(own), key: writer.key, client: client)
                #expect(marked?["errors"] == nil, "\(String(describing: marked))")
                #expect(marked?["data", "markNotificationRead", "read"] == .bool(true))
            }
            #expect(
                try await fixture.database.collection("notifications").findOne(["_id": unread["_id"] ?? .null])?["read"]
                    == .bool(false))
        }
    }

    @Test("a rider marks only its own; support marks anyone's, and marking another user's is audited")
    func othersNotificationsAreTheStaffsAndAudited() async throws {
        let written = AuditSink()
        let recorder = PersonalDataAuditRecorder(interval: .seconds(3600)) { await written.append($0) }
        let schema = try SecuritySchema.make(
            FieldSecurity(cipher: FieldCipher(keyRing: .development), audit: recorder, requiresAudit: true))
        try await GatewayFixture.with(schema: schema) { fixture in
            let rider = try await fixture.user(.rider)
            let other = try await fixture.user(.rider)
            let support = try await fixture.user(.support)
            let mine = Self.notification(for: rider.id)
            let theirs = Self.notification(for: other.id)
            let supports = Self.notification(for: support.id)
            try await fixture.database.collection("notifications").insertMany([mine, theirs, supports])
            try await fixture.live { client in
                let foreign = try await fixture.post(
                    Self.mark, variables: try Self.variables(theirs), key: rider.key, client: client)
                #expect(foreign?["data", "markNotificationRead"] == .null)
                let own = try await fixture.post(
                    Self.mark, variables: try Self.variables(mine), key: rider.key, client: client)
                #expect(own?["data", "markNotificationRead", "read"] == .bool(true))

                let staff = try await fixture.post(
                    Self.mark, variables: try Self.variables(theirs), key: support.key, client: client)
                #expect(staff?["errors"] == nil, "\(String(describing: staff))")
                #expect(staff?["data", "markNotificationRead", "read"] == .bool(true))
                // Support's own notification is its own business: not audited.
                let itsOwn = try await fixture.post(
                    Self.mark, variables: try Self.variables(supports), key: support.key, client: client)
                #expect(itsOwn?["data", "markNotificationRead", "read"] == .bool(true))
            }
            let notifications = fixture.database.collection("notifications")
            #expect(try await notifications.findOne(["_id": theirs["_id"] ?? .null])?["read"] == .bool(true))
            await recorder.flush()
            let entries = await written.documents
            #expect(entries.map { $0["action"] } == [.string("notification.markRead")])
            let entry = try #require(entries.first)
            #expect(entry["userId"] == .objectID(support.id))
            #expect(entry["entity"] == .string("notifications"))
            #expect(entry["entityId"] == theirs["_id"])
            guard case .document(let changes)? = entry["changes"] else { throw CancellationError() }
            #expect(changes["ownerId"] == .objectID(other.id))
            #expect(changes["read"] == .bool(true))
        }
    }
}

/// The documents an audit recorder wrote, in order.
actor AuditSink {
    private(set) var documents: [BSONDocument] = []
    func append(_ batch: [BSONDocument]) { documents += batch }
}
