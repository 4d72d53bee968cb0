/// A Swift type that has a BSON form and can be read back from one. Reading is
/// strict about kinds (a string never becomes a number) but lenient about widths
/// where no information is lost: an `Int64` reads an int32, an `Int32` reads an
/// int64 that fits, `Double` reads either integer, and integers read a double
/// holding a whole number (some servers answer counts as doubles).
public protocol BSONRepresentable: Sendable {
    /// The value as BSON.
    var bsonValue: BSONValue { get }
    /// Reads the value; `key` names the field for the error.
    init(bsonValue: BSONValue, key: String) throws(BSONError)
}

extension BSONRepresentable {
    /// Reads the value, naming no field in an error.
    public init(bsonValue: BSONValue) throws(BSONError) {
        try self.init(bsonValue: bsonValue, key: "")
    }
}

extension BSONError {
    static func mismatch(_ key: String, _ expected: String, _ found: BSONValue) -> BSONError {
        .typeMismatch(key: key, expected: expected, found: found.typeName)
    }
}

extension BSONValue: BSONRepresentable {
    public var bsonValue: BSONValue { self }
    public init(bsonValue: BSONValue, key: String) { self = bsonValue }
}

extension String: BSONRepresentable {
    public var bsonValue: BSONValue { .string(self) }
    public init(bsonValue: BSONValue, key: String) throws(BSONError) {
        guard case .string(let s) = bsonValue else { throw .mismatch(key, "string", bsonValue) }
        self = s
    }
}

extension Bool: BSONRepresentable {
    public var bsonValue: BSONValue { .bool(self) }
    public init(bsonValue: BSONValue, key: String) throws(BSONError) {
        guard case .bool(let b) = bsonValue else { throw .mismatch(key, "bool", bsonValue) }
        self = b
    }
}

extension Double: BSONRepresentable {
    public var bsonValue: BSONValue { .double(self) }
    public init(bsonValue: BSONValue, key: String) throws(BSONError) {
        switch bsonValue {
        case .double(let d): self = d
        case .int32(let i): self = Double(i)
        case .int64(let i): self = Double(i)
        default: throw .mismatch(key, "double", bsonValue)
        }
    }
}

/// The integer of any BSON number, when it is a whole number.
private func wholeNumber(_ value: BSONValue, key: String, expected: String) throws(BSONError) -> Int64 {
    switch value {
    case .int32(let i): return Int64(i)
    case .int64(let i): return i
    case .double(let d):
        guard let i = Int64(exactly: d) else { throw .outOfRange(key: key, value: String(d)) }
        return i
    default: throw .mismatch(key, expected, value)
    }
}

extension Int64: BSONRepresentable {
    public var bsonValue: BSONValue { .int64(self) }
    public init(bsonValue: BSONValue, key: String) throws(BSONError) {
        self = try wholeNumber(bsonValue, key: key, expected: "long")
    }
}

extension Int32: BSONRepresentable {
    public var bsonValue: BSONValue { .int32(self) }
    public init(bsonValue: BSONValue, key: String) throws(BSONError) {
        let wide = try wholeNumber(bsonValue, key: key, expected: "int")
        guard let narrow = Int32(exactly: wide) else { throw .outOfRange(key: key, value: String(wide)) }
        self = narrow
    }
}

extension Int: BSONRepresentable {
    /// Stored as int32 when it fits (what the shell does), int64 otherwise.
    public var bsonValue: BSONValue {
        if let small = Int32(exactly: self) { return .int32(small) }
        return .int64(Int64(self))
    }
    public init(bsonValue: BSONValue, key: String) throws(BSONError) {
        let wide = try wholeNumber(bsonValue, key: key, expected: "int")
        guard let native = Int(exactly: wide) else { throw .outOfRange(key: key, value: String(wide)) }
        self = native
    }
}

extension ObjectID: BSONRepresentable {
    public var bsonValue: BSONValue { .objectID(self) }
    public init(bsonValue: BSONValue, key: String) throws(BSONError) {
        guard case .objectID(let id) = bsonValue else { throw .mismatch(key, "objectId", bsonValue) }
        self = id
    }
}

extension BSONDate: BSONRepresentable {
    public var bsonValue: BSONValue { .date(self) }
    public init(bsonValue: BSONValue, key: String) throws(BSONError) {
        guard case .date(let d) = bsonValue else { throw .mismatch(key, "date", bsonValue) }
        self = d
    }
}

extension BSONDecimal128: BSONRepresentable {
    public var bsonValue: BSONValue { .decimal128(self) }
    public init(bsonValue: BSONValue, key: String) throws(BSONError) {
        guard case .decimal128(let d) = bsonValue else { throw .mismatch(key, "decimal", bsonValue) }
        self = d
    }
}

extension BSONBinary: BSONRepresentable {
    public var bsonValue: BSONValue { .binary(self) }
    public init(bsonValue: BSONValue, key: String) throws(BSONError) {
        guard case .binary(let b) = bsonValue else { throw .mismatch(key, "binData", bsonValue) }
        self = b
    }
}

extension BSONDocument: BSONRepresentable {
    public var bsonValue: BSONValue { .document(self) }
    public init(bsonValue: BSONValue, key: String) throws(BSONError) {
        guard case .document(let d) = bsonValue else { throw .mismatch(key, "object", bsonValue) }
        self = d
    }
}

extension Array: BSONRepresentable where Element: BSONRepresentable {
    public var bsonValue: BSONValue { .array(map(\.bsonValue)) }
    public init(bsonValue: BSONValue, key: String) throws(BSONError) {
        guard case .array(let items) = bsonValue else { throw .mismatch(key, "array", bsonValue) }
        var out = [Element]()
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            out.append(try Element(bsonValue: item, key: "\(key).\(i)"))
        }
        self = out
    }
}

extension Optional: BSONRepresentable where Wrapped: BSONRepresentable {
    /// nil is stored as BSON null.
    public var bsonValue: BSONValue { self?.bsonValue ?? .null }
    public init(bsonValue: BSONValue, key: String) throws(BSONError) {
        if case .null = bsonValue { self = nil } else { self = try Wrapped(bsonValue: bsonValue, key: key) }
    }
}

extension BSONDocument {
    /// The field read as `T`: nil when it is absent or null, throws
    /// ``BSONError/typeMismatch(key:expected:found:)`` when it holds another type.
    /// `let status = try doc["status", as: String.self]`
    public subscript<T: BSONRepresentable>(key: String, as type: T.Type) -> T? {
        get throws(BSONError) {
            guard let value = self[key] else { return nil }
            if case .null = value { return nil }
            return try T(bsonValue: value, key: key)
        }
    }

    /// The field read as `T`; throws ``BSONError/missingField(_:)`` when it is
    /// absent or null. `let id = try doc.get("_id", as: ObjectID.self)`
    public func get<T: BSONRepresentable>(_ key: String, as type: T.Type = T.self) throws(BSONError) -> T {
        guard let value = try self[key, as: T.self] else { throw .missingField(key) }
        return value
    }

    /// Sets a field from any representable Swift value (nil removes it).
    public mutating func set<T: BSONRepresentable>(_ key: String, _ value: T?) {
        self[key] = value?.bsonValue
    }
}
