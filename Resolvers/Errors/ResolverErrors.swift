public import GraphQLEngine

/// A mistake in the request's arguments: shown to the client with code
/// `BAD_USER_INPUT`, the message naming the argument.
public struct UserInputError: ClientFacingError {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var graphQLError: GraphQLError {
        GraphQLError(message: message, extensions: [("code", .string(GraphQLError.Code.badUserInput))])
    }
}

/// A write that lost a compare-and-set: the entity is no longer in the state
/// the caller saw. Shown with code `CONFLICT` and the current state, so a
/// client can refresh and decide again.
public struct ConflictError: ClientFacingError {
    /// `extensions.code` of a conflict.
    public static let code = "CONFLICT"

    public let message: String
    /// The entity's state now (for a rescue, its status), as `extensions.currentStatus`.
    public let currentStatus: String

    public init(_ message: String, currentStatus: String) {
        self.message = message
        self.currentStatus = currentStatus
    }

    public var graphQLError: GraphQLError {
        GraphQLError(
            message: message, extensions: [("code", .string(Self.code)), ("currentStatus", .string(currentStatus))])
    }
}
