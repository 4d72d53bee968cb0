public import DataModel
public import MongoStore
public import Security

/// `supportcarr keys rotate`: re-encrypts every encrypted field
/// (`EncryptedField.all`) that is not under the ring's newest key (older
/// versioned keys and the legacy format alike), in batches.
///
/// Safe to interrupt and to run again:
/// - each collection is read once through one cursor (`ChunkedScan`: paging
///   by `_id` is quadratic on the embedded database), a batch at a time, and
///   each batch is written before the next is handled, so an interruption
///   loses at most the batch in flight;
/// - a value already under the newest key is left alone, so a second run
///   rewrites only what the first did not reach, and nothing is encrypted twice;
/// - each rewrite is a compare-and-set on the exact ciphertext that was read
///   (`{_id, field: old}`), so a value changed meanwhile by the gateway or a
///   Node service is not overwritten (counted in `conflicts`);
/// - each new ciphertext is decrypted again before it is written, under the
///   same binding, so a value is never replaced by one that does not open;
/// - values that cannot be decrypted are left as they are and listed in
///   `failures` (by place, never by content).
///
/// A legacy value (the Node services' format) is bound to nothing, so it
/// decrypts wherever it was put: rotation gives it the binding of the place it
/// is found in. A legacy value copied into another document or field is
/// thereby made valid there for good, so every legacy value rewritten is
/// listed in `rebound` (collection, field, document id; never the value) for
/// the operator to look over. A complete run appends a `keys.rotate` entry to
/// the audit log (`KeyRotationRecord`); when it left no legacy value behind,
/// production gateways refuse the legacy format from their next start
/// (`LegacyCiphertexts`).
public struct KeyRotator: Sendable {
    public let database: MongoDatabase
    public let cipher: FieldCipher
    public let batchSize: Int

    /// - Parameter cipher: its key ring is used; the legacy format is always
    ///   opened, whatever `cipher.legacy` says (that is how legacy values get
    ///   their binding).
    public init(database: MongoDatabase, cipher: FieldCipher, batchSize: Int = 500) {
        self.database = database
        self.cipher = FieldCipher(keyRing: cipher.keyRing, legacy: .accept)
        self.batchSize = max(1, batchSize)
    }

    /// Where a run is, after each batch.
    public struct Progress: Sendable, Hashable {
        public var collection: Collections
        /// Documents of this collection read so far, and how many it has.
        public var scanned: Int
        public var total: Int
        /// Values rewritten so far in the whole run.
        public var rotated: Int
        /// Documents read so far in the whole run.
        public var scannedInRun: Int
    }

    /// What a run did.
    public struct Report: Sendable, Hashable {
        /// Documents read.
        public var scanned = 0
        /// Values rewritten under the newest key.
        public var rotated = 0
        /// Values found already under the newest key.
        public var current = 0
        /// Values changed by someone else between the read and the write (left alone).
        public var conflicts = 0
        /// Values that could not be decrypted: `collection.field of <_id>: reason`.
        public var failures: [String] = []
        /// Legacy values rewritten under the binding of their place:
        /// `collection.field of <_id>` (a part of `rotated`).
        public var rebound: [String] = []
        /// Legacy values left in the legacy format (undecryptable, or changed
        /// meanwhile); none means the gateway may refuse the format.
        public var legacyRemaining = 0
    }

    /// The collections that hold encrypted fields.
    public static var collections: [Collections] { Collections.allCases.filter { !EncryptedField.of($0).isEmpty } }

    /// How many documents a run will read (for a progress bar).
    public func documentCount() async throws -> Int {
        var total = 0
        for collection in Self.collections {
            total += try await database.collection(collection.name).countDocuments([:])
        }
        return total
    }

    /// Rotates every encrypted field, calling `progress` after each batch, then
    /// records the complete run in the audit log (`KeyRotationRecord`).
    /// Cancelling the task stops it between batches (`CancellationError`), and
    /// records nothing.
    public func rotate(progress: @Sendable (Progress) async -> Void = { _ in }) async throws -> Report {
        var report = Report()
        for collection in Self.collections {
            try await rotate(collection, into: &report, progress: progress)
        }
        try await KeyRotationRecord(
            newestKeyId: cipher.keyRing.current.id, scanned: report.scanned, rotated: report.rotated,
            legacyRebound: report.rebound.count, legacyRemaining: report.legacyRemaining,
            conflicts: report.conflicts, failures: report.failures.count, at: .now()
        ).write(to: database)
        return report
    }

    func rotate(_ collection: Collections, into report: inout Report, progress: @Sendable (Progress) async -> Void)
        async throws
    {
        let fields = EncryptedField.of(collection)
        let handle = database.collection(collection.name)
        let total = try await handle.countDocuments([:])
        var projection: BSONDocument = ["_id": 1]
        for field in fields { projection[field.field] = 1 }
        var scanned = 0
        try await ChunkedScan(handle, projection: projection, chunkSize: batchSize).forEachChunk { documents in
            scanned += documents.count
            report.scanned += documents.count
            var writes: [WriteModel] = []
            var legacy: [Rewrite] = []
            for document in documents {
                for field in fields {
                    guard case .string(let stored)? = document[field.field] else { continue }
                    switch rewrite(stored, of: field, in: document) {
                    case .current: report.current += 1
                    case .failed(let reason, let isLegacy):
                        report.failures.append(reason)
                        if isLegacy { report.legacyRemaining += 1 }
                    case .rewrite(let rewrite):
                        writes.append(rewrite.model)
                        if rewrite.isLegacy { legacy.append(rewrite) }
                    }
                }
            }
            if !writes.isEmpty {
                let result = try await handle.bulkWrite(writes, ordered: false)
                report.rotated += result.modifiedCount
                report.conflicts += writes.count - result.matchedCount
                try await noteRebound(legacy, allMatched: result.matchedCount == writes.count, in: handle, &report)
            }
            await progress(
                Progress(
                    collection: collection, scanned: scanned, total: total, rotated: report.rotated,
                    scannedInRun: report.scanned))
        }
    }

    /// Which of a batch's legacy rewrites landed: all of them when every
    /// write matched, else those whose place now holds the new ciphertext (a
    /// conflict is rare, so the batch is read back only then).
    func noteRebound(
        _ legacy: [Rewrite], allMatched: Bool, in handle: MongoCollection, _ report: inout Report
    ) async throws {
        for rewrite in legacy {
            var landed = allMatched
            if !landed {
                landed =
                    try await handle.countDocuments([
                        "_id": .objectID(rewrite.id), rewrite.field.field: .string(rewrite.fresh),
                    ]) > 0
            }
            if landed {
                report.rebound.append(rewrite.place)
            } else {
                report.legacyRemaining += 1
            }
        }
    }

    /// One value's rewrite: the compare-and-set, and what it re-encrypts.
    struct Rewrite {
        var model: WriteModel
        var id: ObjectID
        var field: EncryptedField
        var fresh: String
        /// The value was in the legacy format (it gets a binding now).
        var isLegacy: Bool
        var place: String { "\(field) of \(id.hex)" }
    }

    enum Step {
        case current
        case failed(String, isLegacy: Bool)
        case rewrite(Rewrite)
    }

    /// What to do with one stored value.
    func rewrite(_ stored: String, of field: EncryptedField, in document: BSONDocument) -> Step {
        let parsed = try? StoredCiphertext(parsing: stored)
        let isLegacy = parsed.map { $0.keyId == nil } ?? false
        guard case .objectID(let id)? = document["_id"] else {
            return .failed("\(field) of a document whose _id is not an ObjectId", isLegacy: isLegacy)
        }
        let place = "\(field) of \(id.hex)"
        do {
            let parsed = try StoredCiphertext(parsing: stored)
            if parsed.keyId == cipher.keyRing.current.id { return .current }
            let binding = field.binding(documentId: id)
            let plaintext = try cipher.decryptBytes(stored, for: binding)
            let fresh = try cipher.encrypt(plaintext, for: binding)
            guard try cipher.decryptBytes(fresh, for: binding) == plaintext else {
                return .failed("\(place): the new ciphertext did not open", isLegacy: isLegacy)
            }
            return .rewrite(
                Rewrite(
                    model: .updateOne(
                        filter: ["_id": .objectID(id), field.field: .string(stored)],
                        update: ["$set": [field.field: .string(fresh)]]),
                    id: id, field: field, fresh: fresh, isLegacy: isLegacy))
        } catch {
            return .failed("\(place): \(error)", isLegacy: isLegacy)
        }
    }
}
