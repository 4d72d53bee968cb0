public import MongoStore
public import Security

/// Authentication by API key (`Authorization: Bearer` or `X-API-Key`), then the
/// caller's row scope.
///
/// Database cost per request, before any resolver runs:
/// - the key: nothing while its prefix is in the `CachedAPIKeyStore`
///   (lifetime 5 s); else the key, then its user's role and profile ids
///   (`APIKeyRepository.candidate`; the usage counters are written later,
///   batched);
/// - the row scope: the caller's own ids, which come with the key. The lists
///   of the other party of a rider's or driver's live rescues are not read
///   here but by `AccessContext.preparing(forTypes:)`, and only when the
///   operation can reach a collection whose rule needs them.
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
        let scope = try await RowRelationsLoader(database: database).scope(of: key)
        return AccessContext(database: database, principal: .caller(Caller(key: key, scope: scope)), client: client)
    }

    /// The row scope of `key`'s user with every relation the row rules name
    /// loaded (tools and tests that run without a prepared operation).
    public static func scope(of key: AuthenticatedKey, in database: MongoDatabase) async throws -> RowScope {
        try await RowRelationsLoader(database: database).fullScope(of: key)
    }
}
