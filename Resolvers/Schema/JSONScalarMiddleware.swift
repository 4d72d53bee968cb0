public import GraphQLEngine

/// Fields of the free-form `JSON` scalar (`AuditLog.changes`,
/// `Notification.data`, `TwilioEventLog.rawEvent`) serve the stored value
/// whole. The default resolver hands embedded documents on as parents for
/// the next level; this middleware turns them back into one JSON value
/// (ObjectIds as hex, dates as ISO 8601, as the scalar's description says).
public struct JSONScalarMiddleware: FieldMiddleware {
    public init() {}

    public func applies(to field: GraphQLField, of type: ObjectType) -> Bool {
        field.type.namedTypeName == "JSON"
    }

    public func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
        guard let document = field.parent as? DocumentSource else { return try next(field) }
        // Reads the stored value directly: a JSON field has no resolver of its own.
        guard let stored = document.stored(field.fieldName) else { return .null }
        return .json(BSONConversion.json(stored))
    }
}
