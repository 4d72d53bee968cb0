public import GraphQLEngine
public import MongoStore
public import SupportCarrData

/// The few moves every resolver makes, so each area file reads as a list of
/// relationships: the request's context, the parent document, and loads.
extension FieldContext {
    /// The request's `RequestContext` (an internal error if the server passed another).
    public func requestContext() throws -> RequestContext {
        try context(as: RequestContext.self)
    }

    /// The parent as a stored document (an internal error otherwise).
    public func document() throws -> DocumentSource {
        guard let document = parent as? DocumentSource else {
            throw GraphQLError(
                message: "Internal server error", extensions: [("code", .string(GraphQLError.Code.internalServerError))]
            )
        }
        return document
    }

    /// The document of `collection` whose `_id` the parent stores in `field`
    /// (null when the parent has none): a `RescueRequest.rider` from `riderId`.
    public func byID(_ collection: Collections, from field: String, typeName: String? = nil) throws -> ResolvedValue {
        guard let id = try document().objectID(field) else { return .null }
        return load(ByIDLoader(try requestContext(), collection, typeName: typeName), key: id)
    }

    /// The one document of `collection` whose `field` holds the parent's `_id`
    /// (a `RescueRequest.assignment` by `rescueId`).
    public func one(_ collection: Collections, where field: String, typeName: String? = nil) throws -> ResolvedValue {
        guard let id = try document().objectID("_id") else { return .null }
        return load(ByForeignKeyLoader(try requestContext(), collection, field: field, typeName: typeName), key: id)
    }

    /// Every document of `collection` whose `field` holds the parent's `_id`
    /// (or the id the parent stores in `own`), in `sort` order.
    public func many(
        _ collection: Collections, where field: String, matching own: String = "_id", sort: BSONDocument? = nil,
        filter: BSONDocument = [:]
    ) throws -> ResolvedValue {
        guard let id = try document().objectID(own) else { return .null }
        let loader = ManyByForeignKeyLoader(try requestContext(), collection, field: field, sort: sort, filter: filter)
        return load(loader, key: id) { documents in .list((documents ?? []).map { .object($0) }) }
    }

    /// A root lookup: the document of `collection` with the `id` argument.
    public func lookup(_ collection: Collections, typeName: String? = nil) throws -> ResolvedValue {
        let id = try objectIDArgument("id")
        return load(ByIDLoader(try requestContext(), collection, typeName: typeName), key: id)
    }

    /// An `ObjectID!` argument, refused with `BAD_USER_INPUT` when not 24 hex digits.
    public func objectIDArgument(_ name: String) throws -> ObjectID {
        guard let text = arguments[name, as: String.self] else {
            throw UserInputError("Argument \"\(name)\" is required.")
        }
        guard let id = ObjectID(text) else {
            throw UserInputError("Argument \"\(name)\" is not an ObjectID (24 hexadecimal digits): \"\(text)\".")
        }
        return id
    }

    /// An optional `ObjectID` argument.
    public func optionalObjectIDArgument(_ name: String) throws -> ObjectID? {
        guard arguments[name, as: String.self] != nil else { return nil }
        return try objectIDArgument(name)
    }
}

/// A mistake in the request's arguments: shown to the client with code `BAD_USER_INPUT`.
public struct UserInputError: ClientFacingError {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var graphQLError: GraphQLError {
        GraphQLError(message: message, extensions: [("code", .string(GraphQLError.Code.badUserInput))])
    }
}
