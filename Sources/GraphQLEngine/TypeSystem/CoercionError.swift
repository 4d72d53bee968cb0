/// A value could not be coerced to or from a GraphQL type.
///
/// Raised by scalar and enum coercion (input from literals or variables, and
/// result serialization). It carries the message, worded as graphql-js 16
/// words it, and apart from it the "Did you mean ...?" hint, if any: a server
/// that hides its schema (introspection off) leaves the hint out, since it
/// names schema members. The layer that catches it adds locations and path
/// when it turns it into a `GraphQLError`.
/// https://spec.graphql.org/October2021/#sec-Scalars.Input-Coercion
public struct CoercionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message without the hint.
    public let message: String
    /// The hint that follows the message (starting with a space), or "".
    public let suggestion: String

    public init(_ message: String, suggestion: String = "") {
        self.message = message
        self.suggestion = suggestion
    }

    /// The message, followed by the hint when `suggestions` allows it.
    public func text(suggestions: Bool) -> String {
        suggestions ? message + suggestion : message
    }

    public var description: String { message + suggestion }
}
