import GraphQLEngine
public import Security

/// Where the field pipeline puts what it must have on record (support and
/// admin reads of personal data, staff writes to another user's data), and
/// what it does when the record cannot be made.
///
/// With `isRequired` (production), what would go unrecorded is refused instead
/// of served: a field error `AUDIT_UNAVAILABLE` while the recorder's last write
/// failed or its queue is full. Without it (development, tests), the field is
/// served and the loss is only counted (`/metrics`), as before. Nothing is
/// refused for callers whose reads are not audited (riders and drivers).
public struct FieldAudit: Sendable {
    public let recorder: PersonalDataAuditRecorder?
    public let isRequired: Bool

    public init(recorder: PersonalDataAuditRecorder?, isRequired: Bool = false) {
        self.recorder = recorder
        self.isRequired = isRequired
    }

    /// No audit (tests, a laptop's demo data).
    public static let none = FieldAudit(recorder: nil)

    /// Notes a personal-data read; refuses it when it is required and cannot be recorded.
    func record(_ read: PersonalDataRead) throws(GraphQLError) {
        guard let recorder else { return }
        if isRequired {
            guard recorder.isWriting, recorder.record(read) else { throw SecurityErrors.auditUnavailable }
        } else {
            recorder.record(read)
        }
    }

    /// Before an audited write: refuses it when it is required and the
    /// recorder could not take a new entry now.
    func ensureRecording() throws(GraphQLError) {
        guard isRequired, let recorder else { return }
        if !recorder.isRecording { throw SecurityErrors.auditUnavailable }
    }

    /// Notes a write that was made (it cannot be refused any more; a loss is counted).
    func record(_ write: AuditedWrite) {
        recorder?.record(write)
    }
}
