public import MongoStore
public import Security

/// Authentication by API key (`Authorization: Bearer` or `X-API-Key`), then the
/// caller's row scope.
///
/// Database cost per request, before any resolver runs:
/// - the key: one `apikeys` aggregate by prefix that also brings the user's
///   role and profile ids (`APIKeyRepository.candidate`; the usage counters
///   are written later, batched);
/// - support and admin: nothing more (they see every row);
/// - riders and drivers: two indexed, id-projected queries, one after the
///   other: the own rescue ids (`rescuerequests` by `riderId`, or
///   `rescueassignments` by `driverId`) and the counterpart ids (`distinct
///   driverId` of those rescues' assignments, or `distinct riderId` of those
///   rescues). The lists grow with the person's own rescues only. (One
///   `$lookup` chain could fetch both, but SecantusDB does not match a
///   `localField` that is an array path, so they stay two plain queries.)
///
/// The lists are loaded for every request because `visibilityFilter(for:)` is
/// synchronous and any level of a query may touch any collection. Nothing is
/// cached between requests: a rescue accepted a moment ago is visible to its
/// driver on the next request.
public struct APIKeyAuthenticator: RequestAuthenticator {
    public let database: MongoDatabase
    public let verifier: APIKeyVerifier

    public init(database: MongoDatabase, verifier: APIKeyVerifier) {
        self.database = database
        self.verifier = verifier
    }

    /// The usual set-up: keys looked up in `database`'s `apikeys`, hashed with
    /// `hasher`, uses counted by `usage` (run its `run()` as a service).
    public init(
        database: MongoDatabase, hasher: APIKeyHasher, acceptedKinds: Set<APIKeyKind> = Set(APIKeyKind.allCases),
        usage: APIKeyUsageRecorder? = nil
    ) {
        let store = CachedAPIKeyStore(base: APIKeyRepository(database: database, hasher: hasher))
        self.init(
            database: database,
            verifier: APIKeyVerifier(store: store, hasher: hasher, acceptedKinds: acceptedKinds, usage: usage))
    }

    public func authenticate(headers: [(name: String, value: String)], client: ClientInfo) async throws
        -> AccessContext
    {
        let key = try await verifier.verify(headers: headers)
        let scope = try await APIKeyAuthenticator.scope(of: key, in: database)
        return AccessContext(database: database, principal: .caller(Caller(key: key, scope: scope)), client: client)
    }

    /// The row scope of `key`'s user with every relation the row rules name
    /// loaded (see the type's cost note).
    public static func scope(of key: AuthenticatedKey, in database: MongoDatabase) async throws -> RowScope {
        try await RowRelationsLoader(database: database).fullScope(of: key)
    }
}
