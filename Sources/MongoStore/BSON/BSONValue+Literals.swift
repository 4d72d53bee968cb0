// Literal syntax so filters and updates read like the MongoDB shell:
// `["status": "pending", "attempts": ["$lt": 3]]`.

extension BSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension BSONValue: ExpressibleByIntegerLiteral {
    /// Integer literals become int64 when they need it, int32 otherwise, as the
    /// shell and the drivers do.
    public init(integerLiteral value: Int64) {
        if let small = Int32(exactly: value) { self = .int32(small) } else { self = .int64(value) }
    }
}

extension BSONValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension BSONValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension BSONValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: BSONValue...) { self = .array(elements) }
}

extension BSONValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, BSONValue)...) {
        self = .document(BSONDocument(elements.map { BSONDocument.Element(key: $0.0, value: $0.1) }))
    }
}

extension BSONValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}
