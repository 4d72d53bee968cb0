/// Ready when every probe is, checked in order: `/readyz` reports the first
/// one that is not. The server puts the database first, then conditions of
/// its own, such as the driver locator's initial load.
public struct AllReadiness: ReadinessProbe {
    public let probes: [any ReadinessProbe]

    public init(_ probes: [any ReadinessProbe]) {
        self.probes = probes
    }

    public func isReady() async -> Bool {
        await unreadyReason() == nil
    }

    public func unreadyReason() async -> String? {
        for probe in probes {
            if let reason = await probe.unreadyReason() { return reason }
        }
        return nil
    }
}
