import Enforcement
import Security
import Synchronization

/// The credentials of a connection's last authenticated request, and who
/// they were checked as (`Authentication`), so that the connection's next
/// request with the very same credentials skips checking them again.
///
/// A client sends its key with every request on a keep-alive connection;
/// checking it (parsing it, finding its record in the key cache, matching
/// the text, building the caller) was about a tenth of a cheap request's
/// cost, `{ __typename }`'s at 8 connections (Benchmarks/README.md).
///
/// Nothing about the staleness bound changes: the authenticator's `again`
/// decides, and for an API key it answers only while the cached record the
/// key was checked against is within its lifetime (a revocation takes effect
/// within the same 5 s as before) and the key not expired; each use is
/// counted like any other. The credentials are compared byte for byte in
/// constant time; any other text is checked as usual, and a refusal forgets
/// what was kept. One per connection, bound to the connection's task
/// (`EventLoopBoundChannel`): nothing is shared between connections.
final class ConnectionCredentials: Sendable {
    @TaskLocal static var current: ConnectionCredentials?

    private struct Last: Sendable {
        var presented: [UInt8]
        var authentication: Authentication
    }

    private let last = Mutex<Last?>(nil)

    init() {}

    /// The bytes compared: each header's name and value, NUL-separated.
    static func presented(_ headers: [(name: String, value: String)]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (name, value) in headers {
            bytes += name.utf8
            bytes.append(0)
            bytes += value.utf8
            bytes.append(0)
        }
        return bytes
    }

    /// The caller again for `presented`, when the last request's credentials
    /// were these and the authenticator still takes them; nil otherwise.
    func again(for presented: [UInt8], client: ClientInfo) -> AccessContext? {
        let kept = last.withLock { last -> Authentication? in
            guard let last, ConstantTime.equals(presented, last.presented) else { return nil }
            return last.authentication
        }
        guard let again = kept?.again else { return nil }
        guard let access = again(client) else {
            forget()
            return nil
        }
        return access
    }

    func remember(_ presented: [UInt8], as authentication: Authentication) {
        guard authentication.again != nil else { return }
        last.withLock { $0 = Last(presented: presented, authentication: authentication) }
    }

    func forget() {
        last.withLock { $0 = nil }
    }
}
