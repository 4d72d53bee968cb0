public import GraphQLEngine

/// A value a unique index refused: an email, phone number or plate another
/// record holds. Shown with code `CONFLICT` and the argument's path; the
/// refusal comes from the unique blind index at write time, never from a read
/// before it (two writes at once cannot both pass).
public struct DuplicateValueError: ClientFacingError {
    public let message: String
    public let argument: String

    public init(argument: String, what: String) {
        self.message = "Argument \"\(argument)\": another record already has this \(what)."
        self.argument = argument
    }

    public var graphQLError: GraphQLError {
        GraphQLError(
            message: message, extensions: [("code", .string(ConflictError.code)), ("argument", .string(argument))])
    }
}
