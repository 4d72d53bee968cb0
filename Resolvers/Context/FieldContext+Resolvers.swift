public import DataModel
import Enforcement
public import GraphQLEngine
public import MongoStore

/// The few moves every resolver makes, so each area file reads as a list of
/// relationships: the request's context, the parent document, and loads.
extension FieldContext {
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
    public func byID(_ collection: Collections, from field: String) throws -> ResolvedValue {
        guard let id = try document().objectID(field) else { return .null }
        return load(ByIDLoader(try accessContext(), collection), key: id)
    }

    /// The one document of `collection` whose `field` holds the parent's `_id`
    /// (a `RescueRequest.assignment` by `rescueId`).
    public func one(_ collection: Collections, where field: String) throws -> ResolvedValue {
        guard let id = try document().objectID("_id") else { return .null }
        return load(ByForeignKeyLoader(try accessContext(), collection, field: field), key: id)
    }

    /// Every document of `collection` whose `field` holds the parent's `_id`
    /// (or the id the parent stores in `own`), in `sort` order.
    public func many(
        _ collection: Collections, where field: String, matching own: String = "_id", sort: BSONDocument? = nil,
        filter: BSONDocument = [:]
    ) throws -> ResolvedValue {
        guard let id = try document().objectID(own) else { return .null }
        let loader = ManyByForeignKeyLoader(try accessContext(), collection, field: field, sort: sort, filter: filter)
        return load(loader, key: id) { documents in .list((documents ?? []).map { .object($0) }) }
    }

    /// A root lookup: the document of `collection` with the `id` argument.
    public func lookup(_ collection: Collections) throws -> ResolvedValue {
        let id = try objectIDArgument("id")
        return load(ByIDLoader(try accessContext(), collection), key: id)
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
