import DataModel
import MongoStore

/// Notifications, audit entries and Twilio SMS logs. None of them carries a
/// plaintext of an encrypted field: notification texts name no one, audit
/// entries list field names only, and SMS logs keep a masked number.
extension DemoRun {
    /// Notifications live 30 days (TTL), so only recent rescues still have them.
    static let notificationWindow: Int64 = 29 * DemoTime.day

    func addRescueMessages(
        rescueId: ObjectID, riderIndex: Int, driverIndex: Int?, reached: Int, status: String, timeline: Timeline,
        price: DemoPrice, kind: String, cancelledAt: Int64?, cancelledBy: ObjectID?
    ) {
        let rider = cast.riders[riderIndex].person
        if timeline.at[0] >= asOf - Self.notificationWindow {
            if reached >= 1, let driverIndex {
                let driver = cast.drivers[driverIndex].person
                addNotification(
                    to: driver, type: "rescue", channel: "push", title: "New rescue request",
                    body: "\(kind.replacingOccurrences(of: "_", with: " ").capitalized) nearby. Tap to accept.",
                    data: ["rescueId": .objectID(rescueId)], at: timeline.at[1])
                addNotification(
                    to: rider, type: "rescue", channel: "push", title: "Driver matched",
                    body: "A driver is heading to your pickup.", data: ["rescueId": .objectID(rescueId)],
                    at: timeline.at[1])
            }
            if reached >= 4, driverIndex != nil {
                addNotification(
                    to: rider, type: "rescue", channel: "sms", title: "Driver arrived",
                    body: "Your SupportCarr driver has arrived.", data: ["rescueId": .objectID(rescueId)],
                    at: timeline.at[4])
            }
            if status == "completed" {
                let dollars = "\(price.amount / 100).\(DemoCast.padded(price.amount % 100, 2))"
                addNotification(
                    to: rider, type: "payment", channel: "email", title: "Your receipt",
                    body: "Rescue complete. Total charged: $\(dollars).", data: ["rescueId": .objectID(rescueId)],
                    at: timeline.at[6])
            }
            if let cancelledAt, status == "cancelled" {
                addNotification(
                    to: rider, type: "rescue", channel: "in_app", title: "Rescue cancelled",
                    body: "Your rescue request was cancelled.", data: ["rescueId": .objectID(rescueId)], at: cancelledAt
                )
            }
        }
        if let cancelledAt, let cancelledBy {
            addAudit(
                by: cancelledBy, action: "rescue.cancel", entity: .rescueRequests, entityId: rescueId,
                changes: ["status": ["from": .string(Self.stages[reached]), "to": "cancelled"]], at: cancelledAt,
                console: false)
        }
        // Support looks up a rider's contact details now and then: a PII read.
        if !cast.support.isEmpty, random.chance(0.06) {
            let agent = random.pick(Array(cast.support))
            addAudit(
                by: agent.userId, action: "pii.read", entity: .riderProfiles,
                entityId: cast.riders[riderIndex].profileId,
                changes: ["fields": ["name", "email"], "rescueId": .objectID(rescueId)],
                at: timeline.at[0] + minutes(5...120), console: true)
        }
    }

    func addNotification(
        to person: DemoCast.Person, type: String, channel: String, title: String, body: String, data: BSONDocument,
        at: Int64
    ) {
        let id = newId(at: at)
        var doc: BSONDocument = [
            "_id": .objectID(id), "userId": .objectID(person.userId), "type": .string(type),
            "channel": .string(channel),
            "title": .string(title), "body": .string(body), "data": .document(data),
        ]
        let read = at < asOf - DemoTime.hour && random.chance(0.7)
        doc["read"] = .bool(read)
        if read { doc["readAt"] = .date(ms: min(asOf, at + minutes(1...600))) }
        doc["sentAt"] = .date(ms: at + Int64(random.int(0...5)) * DemoTime.second)
        doc["createdAt"] = .date(ms: at)
        emit(.notifications, doc)
        if channel == "sms" {
            addTwilio(to: person.phoneNumber, type: "sms", body: "SupportCarr: \(body)", at: at)
        }
    }

    func addAudit(
        by userId: ObjectID, action: String, entity: Collections, entityId: ObjectID, changes: BSONDocument, at: Int64,
        console: Bool
    ) {
        let doc: BSONDocument = [
            "_id": .objectID(newId(at: at)), "userId": .objectID(userId), "action": .string(action),
            "entity": .string(entity.name), "entityId": .objectID(entityId), "changes": .document(changes),
            // Documentation address ranges (RFC 5737), never real hosts.
            "ipAddress": .string(
                console ? "203.0.113.\(random.int(1...254))" : "198.51.100.\(random.int(1...254))"),
            "userAgent": .string(
                console
                    ? DemoVocabulary.userAgents[2]
                    : random.pick([
                        DemoVocabulary.userAgents[0], DemoVocabulary.userAgents[1], DemoVocabulary.userAgents[3],
                    ])),
            "createdAt": .date(ms: at),
        ]
        emit(.auditLogs, doc)
    }

    /// An SMS (or verification) as Twilio's status callback reported it.
    func addTwilio(to phone: String, type: String, body: String, at: Int64) {
        twilioCounter += 1
        let sid = (type == "verify" ? "VE" : "SM") + random.hex(16) + DemoCast.padded(twilioCounter, 16)
        let status = random.weighted([("delivered", 90), ("sent", 4), ("failed", 3), ("queued", 1), ("sending", 2)])
        var doc: BSONDocument = [
            "_id": .objectID(newId(at: at)), "messageSid": .string(sid), "type": .string(type),
            "to": .string(masked(phone)), "from": "+18885550100", "body": .string(body), "status": .string(status),
        ]
        if status == "failed" {
            doc["errorCode"] = "30003"
            doc["errorMessage"] = "Unreachable destination handset"
        }
        doc["rawEvent"] = [
            "MessageSid": .string(sid), "MessageStatus": .string(status),
            "AccountSid": "AC00000000000000000000000000demo",
            "ApiVersion": "2010-04-01",
        ]
        doc["createdAt"] = .date(ms: at)
        emit(.twilioEventLogs, doc)
    }
}
