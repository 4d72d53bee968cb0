/// A libmongoc handle carried into a job on a pool thread.
///
/// `@unchecked Sendable` holds because of how the handles are used, not what
/// they are: the pool (`mongoc_client_pool_t`) is thread-safe by libmongoc's
/// contract, and every other handle (client, session, cursor, change stream) is
/// used by one job at a time, which the owning type guarantees (a lease held by
/// one task, or a session's lock).
struct CPointer: @unchecked Sendable {
    let raw: OpaquePointer
    init(_ raw: OpaquePointer) { self.raw = raw }
}
