/// The five scalars every schema has, with the spec's coercion rules and
/// graphql-js 16's error wording.
/// https://spec.graphql.org/October2021/#sec-Scalars.Built-in-Scalars
public enum BuiltInScalars {
    /// The largest value of the spec's 32-bit `Int`.
    public static let maxInt = 2_147_483_647
    /// The smallest value of the spec's 32-bit `Int`.
    public static let minInt = -2_147_483_648

    public static let int = ScalarType(
        name: "Int",
        description:
            "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.",
        coercion: IntCoercion())

    public static let float = ScalarType(
        name: "Float",
        description:
            "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).",
        coercion: FloatCoercion())

    public static let string = ScalarType(
        name: "String",
        description:
            "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.",
        coercion: StringCoercion())

    public static let boolean = ScalarType(
        name: "Boolean",
        description: "The `Boolean` scalar type represents `true` or `false`.",
        coercion: BooleanCoercion())

    public static let id = ScalarType(
        name: "ID",
        description:
            "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.",
        coercion: IDCoercion())

    /// All five, in graphql-js's order (String, Int, Float, Boolean, ID).
    public static let all: [ScalarType] = [string, int, float, boolean, id]

    /// The built-in scalar of that name, if it is one.
    public static func scalar(named name: String) -> ScalarType? {
        switch name {
        case "Int": return int
        case "Float": return float
        case "String": return string
        case "Boolean": return boolean
        case "ID": return id
        default: return nil
        }
    }

    /// Whether `name` is one of the five built-in scalar names.
    public static func isBuiltIn(_ name: String) -> Bool { scalar(named: name) != nil }
}

// MARK: - Number helpers shared by the numeric scalars

extension JSONValue {
    /// The number this value is, when it is one.
    var numberValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The value as an integer when it is a whole number that fits in `Int`.
    var integralValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d):
            guard d.isFinite, d.rounded(.towardZero) == d, let i = Int(exactly: d) else { return nil }
            return i
        default: return nil
        }
    }

    /// Whether this is a finite whole number (JavaScript's `Number.isInteger`).
    var isWholeNumber: Bool {
        switch self {
        case .int: return true
        case .double(let d): return d.isFinite && d.rounded(.towardZero) == d
        default: return false
        }
    }

    /// The number as JavaScript's `String(number)` writes it.
    var numberText: String {
        switch self {
        case .int(let i): return String(i)
        case .double(let d): return JSONValue.javaScriptNumberString(d)
        default: return inspected
        }
    }
}

/// A string read as a number the way JavaScript's `Number(string)` reads it:
/// surrounding white space ignored, empty meaning zero, anything else that is
/// not a number giving NaN.
func javaScriptNumber(from string: String) -> Double {
    let trimmed = string.trimmingJavaScriptWhitespace()
    if trimmed.isEmpty { return 0 }
    switch trimmed {
    case "Infinity", "+Infinity": return .infinity
    case "-Infinity": return -.infinity
    default: break
    }
    // Swift also accepts "inf", "nan" and the like, which JavaScript does not.
    if trimmed.contains(where: { "iInN".contains($0) }) { return .nan }
    if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") {
        return UInt64(trimmed.dropFirst(2), radix: 16).map { Double($0) } ?? .nan
    }
    if trimmed.hasPrefix("0b") || trimmed.hasPrefix("0B") {
        return UInt64(trimmed.dropFirst(2), radix: 2).map { Double($0) } ?? .nan
    }
    if trimmed.hasPrefix("0o") || trimmed.hasPrefix("0O") {
        return UInt64(trimmed.dropFirst(2), radix: 8).map { Double($0) } ?? .nan
    }
    return Double(trimmed) ?? .nan
}

extension String {
    fileprivate func trimmingJavaScriptWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return self[first...last]
    }
}

// MARK: - Int

/// `Int`: a signed 32-bit whole number.
/// https://spec.graphql.org/October2021/#sec-Int
public struct IntCoercion: ScalarCoercion {
    public init() {}

    public func serialize(_ value: JSONValue) throws -> JSONValue {
        var number = value
        switch value {
        case .bool(let b): return .int(b ? 1 : 0)
        case .string(let s) where !s.isEmpty: number = .double(javaScriptNumber(from: s))
        default: break
        }
        guard number.isWholeNumber else {
            throw CoercionError("Int cannot represent non-integer value: \(value.inspected)")
        }
        guard let int = number.integralValue, int <= BuiltInScalars.maxInt, int >= BuiltInScalars.minInt else {
            throw CoercionError("Int cannot represent non 32-bit signed integer value: \(value.inspected)")
        }
        return .int(int)
    }

    public func parseValue(_ value: JSONValue) throws -> JSONValue {
        guard value.isWholeNumber else {
            throw CoercionError("Int cannot represent non-integer value: \(value.inspected)")
        }
        guard let int = value.integralValue, int <= BuiltInScalars.maxInt, int >= BuiltInScalars.minInt else {
            throw CoercionError("Int cannot represent non 32-bit signed integer value: \(value.numberText)")
        }
        return .int(int)
    }

    public func parseLiteral(_ literal: Value, variables: [String: JSONValue]) throws -> JSONValue {
        guard case .int(let node) = literal else {
            throw CoercionError("Int cannot represent non-integer value: \(printLiteral(literal))")
        }
        guard let int = Int(node.value), int <= BuiltInScalars.maxInt, int >= BuiltInScalars.minInt else {
            throw CoercionError("Int cannot represent non 32-bit signed integer value: \(node.value)")
        }
        return .int(int)
    }
}

// MARK: - Float

/// `Float`: a finite double-precision number.
/// https://spec.graphql.org/October2021/#sec-Float
public struct FloatCoercion: ScalarCoercion {
    public init() {}

    public func serialize(_ value: JSONValue) throws -> JSONValue {
        var number = value.numberValue
        switch value {
        case .bool(let b): return .double(b ? 1 : 0)
        case .string(let s) where !s.isEmpty: number = javaScriptNumber(from: s)
        default: break
        }
        guard let number, number.isFinite else {
            throw CoercionError("Float cannot represent non numeric value: \(value.inspected)")
        }
        return .double(number)
    }

    public func parseValue(_ value: JSONValue) throws -> JSONValue {
        guard let number = value.numberValue, number.isFinite else {
            throw CoercionError("Float cannot represent non numeric value: \(value.inspected)")
        }
        return .double(number)
    }

    public func parseLiteral(_ literal: Value, variables: [String: JSONValue]) throws -> JSONValue {
        switch literal {
        case .int(let node): return .double(Double(node.value) ?? .nan)
        case .float(let node): return .double(Double(node.value) ?? .nan)
        default:
            throw CoercionError("Float cannot represent non numeric value: \(printLiteral(literal))")
        }
    }
}

// MARK: - String

/// `String`: a sequence of Unicode characters.
/// https://spec.graphql.org/October2021/#sec-String
public struct StringCoercion: ScalarCoercion {
    public init() {}

    public func serialize(_ value: JSONValue) throws -> JSONValue {
        switch value {
        case .string: return value
        case .bool(let b): return .string(b ? "true" : "false")
        case .int(let i): return .string(String(i))
        case .double(let d) where d.isFinite: return .string(JSONValue.javaScriptNumberString(d))
        default: throw CoercionError("String cannot represent value: \(value.inspected)")
        }
    }

    public func parseValue(_ value: JSONValue) throws -> JSONValue {
        guard case .string = value else {
            throw CoercionError("String cannot represent a non string value: \(value.inspected)")
        }
        return value
    }

    public func parseLiteral(_ literal: Value, variables: [String: JSONValue]) throws -> JSONValue {
        guard case .string(let node) = literal else {
            throw CoercionError("String cannot represent a non string value: \(printLiteral(literal))")
        }
        return .string(node.value)
    }
}

// MARK: - Boolean

/// `Boolean`: `true` or `false`.
/// https://spec.graphql.org/October2021/#sec-Boolean
public struct BooleanCoercion: ScalarCoercion {
    public init() {}

    public func serialize(_ value: JSONValue) throws -> JSONValue {
        switch value {
        case .bool: return value
        case .int(let i): return .bool(i != 0)
        case .double(let d) where d.isFinite: return .bool(d != 0)
        default: throw CoercionError("Boolean cannot represent a non boolean value: \(value.inspected)")
        }
    }

    public func parseValue(_ value: JSONValue) throws -> JSONValue {
        guard case .bool = value else {
            throw CoercionError("Boolean cannot represent a non boolean value: \(value.inspected)")
        }
        return value
    }

    public func parseLiteral(_ literal: Value, variables: [String: JSONValue]) throws -> JSONValue {
        guard case .boolean(let node) = literal else {
            throw CoercionError("Boolean cannot represent a non boolean value: \(printLiteral(literal))")
        }
        return .bool(node.value)
    }
}

// MARK: - ID

/// `ID`: a unique identifier, serialized as a string; accepts strings and
/// integers as input.
/// https://spec.graphql.org/October2021/#sec-ID
public struct IDCoercion: ScalarCoercion {
    public init() {}

    public func serialize(_ value: JSONValue) throws -> JSONValue {
        switch value {
        case .string: return value
        case .int, .double:
            if value.isWholeNumber { return .string(value.numberText) }
        default: break
        }
        throw CoercionError("ID cannot represent value: \(value.inspected)")
    }

    public func parseValue(_ value: JSONValue) throws -> JSONValue {
        switch value {
        case .string: return value
        case .int, .double:
            if value.isWholeNumber { return .string(value.numberText) }
        default: break
        }
        throw CoercionError("ID cannot represent value: \(value.inspected)")
    }

    public func parseLiteral(_ literal: Value, variables: [String: JSONValue]) throws -> JSONValue {
        switch literal {
        case .string(let node): return .string(node.value)
        case .int(let node): return .string(node.value)
        default:
            throw CoercionError(
                "ID cannot represent a non-string and non-integer value: \(printLiteral(literal))")
        }
    }
}
