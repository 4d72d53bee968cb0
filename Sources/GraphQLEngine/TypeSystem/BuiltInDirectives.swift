/// The directives every schema has.
/// https://spec.graphql.org/October2021/#sec-Type-System.Directives.Built-in-Directives
public enum BuiltInDirectives {
    /// The reason `@deprecated` gives when none is written.
    public static let defaultDeprecationReason = "No longer supported"

    /// `@include(if: Boolean!)`: https://spec.graphql.org/October2021/#sec--include
    public static let include = GraphQLDirective(
        name: "include",
        description: "Directs the executor to include this field or fragment only when the `if` argument is true.",
        locations: [.field, .fragmentSpread, .inlineFragment],
        arguments: [
            GraphQLInputValue(name: "if", description: "Included when true.", type: .nonNull(.named("Boolean")))
        ])

    /// `@skip(if: Boolean!)`: https://spec.graphql.org/October2021/#sec--skip
    public static let skip = GraphQLDirective(
        name: "skip",
        description: "Directs the executor to skip this field or fragment when the `if` argument is true.",
        locations: [.field, .fragmentSpread, .inlineFragment],
        arguments: [
            GraphQLInputValue(name: "if", description: "Skipped when true.", type: .nonNull(.named("Boolean")))
        ])

    /// `@deprecated(reason: String = "No longer supported")`:
    /// https://spec.graphql.org/October2021/#sec--deprecated
    public static let deprecated = GraphQLDirective(
        name: "deprecated",
        description: "Marks an element of a GraphQL schema as no longer supported.",
        locations: [.fieldDefinition, .argumentDefinition, .inputFieldDefinition, .enumValue],
        arguments: [
            GraphQLInputValue(
                name: "reason",
                description:
                    "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).",
                type: .named("String"),
                defaultValue: .string(
                    StringValue(value: defaultDeprecationReason, block: false, loc: Location(start: 0, end: 0))),
                coercedDefaultValue: .string(defaultDeprecationReason))
        ])

    /// `@specifiedBy(url: String!)`: https://spec.graphql.org/October2021/#sec--specifiedBy
    public static let specifiedBy = GraphQLDirective(
        name: "specifiedBy",
        description: "Exposes a URL that specifies the behavior of this scalar.",
        locations: [.scalar],
        arguments: [
            GraphQLInputValue(
                name: "url", description: "The URL that specifies the behavior of this scalar.",
                type: .nonNull(.named("String")))
        ])

    /// All four, in graphql-js's order.
    public static let all: [GraphQLDirective] = [include, skip, deprecated, specifiedBy]

    /// Whether `name` is one of the built-in directive names.
    public static func isBuiltIn(_ name: String) -> Bool {
        all.contains { $0.name == name }
    }
}
