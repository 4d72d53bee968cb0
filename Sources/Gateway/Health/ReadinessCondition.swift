/// A readiness condition given as a closure and the reason `/readyz` gives
/// while it is false: how the server adds a condition from a layer the
/// gateway does not import (the driver locator, in `Resolvers`).
public struct ReadinessCondition: ReadinessProbe {
    public let reason: String
    public let check: @Sendable () async -> Bool

    public init(reason: String, _ check: @escaping @Sendable () async -> Bool) {
        self.reason = reason
        self.check = check
    }

    public func isReady() async -> Bool { await check() }

    public func unreadyReason() async -> String? {
        await check() ? nil : reason
    }
}
