/// One index the gateway expects: its key pattern, options and a stable name.
///
/// Names follow MongoDB's own default (`field_1_other_-1`, `location_2dsphere`),
/// so an index the company's Node services (Mongoose) already built with the
/// same keys is recognised as existing instead of colliding: the server refuses
/// an index whose keys match an existing one under another name.
public struct IndexSpec: Sendable, Hashable, CustomStringConvertible {
    /// One component of a key pattern.
    public enum KeyKind: Sendable, Hashable {
        case ascending
        case descending
        /// A spherical geo index over GeoJSON (or a `[lng, lat]` pair).
        case sphere2D

        /// The suffix MongoDB's default index names use.
        var nameSuffix: String {
            switch self {
            case .ascending: "1"
            case .descending: "-1"
            case .sphere2D: "2dsphere"
            }
        }
    }

    public struct Key: Sendable, Hashable {
        public let field: String
        public let kind: KeyKind
        public init(_ field: String, _ kind: KeyKind) {
            self.field = field
            self.kind = kind
        }
    }

    public let collection: Collections
    /// The key pattern, in order (order matters for compound indexes).
    public let keys: [Key]
    public let name: String
    public let unique: Bool
    /// Leaves out documents without the field (and, with `unique`, lets many of
    /// them lack it).
    public let sparse: Bool
    /// A TTL index: documents are deleted this many seconds after the date in the
    /// (single) key field.
    public let expireAfterSeconds: Int?
    /// Why the index exists: the data-model section it comes from, or our reason.
    public let reason: String

    public init(
        _ collection: Collections, _ keys: [Key], unique: Bool = false, sparse: Bool = false,
        expireAfterSeconds: Int? = nil, name: String? = nil, reason: String
    ) {
        self.collection = collection
        self.keys = keys
        self.unique = unique
        self.sparse = sparse
        self.expireAfterSeconds = expireAfterSeconds
        self.name = name ?? keys.map { "\($0.field)_\($0.kind.nameSuffix)" }.joined(separator: "_")
        self.reason = reason
    }

    public var description: String {
        var options: [String] = []
        if unique { options.append("unique") }
        if sparse { options.append("sparse") }
        if let expireAfterSeconds { options.append("ttl \(expireAfterSeconds)s") }
        let suffix = options.isEmpty ? "" : " (" + options.joined(separator: ", ") + ")"
        return "\(collection.name).\(name)\(suffix)"
    }
}

extension IndexSpec.Key {
    public static func asc(_ field: String) -> Self { .init(field, .ascending) }
    public static func desc(_ field: String) -> Self { .init(field, .descending) }
    public static func geo(_ field: String) -> Self { .init(field, .sphere2D) }
}
