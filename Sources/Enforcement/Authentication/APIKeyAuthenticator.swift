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
        try await authenticateReusably(headers: headers, client: client).access
    }

    /// The caller may be given again for the same key text until the cached
    /// key record it was checked against would be read again
    /// (`APIKeyVerifier.again`: within the cache's lifetime of the read, and
    /// not past the key's expiry), each use counted; the row scope is the
    /// one built here, from the same record.
    public func authenticateReusably(headers: [(name: String, value: String)], client: ClientInfo) async throws
        -> Authentication
    {
        let verified = try await verifier.verified(headers: headers)
        let scope = try await RowRelationsLoader(database: database).scope(of: verified.key)
        let principal = Principal.caller(Caller(key: verified.key, scope: scope))
        let access = AccessContext(database: database, principal: principal, client: client)
        guard verified.reusableUntil != nil else { return Authentication(access: access, again: nil) }
        let (verifier, database) = (self.verifier, self.database)
        return Authentication(access: access) { client in
            guard verifier.again(verified) != nil else { return nil }
            return AccessContext(database: database, principal: principal, client: client)
        }
    }

    /// The row scope of `key`'s user with every relation the row rules name
    /// loaded (tools and tests that run without a prepared operation).
    public static func scope(of key: AuthenticatedKey, in database: MongoDatabase) async throws -> RowScope {
        try await RowRelationsLoader(database: database).fullScope(of: key)
    }
}
