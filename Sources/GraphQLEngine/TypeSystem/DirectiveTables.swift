/// What the directive rules of validation need to know about the schema's
/// directives, by directive name, worked out once when the schema is built
/// rather than by every rule on every validation.
struct DirectiveTables: Sendable {
    /// The locations each directive may be used at, as their names (`FIELD`).
    var locations: [String: [String]] = [:]
    /// Each directive's required arguments in order, with their types as written.
    var requiredArguments: [String: [(name: String, type: String)]] = [:]
    /// The names of each directive's arguments, in order.
    var argumentNames: [String: [String]] = [:]
    /// Whether each directive may be used only once per location (not repeatable).
    var isUnique: [String: Bool] = [:]

    init(_ directives: [GraphQLDirective]) {
        for directive in directives {
            locations[directive.name] = directive.locations.map(\.rawValue)
            requiredArguments[directive.name] = directive.arguments.filter(\.isRequired).map {
                ($0.name, $0.type.description)
            }
            argumentNames[directive.name] = directive.arguments.map(\.name)
            isUnique[directive.name] = !directive.isRepeatable
        }
    }
}
