import DataModel
public import MongoStore
public import Security

/// Records Twilio's message status callbacks in `twilioeventlogs`, one
/// document per message (`messageSid`, unique in `IndexCatalogue`).
///
/// The first callback of a message inserts its document; two first callbacks
/// at once cannot both insert (the unique index refuses the second, which
/// then reads the first and goes on as a later callback). Each later
/// callback is a compare-and-set on its raw status not having been
/// received yet (`receivedStatuses`): Twilio repeats a callback it got no
/// 2xx for, and a repeat changes nothing. Callbacks arrive in no guaranteed
/// order, so `status` only moves forward (`queued` → `sending` → `sent` →
/// `delivered` or `failed`); a late `sent` after `delivered` is recorded as
/// received and leaves the status alone.
///
/// What is kept of personal data: the recipient masked (`+1*****1234`) as
/// the demo data has it, and the raw parameters without `To` and `Body`.
/// Each write and its audit entry (`twilio.status`, principal
/// `webhook:twilio`) share one transaction.
public struct TwilioStatusRecorder: TwilioStatusHandler {
    public static let principal = "webhook:twilio"
    /// Parameters left out of `rawEvent`: the recipient's number and the text.
    static let withheld: Set<String> = ["To", "Body"]

    let database: MongoDatabase

    public init(database: MongoDatabase) {
        self.database = database
    }

    /// Twilio's status as the schema's `TwilioMessageStatus` stores it, and
    /// its place in the order statuses move in.
    static func stored(_ status: String) -> (status: String, rank: Int) {
        switch status {
        case "sending": ("sending", 1)
        case "sent": ("sent", 2)
        case "delivered", "read": ("delivered", 3)
        case "failed", "undelivered", "canceled": ("failed", 3)
        default: ("queued", 0)  // accepted, scheduled, queued, and statuses added later
        }
    }

    public func handle(_ callback: TwilioStatusCallback) async throws -> WebhookOutcome {
        do {
            return try await record(callback)
        } catch let error as MongoError where error.code == .duplicateKey {
            // Another first callback of the same message inserted meanwhile.
            return try await record(callback)
        }
    }

    func record(_ callback: TwilioStatusCallback) async throws -> WebhookOutcome {
        try await TrustedWrite.run(on: database, as: Self.principal) { write in
            let sid: BSONValue = .string(callback.messageSid)
            let (status, rank) = Self.stored(callback.status)
            guard let existing = try await write.findOne(["messageSid": sid], in: .twilioEventLogs),
                case .objectID(let id)? = existing["_id"]
            else {
                let id = ObjectID()
                var document: BSONDocument = [
                    "_id": .objectID(id), "messageSid": sid,
                    "type": .string(callback.messageSid.hasPrefix("VE") ? "verify" : "sms"),
                ]
                document["to"] = callback.to.map { BSONValue.string(Self.masked($0)) } ?? .null
                document["from"] = callback.from.map(BSONValue.string) ?? .null
                document["status"] = .string(status)
                for field in errorFields(callback) { document[field.key] = field.value }
                document["rawEvent"] = .document(rawEvent(callback))
                document["receivedStatuses"] = [.string(callback.status)]
                document["createdAt"] = .date(write.now)
                document["updatedAt"] = .date(write.now)
                try await write.insert(document, into: .twilioEventLogs)
                try await write.audit(
                    "twilio.status", .twilioEventLogs, id, fields: document.keys.filter { $0 != "_id" })
                return .applied
            }
            if case .array(let received)? = existing["receivedStatuses"], received.contains(.string(callback.status)) {
                return .duplicate
            }
            let current = Self.stored((try? existing["status", as: String.self]) ?? "queued").rank
            var set: BSONDocument = ["updatedAt": .date(write.now)]
            if rank > current {
                set["status"] = .string(status)
                for field in errorFields(callback) { set[field.key] = field.value }
                set["rawEvent"] = .document(rawEvent(callback))
            }
            let updated = try await write.update(
                ["_id": .objectID(id), "receivedStatuses": ["$ne": .string(callback.status)]],
                ["$set": .document(set), "$push": ["receivedStatuses": .string(callback.status)]],
                in: .twilioEventLogs)
            guard updated != nil else { return .duplicate }
            try await write.audit("twilio.status", .twilioEventLogs, id, fields: set.keys + ["receivedStatuses"])
            return rank > current ? .applied : .unmatched
        }
    }

    func errorFields(_ callback: TwilioStatusCallback) -> BSONDocument {
        [
            "errorCode": callback.errorCode.map { BSONValue.string(String($0.prefix(16))) } ?? .null,
            "errorMessage": callback.errorMessage.map { BSONValue.string(String($0.prefix(500))) } ?? .null,
        ]
    }

    /// The callback's parameters as a document, without ``withheld`` (nor
    /// names MongoDB would read as operators or paths), each value cut to
    /// 500 characters.
    func rawEvent(_ callback: TwilioStatusCallback) -> BSONDocument {
        var raw = BSONDocument()
        for parameter in callback.parameters.prefix(100)
        where !Self.withheld.contains(parameter.name) && !parameter.name.hasPrefix("$")
            && !parameter.name.contains(".")
        {
            raw[String(parameter.name.prefix(100))] = .string(String(parameter.value.prefix(500)))
        }
        return raw
    }

    /// A phone number with all but its first two and last four characters hidden.
    static func masked(_ phone: String) -> String {
        let phone = String(phone.prefix(32))
        guard phone.count > 6 else { return String(repeating: "*", count: phone.count) }
        return String(phone.prefix(2)) + String(repeating: "*", count: phone.count - 6) + String(phone.suffix(4))
    }
}
