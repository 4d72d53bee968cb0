public import GraphQLEngine

/// A mistake in the request's arguments: shown to the client with code
/// `BAD_USER_INPUT`, the message naming the argument.
public struct UserInputError: ClientFacingError {
    public let message: String
    /// The argument at fault as a path through input objects
    /// (`input.pickup.lat`), as `extensions.argument`; nil when the message
    /// alone names it.
    public let argument: String?

    public init(_ message: String) {
        self.message = message
        self.argument = nil
    }

    /// A refusal of the argument at `argument` (`input.pickup.lat`): the
    /// message reads `Argument "input.pickup.lat" must be ...`.
    public init(argument: String, _ problem: String) {
        self.message = "Argument \"\(argument)\" \(problem)."
        self.argument = argument
    }

    public var graphQLError: GraphQLError {
        var extensions: [(key: String, value: JSONValue)] = [("code", .string(GraphQLError.Code.badUserInput))]
        if let argument { extensions.append(("argument", .string(argument))) }
        return GraphQLError(message: message, extensions: extensions)
    }
}

/// An id argument naming nothing the caller may act on: no such document, or
/// one its row rules hide (the two are not told apart). Shown with code
/// `NOT_FOUND` and the argument's path.
public struct NotFoundError: ClientFacingError {
    /// `extensions.code` of a missing document.
    public static let code = "NOT_FOUND"

    public let message: String
    public let argument: String

    /// `what` names the kind of document: "rescue", "driver profile".
    public init(argument: String, what: String) {
        self.message = "Argument \"\(argument)\" names no \(what) you may act on."
        self.argument = argument
    }

    public var graphQLError: GraphQLError {
        GraphQLError(message: message, extensions: [("code", .string(Self.code)), ("argument", .string(argument))])
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
