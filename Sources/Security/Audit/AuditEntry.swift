import DataModel
import MongoStore

/// What `PersonalDataAuditRecorder` keeps until its next flush: a read of
/// personal data (merged per document and request), a staff write (one entry
/// each), or the note of entries the recorder lost (`MergingBatchBuffer`'s
/// loss entry, written first in the next batch that can be written).
enum AuditEntry: Sendable {
    case read(PersonalDataRead)
    case write(AuditedWrite)
    case lost(dropped: Int, failed: Int64, at: BSONDate)

    /// What entries merge on: reads of one document in one request; writes never.
    enum Key: Sendable, Hashable {
        case read(PersonalDataRead.Key)
        case write(ObjectID)
        case lost
    }

    /// The action of the loss note.
    static let lostAction = "audit.lost"

    /// How many audit entries this is, for the counters: the loss note is not one.
    var weight: Int64 {
        if case .lost = self { 0 } else { 1 }
    }

    /// The `auditlogs` document.
    ///
    /// The loss note (action `audit.lost`, no user: the system's own) names
    /// `auditlogs` as its entity and says in `changes` how many entries were
    /// dropped with the queue full (`droppedEntries`) and lost with failed
    /// writes (`lostEntries`) since the last note, so a gap in the audit log is
    /// itself on record.
    var document: BSONDocument {
        switch self {
        case .read(let read): read.document
        case .write(let write): write.document
        case .lost(let dropped, let failed, let at):
            [
                "_id": .objectID(ObjectID()), "userId": .null, "action": .string(Self.lostAction),
                "entity": .string(Collections.auditLogs.name),
                "changes": ["droppedEntries": .int64(Int64(dropped)), "lostEntries": .int64(failed)],
                "createdAt": .date(at),
            ]
        }
    }
}
