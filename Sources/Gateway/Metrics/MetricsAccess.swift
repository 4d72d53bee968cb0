internal import Crypto

/// Who may read `/metrics` (`SUPPORTCARR_METRICS_TOKEN`, `README.md`,
/// "Configuration"). The exposition names operations, error codes and
/// traffic levels: what an attacker would like to know about the service,
/// so a production gateway serves it only to the scraper holding the token.
public enum MetricsAccess: Sendable, Equatable, CustomStringConvertible {
    /// Anyone who reaches the port (development, without a token).
    case open
    /// Only requests with `Authorization: Bearer <token>`; others get 401.
    case bearerToken(String)
    /// Not served at all (production without a token): 404.
    case disabled

    public var description: String {
        switch self {
        case .open: "open"
        case .bearerToken: "bearer token"
        case .disabled: "disabled"
        }
    }

    /// Whether a request with this `Authorization` header may read the
    /// metrics. The token is compared in constant time (as SHA-256 digests,
    /// so not even its length shows in the timing).
    func admits(authorization: String?) -> Bool {
        switch self {
        case .open: return true
        case .disabled: return false
        case .bearerToken(let token):
            guard let authorization, authorization.utf8.count > 7,
                authorization.utf8.prefix(7).map({ $0 | 0x20 }) == Array("bearer ".utf8)
            else { return false }
            let presented = String(decoding: authorization.utf8.dropFirst(7), as: UTF8.self)
            let a = Array(SHA256.hash(data: Array(presented.utf8)))
            let b = Array(SHA256.hash(data: Array(token.utf8)))
            var difference: UInt8 = 0
            for index in a.indices { difference |= a[index] ^ b[index] }
            return difference == 0
        }
    }
}
