/// A runtime value as GraphQL sees it at its edges: what variables arrive as,
/// what input coercion produces and what result coercion (serialization) emits.
///
/// It is the engine's one JSON-shaped value type (`ErrorExtensionValue`, also
/// used for error extensions), named here for what the type system uses it
/// for. Integers and floats stay apart, as the spec's `Int` and `Float` do;
/// objects keep the order of their entries, as response maps are ordered
/// (https://spec.graphql.org/October2021/#sec-Serialized-Map-Ordering).
public typealias JSONValue = ErrorExtensionValue

extension ErrorExtensionValue {
    /// The value of `key` in an object (the first entry with that key), else nil.
    public subscript(key: String) -> ErrorExtensionValue? {
        guard case .object(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

// Deliberately not `ExpressibleByNilLiteral`: with it, `nil` in an optional
// context (`cond ? value : nil`) could silently mean `.null`.
extension ErrorExtensionValue: ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: ErrorExtensionValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, ErrorExtensionValue)...) {
        self = .object(elements.map { (key: $0.0, value: $0.1) })
    }
}
