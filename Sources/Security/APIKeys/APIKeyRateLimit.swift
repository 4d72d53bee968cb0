import MongoStore

/// A key's own rate limits (`apikeys.rateLimit`: `{requestsPerMinute,
/// costPerMinute}`), overriding its role's defaults in the gateway. Either
/// field may be absent: that dimension keeps the role's default.
///
/// Read leniently: a value that is not a positive whole number is ignored
/// (the role's default applies), so a mistyped override never stops the key
/// from authenticating.
public struct APIKeyRateLimit: Sendable, Hashable {
    /// Requests a minute, or nil for the role's default.
    public var requestsPerMinute: Int?
    /// Estimated query cost a minute (the engine's estimate of each operation), or nil for the role's default.
    public var costPerMinute: Int?

    public init(requestsPerMinute: Int? = nil, costPerMinute: Int? = nil) {
        self.requestsPerMinute = requestsPerMinute
        self.costPerMinute = costPerMinute
    }

    /// The override stored in `value` (the `rateLimit` field), nil when
    /// absent or when it sets neither limit.
    init?(bsonValue value: BSONValue?) {
        guard case .document(let document)? = value else { return nil }
        func positive(_ key: String) -> Int? {
            guard let field = document[key], let number = try? Int(bsonValue: field, key: key), number > 0 else {
                return nil
            }
            return number
        }
        let (requests, cost) = (positive("requestsPerMinute"), positive("costPerMinute"))
        guard requests != nil || cost != nil else { return nil }
        self.init(requestsPerMinute: requests, costPerMinute: cost)
    }

    /// The stored form.
    var document: BSONDocument {
        var document: BSONDocument = [:]
        document.set("requestsPerMinute", requestsPerMinute)
        document.set("costPerMinute", costPerMinute)
        return document
    }
}
