/// `extensions.code` values the executor gives the errors it raises itself.
extension GraphQLError.Code {
    /// Variable or argument values that cannot be coerced to their types.
    public static let badUserInput = "BAD_USER_INPUT"
    /// No operation to run: none, several without a name, an unknown name, or
    /// a root type the schema lacks.
    public static let operationResolutionFailure = "OPERATION_RESOLUTION_FAILURE"
    /// A field the caller may not read (raised by the security layer's middleware).
    public static let forbidden = "FORBIDDEN"
    /// A resolver or loader failed with an error not meant for clients, or a
    /// value did not fit its type.
    public static let internalServerError = "INTERNAL_SERVER_ERROR"
}

/// An error a resolver may throw whose text is safe to show to clients.
/// Other errors reach the client only as "Internal server error", so raw
/// database or Swift errors never leak.
public protocol ClientFacingError: Error {
    /// The error as the response should carry it (path and locations are
    /// added by the executor when missing).
    var graphQLError: GraphQLError { get }
}

extension GraphQLError: ClientFacingError {
    public var graphQLError: GraphQLError { self }
}

/// Turning whatever a resolver threw into a response error.
enum FieldErrors {
    static let internalMessage = "Internal server error"

    static func graphQLError(from error: any Error) -> GraphQLError {
        if let facing = error as? any ClientFacingError { return facing.graphQLError }
        if let coercion = error as? CoercionError {
            return GraphQLError(
                message: coercion.description, extensions: [("code", .string(GraphQLError.Code.internalServerError))])
        }
        return GraphQLError(
            message: internalMessage, extensions: [("code", .string(GraphQLError.Code.internalServerError))])
    }

    static func withCode(_ message: String, _ code: String) -> GraphQLError {
        GraphQLError(message: message, extensions: [("code", .string(code))])
    }
}
