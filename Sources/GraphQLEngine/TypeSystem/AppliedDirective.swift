/// A directive as applied to a schema element in SDL, for example
/// `@requires(permission: "pii:contact")` on a field.
///
/// The layers above the engine read these to attach behaviour to definitions
/// (the security layer's `@encrypted` and `@requires`). Argument values are
/// already coerced against the directive's definition, defaults included, so
/// `field.directive(named: "requires")?.argument("permission")` is
/// `.string("pii:contact")` and enum values arrive as their names.
/// https://spec.graphql.org/October2021/#sec-Type-System.Directives
public struct AppliedDirective: Sendable, Hashable {
    public let name: String
    /// Coerced arguments in definition order: those written, then defaults.
    public let arguments: [(name: String, value: JSONValue)]
    /// Where it was written.
    public let astNode: Directive?

    public init(name: String, arguments: [(name: String, value: JSONValue)], astNode: Directive? = nil) {
        self.name = name
        self.arguments = arguments
        self.astNode = astNode
    }

    /// The coerced value of an argument, nil when neither given nor defaulted.
    public func argument(_ name: String) -> JSONValue? {
        arguments.first { $0.name == name }?.value
    }

    public static func == (lhs: AppliedDirective, rhs: AppliedDirective) -> Bool {
        lhs.name == rhs.name && lhs.astNode == rhs.astNode && lhs.arguments.count == rhs.arguments.count
            && zip(lhs.arguments, rhs.arguments).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(arguments.count)
    }
}

/// Reading applied directives off any schema element that carries them.
public protocol HasAppliedDirectives {
    /// Directives applied in SDL, in the order written (definition first, then extensions).
    var directives: [AppliedDirective] { get }
}

extension HasAppliedDirectives {
    /// The first applied directive of that name.
    public func directive(named name: String) -> AppliedDirective? {
        directives.first { $0.name == name }
    }

    /// Every application of a (repeatable) directive of that name.
    public func directives(named name: String) -> [AppliedDirective] {
        directives.filter { $0.name == name }
    }

    /// Whether a directive of that name is applied.
    public func hasDirective(named name: String) -> Bool {
        directives.contains { $0.name == name }
    }
}

extension GraphQLNamedType: HasAppliedDirectives {}

extension GraphQLSchema {
    /// Every field of every object and interface type carrying the named
    /// directive, in type-map and field order: what the security layer scans
    /// for `@encrypted` or `@requires` when it starts.
    public func fields(withDirective name: String) -> [(typeName: String, field: GraphQLField)] {
        types.flatMap { type in
            (type.fields ?? []).filter { $0.hasDirective(named: name) }.map { (type.name, $0) }
        }
    }
}
