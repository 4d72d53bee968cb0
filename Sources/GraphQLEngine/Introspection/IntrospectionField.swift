/// One field of the introspection types (and the two meta-fields of the
/// query root), as a value the executor switches on: it answers these
/// fields itself from the schema's `IntrospectionIndex` (see
/// `ExecutionState.resolveIntrospection`), without a resolver closure, a
/// `FieldContext` or a `ResolvedValue` per field. Worked out once per field
/// when the executable schema is built.
/// (https://spec.graphql.org/October2021/#sec-Schema-Introspection)
enum IntrospectionField: Sendable {
    case schemaMeta, typeMeta
    case schemaDescription, schemaTypes, schemaQueryType, schemaMutationType, schemaSubscriptionType
    case schemaDirectives
    case typeKind, typeName, typeDescription, typeSpecifiedByURL, typeFields, typeInterfaces, typePossibleTypes
    case typeEnumValues, typeInputFields, typeOfType
    case fieldName, fieldDescription, fieldArgs, fieldType, fieldIsDeprecated, fieldDeprecationReason
    case inputValueName, inputValueDescription, inputValueType, inputValueDefaultValue, inputValueIsDeprecated
    case inputValueDeprecationReason
    case enumValueName, enumValueDescription, enumValueIsDeprecated, enumValueDeprecationReason
    case directiveName, directiveDescription, directiveIsRepeatable, directiveLocations, directiveArgs

    /// The field `field` of the introspection type `type`; nil for anything else.
    init?(type: String, field: String) {
        let found: IntrospectionField?
        switch type {
        case "__Schema":
            switch field {
            case "description": found = .schemaDescription
            case "types": found = .schemaTypes
            case "queryType": found = .schemaQueryType
            case "mutationType": found = .schemaMutationType
            case "subscriptionType": found = .schemaSubscriptionType
            case "directives": found = .schemaDirectives
            default: found = nil
            }
        case "__Type":
            switch field {
            case "kind": found = .typeKind
            case "name": found = .typeName
            case "description": found = .typeDescription
            case "specifiedByURL": found = .typeSpecifiedByURL
            case "fields": found = .typeFields
            case "interfaces": found = .typeInterfaces
            case "possibleTypes": found = .typePossibleTypes
            case "enumValues": found = .typeEnumValues
            case "inputFields": found = .typeInputFields
            case "ofType": found = .typeOfType
            default: found = nil
            }
        case "__Field":
            switch field {
            case "name": found = .fieldName
            case "description": found = .fieldDescription
            case "args": found = .fieldArgs
            case "type": found = .fieldType
            case "isDeprecated": found = .fieldIsDeprecated
            case "deprecationReason": found = .fieldDeprecationReason
            default: found = nil
            }
        case "__InputValue":
            switch field {
            case "name": found = .inputValueName
            case "description": found = .inputValueDescription
            case "type": found = .inputValueType
            case "defaultValue": found = .inputValueDefaultValue
            case "isDeprecated": found = .inputValueIsDeprecated
            case "deprecationReason": found = .inputValueDeprecationReason
            default: found = nil
            }
        case "__EnumValue":
            switch field {
            case "name": found = .enumValueName
            case "description": found = .enumValueDescription
            case "isDeprecated": found = .enumValueIsDeprecated
            case "deprecationReason": found = .enumValueDeprecationReason
            default: found = nil
            }
        case "__Directive":
            switch field {
            case "name": found = .directiveName
            case "description": found = .directiveDescription
            case "isRepeatable": found = .directiveIsRepeatable
            case "locations": found = .directiveLocations
            case "args": found = .directiveArgs
            default: found = nil
            }
        default:
            found = nil
        }
        guard let found else { return nil }
        self = found
    }
}
