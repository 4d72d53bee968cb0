public import MongoStore

/// The caller behind a request.
public enum Principal: Sendable {
    /// Full access with no user (tests and operator tools only; never built
    /// from a client's credentials).
    case trusted
    /// A request authenticated by an API key.
    case caller(Caller)

    /// The user behind the request (`Query.me`, `changedBy`), nil when trusted.
    public var userID: ObjectID? {
        if case .caller(let caller) = self { return caller.key.userId }
        return nil
    }

    /// The caller, nil when trusted.
    public var caller: Caller? {
        if case .caller(let caller) = self { return caller }
        return nil
    }
}
