import DataModel
import MongoStore
import Security
import Testing

@testable import SupportCarrData

/// Checks over a whole seeded data set, whether it came from the in-memory sink
/// or was read back from the database.
struct DemoDataChecks {
    let documents: [Collections: [BSONDocument]]

    func all(_ collection: Collections) -> [BSONDocument] { documents[collection] ?? [] }

    func ids(_ collection: Collections) -> Set<ObjectID> {
        Set(all(collection).compactMap { try? $0.get("_id", as: ObjectID.self) })
    }

    /// Every reference points at an existing document of the right collection.
    func referentialIntegrity() throws {
        let users = ids(.users)
        let riders = ids(.riderProfiles)
        let drivers = ids(.driverProfiles)
        let rescues = ids(.rescueRequests)
        func expectAll(_ collection: Collections, _ field: String, in target: Set<ObjectID>, optional: Bool = false)
            throws
        {
            for doc in all(collection) {
                guard let id = try doc[field, as: ObjectID.self] else {
                    if !optional { Issue.record("\(collection).\(field) missing") }
                    continue
                }
                #expect(target.contains(id), "\(collection).\(field) \(id) dangles")
            }
        }
        try expectAll(.riderProfiles, "userId", in: users)
        try expectAll(.driverProfiles, "userId", in: users)
        try expectAll(.vehicles, "driverId", in: drivers)
        try expectAll(.rescueRequests, "riderId", in: riders)
        try expectAll(.rescueRequests, "cancelledBy", in: users, optional: true)
        try expectAll(.rescueAssignments, "rescueId", in: rescues)
        try expectAll(.rescueAssignments, "driverId", in: drivers)
        try expectAll(.payments, "rescueId", in: rescues)
        try expectAll(.payments, "riderId", in: riders)
        try expectAll(.payments, "driverId", in: drivers)
        try expectAll(.payouts, "driverId", in: drivers)
        try expectAll(.ratings, "rescueId", in: rescues)
        try expectAll(.ratings, "fromUserId", in: users)
        try expectAll(.ratings, "toUserId", in: users)
        try expectAll(.paymentMethods, "riderId", in: riders)
        try expectAll(.apiKeys, "userId", in: users)
        try expectAll(.notifications, "userId", in: users)
        try expectAll(.auditLogs, "userId", in: users)
        try expectAll(.driverStats, "driverId", in: drivers)
        try expectAll(.driverAvailabilityLogs, "driverId", in: drivers)
        try expectAll(.rescueStatusHistories, "rescueId", in: rescues)
        try expectAll(.rescueStatusHistories, "changedBy", in: users)
        for payout in all(.payouts) {
            for value in try payout.get("rescueIds", as: [ObjectID].self) {
                #expect(rescues.contains(value))
            }
        }
        // A payment and its rescue agree on rider; its driver is the assignment's.
        let rescueById = Dictionary(
            uniqueKeysWithValues: all(.rescueRequests).map { (try! $0.get("_id", as: ObjectID.self), $0) })
        let assignmentByRescue = Dictionary(
            uniqueKeysWithValues: all(.rescueAssignments).map { (try! $0.get("rescueId", as: ObjectID.self), $0) })
        for payment in all(.payments) {
            let rescueId = try payment.get("rescueId", as: ObjectID.self)
            let rescue = try #require(rescueById[rescueId])
            #expect(try rescue.get("riderId", as: ObjectID.self) == payment.get("riderId", as: ObjectID.self))
            #expect(try rescue.get("status", as: String.self) == "completed")
            let assignment = try #require(assignmentByRescue[rescueId])
            #expect(try assignment.get("driverId", as: ObjectID.self) == payment.get("driverId", as: ObjectID.self))
        }
    }

    /// Amounts are integer cents; breakdown lines sum to the amount; the fee is 20%.
    func money() throws {
        for payment in all(.payments) {
            let amount = try payment.get("amount", as: Int.self)
            let fee = try payment.get("platformFee", as: Int.self)
            let payout = try payment.get("driverPayout", as: Int.self)
            #expect(amount == fee + payout)
            #expect(abs(fee * 100 - amount * 20) <= 50)
            let breakdown = try payment.get("breakdown", as: BSONDocument.self)
            let sum =
                try breakdown.get("basePrice", as: Int.self) + breakdown.get("distanceFee", as: Int.self)
                + breakdown.get("timeFee", as: Int.self) + (breakdown["surgeFee", as: Int.self] ?? 0)
                - (breakdown["discount", as: Int.self] ?? 0) + breakdown.get("tax", as: Int.self)
            #expect(sum == amount)
            if case .double = payment["amount"] { Issue.record("amount stored as a double") }
        }
        // A payout is the sum of its rescues' succeeded driver payouts.
        let paymentByRescue = Dictionary(
            uniqueKeysWithValues: all(.payments).map { (try! $0.get("rescueId", as: ObjectID.self), $0) })
        for payout in all(.payouts) {
            var total = 0
            for rescueId in try payout.get("rescueIds", as: [ObjectID].self) {
                let payment = try #require(paymentByRescue[rescueId])
                #expect(try payment.get("status", as: String.self) == "succeeded")
                total += try payment.get("driverPayout", as: Int.self)
            }
            #expect(try payout.get("amount", as: Int.self) == total)
        }
    }

    /// No plaintext of an encrypted field appears anywhere, in any collection.
    func noPlaintext(of plaintexts: [String]) {
        let needles = Set(plaintexts.filter { $0.count >= 4 })
        var strings: [String] = []
        func collect(_ value: BSONValue) {
            switch value {
            case .string(let text): strings.append(text)
            case .document(let doc): doc.values.forEach(collect)
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        for (_, docs) in documents { for doc in docs { collect(.document(doc)) } }
        var leaks = 0
        for text in strings {
            for needle in needles where text.contains(needle) {
                leaks += 1
                if leaks < 5 { Issue.record("plaintext of an encrypted field found in a stored string") }
            }
        }
        #expect(leaks == 0)
    }

    /// Every encrypted field decrypts under its own binding.
    func encryptedFieldsDecrypt(with cipher: FieldCipher) throws {
        var seen = Set<EncryptedField>()
        defer { #expect(seen == Set(EncryptedField.all), "some encrypted field never written") }
        for field in EncryptedField.all {
            for doc in all(field.collection) {
                guard let stored = try doc[field.field, as: String.self] else { continue }
                #expect(stored.hasPrefix("v1:"))
                seen.insert(field)
                let id = try doc.get("_id", as: ObjectID.self)
                _ = try cipher.decrypt(stored, for: field.binding(documentId: id))
            }
        }
    }
}
