import Crypto
import Foundation

/// Twilio's request signature (`X-Twilio-Signature`): Base64 of HMAC-SHA1,
/// under the account's auth token (`TWILIO_AUTH_TOKEN`), of the full URL
/// Twilio called (scheme, host, path and query string) followed by each POST
/// parameter's name and value, the parameters sorted by name.
/// https://www.twilio.com/docs/usage/security#validating-requests
///
/// The URL is the one Twilio was configured with, not the one the gateway
/// sees: behind a proxy or load balancer the host, scheme and port differ,
/// which is why the gateway takes its public URL from the configuration.
public struct TwilioSignature: Sendable {
    let key: SymmetricKey

    public init(authToken: String) {
        self.key = SymmetricKey(data: Array(authToken.utf8))
    }

    /// Checks `header` for a POST of `parameters` to `url`, in constant time.
    public func verify(header: String?, url: String, parameters: [(name: String, value: String)])
        throws(WebhookSignatureError)
    {
        guard let header, !header.isEmpty else { throw .missing }
        guard let received = Data(base64Encoded: header) else { throw .malformed }
        guard ConstantTime.equals(Array(received), mac(url: url, parameters: parameters)) else { throw .mismatch }
    }

    /// The MAC over `url` and the sorted parameters. Parameters sharing a
    /// name are ordered by value, so the order the form listed them in does
    /// not matter.
    func mac(url: String, parameters: [(name: String, value: String)]) -> [UInt8] {
        var authenticator = HMAC<Insecure.SHA1>(key: key)
        authenticator.update(data: Array(url.utf8))
        let sorted = parameters.sorted {
            $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
                || ($0.name == $1.name && $0.value.utf8.lexicographicallyPrecedes($1.value.utf8))
        }
        for parameter in sorted {
            authenticator.update(data: Array(parameter.name.utf8))
            authenticator.update(data: Array(parameter.value.utf8))
        }
        return Array(authenticator.finalize())
    }

    /// The header Twilio would send: for tests.
    public func header(url: String, parameters: [(name: String, value: String)]) -> String {
        Data(mac(url: url, parameters: parameters)).base64EncodedString()
    }
}
