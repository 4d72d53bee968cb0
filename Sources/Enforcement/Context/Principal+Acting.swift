public import MongoStore
import Security

/// What a resolver that writes needs to know of its caller, without naming a
/// role (resolvers cannot: `docs/ARCHITECTURE.md`, "Targets"). Which role may
/// make which write is the write policies' (`Policies/`); these say on whose
/// behalf the write is made.
extension Principal {
    /// The API key behind the request, nil when trusted.
    public var keyID: ObjectID? { caller?.key.keyId }

    /// Whether the caller acts on other users' records by its role (support,
    /// admin, or a trusted tool) rather than only on its own: such a caller
    /// names the rider it requests a rescue for.
    public var actsForOthers: Bool {
        switch self {
        case .trusted: true
        case .caller(let caller): caller.key.role.seesEveryRow
        }
    }

    /// The tenant a partner's writes are stamped with (`partnerId`: the
    /// partner key's user), so that its row rules find them again; nil for
    /// every other caller.
    public var tenantID: ObjectID? {
        guard let caller, caller.key.role == .partner else { return nil }
        return caller.key.userId
    }

    /// The caller's own rider profile (a rider's key), nil otherwise.
    public var riderProfileID: ObjectID? { caller?.scope.riderProfileId }

    /// The caller's own driver profile (a driver's key), nil otherwise.
    public var driverProfileID: ObjectID? { caller?.scope.driverProfileId }
}
