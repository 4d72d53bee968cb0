/// Looking ahead at a field's sub-selection, for resolvers that can answer
/// part of it in the same read (a list that also counts its items only when
/// `totalCount` is asked for).
extension FieldContext {
    /// The fields this field's selection set asks of an object of
    /// `typeName` (by default the field's own type, when it is an object
    /// type), merged as the executor will run them: fragments expanded, type
    /// conditions and `@skip`/`@include` applied
    /// (https://spec.graphql.org/October2021/#CollectFields()). Empty when the
    /// type is not an object type of the schema or the field has no
    /// sub-selection.
    ///
    /// Reads only the request's immutable inputs, so it may be called from
    /// the synchronous or the async part of a resolver.
    public func selectedFields(on typeName: String? = nil) -> [SelectedField] {
        let name = typeName ?? plan.definition.type.namedTypeName
        guard case .object(let type)? = execution.schema.schema.type(named: name) else { return [] }
        let selectionSets = plan.fieldNodes.compactMap(\.selectionSet)
        guard !selectionSets.isEmpty else { return [] }
        return execution.makeObjectPlan(type: type, selectionSets: selectionSets).fields.map { field in
            SelectedField(name: field.definition.name, responseKey: field.responseKey, arguments: field.argumentValues)
        }
    }

    /// Whether the sub-selection asks for a field of this name (see `selectedFields(on:)`).
    public func selects(_ fieldName: String, on typeName: String? = nil) -> Bool {
        selectedFields(on: typeName).contains { $0.name == fieldName }
    }
}

/// A field of a sub-selection, as `FieldContext.selectedFields(on:)` reports it.
public struct SelectedField: Sendable {
    /// The field's name in the schema.
    public let name: String
    /// Its key in the response (alias or name).
    public let responseKey: String
    /// Its coerced arguments (empty when they do not coerce: the field will fail when run).
    public let arguments: ArgumentValues
}
