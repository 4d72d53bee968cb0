/// How a scalar type turns values into its internal form and back.
///
/// Every scalar has three directions of coercion
/// (https://spec.graphql.org/October2021/#sec-Scalars):
/// - `serialize`: result coercion, from what a resolver produced to what the
///   response carries;
/// - `parseValue`: input coercion of a variable's value (JSON-shaped);
/// - `parseLiteral`: input coercion of a literal written in the document.
///
/// Built-in scalars come with the spec's rules (`BuiltInScalars`); a custom
/// scalar (`DateTime`, `ObjectID`, `JSON`, ...) gets its hooks when a schema is
/// built from SDL (`SchemaBuildOptions.scalars`). Hooks throw `CoercionError`
/// with a message meant for the client. Conforming types are `Sendable`:
/// a schema and its scalars are shared by concurrent requests.
public protocol ScalarCoercion: Sendable {
    /// Result coercion: the value a resolver produced, as sent in a response.
    func serialize(_ value: JSONValue) throws -> JSONValue
    /// Input coercion of a variable's value.
    func parseValue(_ value: JSONValue) throws -> JSONValue
    /// Input coercion of a literal written in a document. `variables` holds the
    /// operation's coerced variable values, for literals that contain variables
    /// (possible only for scalars that accept lists or objects, such as `JSON`).
    func parseLiteral(_ literal: Value, variables: [String: JSONValue]) throws -> JSONValue
}

extension ScalarCoercion {
    /// By default a literal is read as the JSON-shaped value it spells
    /// (enum values as strings) and then handed to `parseValue`.
    public func parseLiteral(_ literal: Value, variables: [String: JSONValue]) throws -> JSONValue {
        try parseValue(JSONValue(untypedLiteral: literal, variables: variables))
    }
}

/// A scalar whose values pass through unchanged: what a custom scalar declared
/// in SDL does when no hooks were given for it (as graphql-js does).
public struct IdentityScalarCoercion: ScalarCoercion {
    public init() {}
    public func serialize(_ value: JSONValue) throws -> JSONValue { value }
    public func parseValue(_ value: JSONValue) throws -> JSONValue { value }
}

/// Scalar hooks given as closures, for scalars too small to deserve a type.
///
/// ```swift
/// let objectID = ClosureScalarCoercion(
///     serialize: { value in value },
///     parseValue: { value in
///         guard case .string(let s) = value, s.count == 24 else {
///             throw CoercionError("ObjectID cannot represent value: \(value.inspected)")
///         }
///         return value
///     })
/// ```
public struct ClosureScalarCoercion: ScalarCoercion {
    public let serializeHook: @Sendable (JSONValue) throws -> JSONValue
    public let parseValueHook: @Sendable (JSONValue) throws -> JSONValue
    public let parseLiteralHook: (@Sendable (Value, [String: JSONValue]) throws -> JSONValue)?

    /// - Parameters:
    ///   - parseLiteral: when nil, a literal is converted to its JSON shape and
    ///     given to `parseValue`.
    public init(
        serialize: @escaping @Sendable (JSONValue) throws -> JSONValue,
        parseValue: @escaping @Sendable (JSONValue) throws -> JSONValue,
        parseLiteral: (@Sendable (Value, [String: JSONValue]) throws -> JSONValue)? = nil
    ) {
        self.serializeHook = serialize
        self.parseValueHook = parseValue
        self.parseLiteralHook = parseLiteral
    }

    public func serialize(_ value: JSONValue) throws -> JSONValue { try serializeHook(value) }
    public func parseValue(_ value: JSONValue) throws -> JSONValue { try parseValueHook(value) }
    public func parseLiteral(_ literal: Value, variables: [String: JSONValue]) throws -> JSONValue {
        if let parseLiteralHook { return try parseLiteralHook(literal, variables) }
        return try parseValueHook(JSONValue(untypedLiteral: literal, variables: variables))
    }
}
