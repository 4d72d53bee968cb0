public import Enforcement
public import GraphQLEngine
public import MongoStore

/// A stored document (or an embedded one) as the parent of a level: the
/// default resolver reads its fields by the schema's names.
///
/// Names differ from the stored ones in two places only (see the top of
/// `Schema.graphql`): `id` is `_id`, and a GeoJSON point's `lng`/`lat` are its
/// `coordinates[0]`/`[1]`. Enum values are upper-cased by `EnumCaseMiddleware`,
/// which knows the field's type; this type knows only the document.
public struct DocumentSource: StoredDocument {
    public let document: BSONDocument
    /// The object type the document is, for `Profile` and other abstract fields.
    public let typeName: String?

    public init(_ document: BSONDocument, typeName: String? = nil) {
        self.document = document
        self.typeName = typeName
    }

    public func fieldValue(named name: String) -> ResolvedValue {
        if let value = stored(name) { return BSONConversion.resolved(value) }
        return .null
    }

    /// The stored value behind a schema field name, nil when absent.
    public func stored(_ name: String) -> BSONValue? {
        switch name {
        case "id":
            return document["_id"]
        case "lng", "lat":
            if let value = document[name] { return value }
            guard case .array(let coordinates)? = document["coordinates"], coordinates.count == 2 else { return nil }
            return coordinates[name == "lng" ? 0 : 1]
        default:
            return document[name]
        }
    }

    /// The ObjectId stored under `name`, nil when absent or of another type.
    public func objectID(_ name: String) -> ObjectID? {
        if case .objectID(let id)? = stored(name) { return id }
        return nil
    }

    public var runtimeTypeName: String? { typeName }
}
