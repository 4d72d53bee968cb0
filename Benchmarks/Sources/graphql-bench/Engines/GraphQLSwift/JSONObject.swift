import GraphQL

/// A JSON object of the data file in the shape GraphQLSwift's default resolver
/// reads fastest: `KeySubscriptable`, which its `defaultResolve` tries first.
///
/// The original `Map` is kept so a custom scalar whose value is an object can be
/// passed through with its key order intact.
final class JSONObject: KeySubscriptable, Sendable {
    /// The members, each converted by `JSONObject.native(_:)`; JSON `null`
    /// members are left out, which the resolver reads as null all the same.
    let members: [String: any Sendable]
    /// The object as decoded.
    let original: Map
    /// The `__typename` member, used to resolve interfaces and unions.
    let typename: String?

    /// Wraps `object`, a `Map.dictionary`; any other value gives an empty object.
    init(_ object: Map) {
        var members: [String: any Sendable] = [:]
        var typename: String?
        if case .dictionary(let dictionary) = object {
            members.reserveCapacity(dictionary.count)
            for (key, value) in dictionary {
                if let converted = Self.native(value) {
                    members[key] = converted
                }
            }
            if case .string(let name)? = dictionary["__typename"] {
                typename = name
            }
        }
        self.members = members
        self.original = object
        self.typename = typename
    }

    subscript(key: String) -> (any Sendable)? {
        members[key]
    }

    /// Converts decoded JSON into the values GraphQLSwift's executor expects:
    /// objects become `JSONObject`, arrays `[(any Sendable)?]` (the only list shape
    /// its `completeListValue` accepts), null `nil`, and scalars stay `Map`, which
    /// its built-in scalars and enums serialize.
    static func native(_ value: Map) -> (any Sendable)? {
        switch value {
        case .dictionary:
            return JSONObject(value)
        case .array(let items):
            return items.map { native($0) } as [(any Sendable)?]
        case .null, .undefined:
            return nil
        case .bool, .number, .string:
            return value
        }
    }

    /// The inverse of `native(_:)`, for custom scalars: gives back the JSON value
    /// the data file held.
    static func json(_ value: Any) -> Map {
        switch value {
        case let map as Map:
            return map
        case let object as JSONObject:
            return object.original
        case let items as [(any Sendable)?]:
            return .array(items.map { $0.map(json) ?? .null })
        default:
            return .null
        }
    }
}
