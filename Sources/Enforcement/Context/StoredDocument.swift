public import GraphQLEngine
public import MongoStore

/// A parent value that is a stored document of an entity's collection (or one
/// embedded in it): what the field pipeline needs to see of it to decide on a
/// personal-data field (the row's fields, for the row rules) and to decrypt one
/// (the row's `_id`, for the ciphertext's binding). The resolvers' document
/// source conforms; the pipeline never depends on how resolvers read.
public protocol StoredDocument: FieldSource {
    /// The document as stored.
    var document: BSONDocument { get }
}

extension StoredDocument {
    /// The row's `_id`, nil when it has none (an embedded document).
    var storedID: ObjectID? {
        if case .objectID(let id)? = document["_id"] { return id }
        return nil
    }
}
