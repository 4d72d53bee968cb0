/// Why a webhook's signature was refused. The gateway answers every case the
/// same way (400, nothing written) and logs only the case, never the body:
/// a sender with a wrong secret learns nothing from the answer.
public enum WebhookSignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No signature header.
    case missing
    /// The header is not in the sender's format (no timestamp, no `v1=`...).
    case malformed
    /// The timestamp is further than the tolerance from now: an old request
    /// replayed, or a clock far off.
    case stale
    /// No signature matches the payload under the secret.
    case mismatch

    public var description: String {
        switch self {
        case .missing: "signature header missing"
        case .malformed: "signature header malformed"
        case .stale: "signature timestamp outside the tolerance"
        case .mismatch: "signature does not match"
        }
    }
}
