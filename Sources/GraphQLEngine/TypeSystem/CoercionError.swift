/// A value could not be coerced to or from a GraphQL type.
///
/// Raised by scalar and enum coercion (input from literals or variables, and
/// result serialization). It carries only the message, worded as graphql-js 16
/// words it; the layer that catches it adds locations and path when it turns
/// it into a `GraphQLError`.
/// https://spec.graphql.org/October2021/#sec-Scalars.Input-Coercion
public struct CoercionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
