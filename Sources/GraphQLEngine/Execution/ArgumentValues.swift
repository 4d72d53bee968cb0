/// A field's arguments after coercion
/// (https://spec.graphql.org/October2021/#sec-Coercing-Field-Arguments):
/// variables substituted, defaults applied, enum values as their internal
/// values, input objects with their field defaults. Only arguments that were
/// given or have a default are present.
public struct ArgumentValues: Sendable {
    /// In definition order.
    public let entries: [(name: String, value: JSONValue)]

    public init(_ entries: [(name: String, value: JSONValue)] = []) {
        self.entries = entries
    }

    public static let empty = ArgumentValues()

    /// The coerced value, nil when the argument is absent (explicit null is `.null`).
    public subscript(name: String) -> JSONValue? {
        for entry in entries where entry.name == name { return entry.value }
        return nil
    }

    /// The value decoded as `T`, nil when absent, null or of another shape:
    /// `field.arguments["first", as: Int.self]`.
    public subscript<T: ArgumentDecodable>(name: String, as type: T.Type) -> T? {
        guard let value = self[name] else { return nil }
        return T(argumentValue: value)
    }

    /// The value decoded as `T`, or a `BAD_USER_INPUT` error naming the argument.
    public func require<T: ArgumentDecodable>(_ name: String, as type: T.Type = T.self) throws(GraphQLError) -> T {
        guard let value = self[name], let decoded = T(argumentValue: value) else {
            throw FieldErrors.withCode(
                "Argument \"\(name)\" is missing or not a \(T.self).", GraphQLError.Code.badUserInput)
        }
        return decoded
    }
}

/// A Swift type a coerced argument value can be read as.
public protocol ArgumentDecodable {
    init?(argumentValue: JSONValue)
}

extension Int: ArgumentDecodable {
    public init?(argumentValue: JSONValue) {
        guard case .int(let value) = argumentValue else { return nil }
        self = value
    }
}

extension Double: ArgumentDecodable {
    public init?(argumentValue: JSONValue) {
        switch argumentValue {
        case .double(let value): self = value
        case .int(let value): self = Double(value)
        default: return nil
        }
    }
}

extension String: ArgumentDecodable {
    public init?(argumentValue: JSONValue) {
        guard case .string(let value) = argumentValue else { return nil }
        self = value
    }
}

extension Bool: ArgumentDecodable {
    public init?(argumentValue: JSONValue) {
        guard case .bool(let value) = argumentValue else { return nil }
        self = value
    }
}

extension JSONValue: ArgumentDecodable {
    public init?(argumentValue: JSONValue) {
        self = argumentValue
    }
}

extension Array: ArgumentDecodable where Element: ArgumentDecodable {
    /// A list whose every item decodes (null items make it fail).
    public init?(argumentValue: JSONValue) {
        guard case .list(let items) = argumentValue else { return nil }
        var decoded: [Element] = []
        decoded.reserveCapacity(items.count)
        for item in items {
            guard let element = Element(argumentValue: item) else { return nil }
            decoded.append(element)
        }
        self = decoded
    }
}
