/// One type definition or type extension of an SDL document, seen through a
/// single shape so the SDL checks and the schema builder treat the twelve
/// node kinds uniformly. Parts a kind does not have are empty.
struct TypeDefinitionView {
    let kind: TypeKind
    let isExtension: Bool
    let name: Name
    let description: StringValue?
    let interfaces: [NamedType]
    let directives: [Directive]
    let fields: [FieldDefinition]
    let inputFields: [InputValueDefinition]
    let values: [EnumValueDefinition]
    let memberTypes: [NamedType]
    let loc: Location
    let definition: Definition

    // swift-format-ignore
    init?(_ definition: Definition) {
        self.definition = definition
        var interfaces: [NamedType] = []
        var fields: [FieldDefinition] = []
        var inputFields: [InputValueDefinition] = []
        var values: [EnumValueDefinition] = []
        var members: [NamedType] = []
        var description: StringValue?
        switch definition {
        case .scalarType(let n):
            (kind, isExtension, name, directives, loc, description) = (.scalar, false, n.name, n.directives, n.loc, n.description)
        case .objectType(let n):
            (kind, isExtension, name, directives, loc, description) = (.object, false, n.name, n.directives, n.loc, n.description)
            (interfaces, fields) = (n.interfaces, n.fields)
        case .interfaceType(let n):
            (kind, isExtension, name, directives, loc, description) = (.interface, false, n.name, n.directives, n.loc, n.description)
            (interfaces, fields) = (n.interfaces, n.fields)
        case .unionType(let n):
            (kind, isExtension, name, directives, loc, description) = (.union, false, n.name, n.directives, n.loc, n.description)
            members = n.types
        case .enumType(let n):
            (kind, isExtension, name, directives, loc, description) = (.enumType, false, n.name, n.directives, n.loc, n.description)
            values = n.values
        case .inputObjectType(let n):
            (kind, isExtension, name, directives, loc, description) = (.inputObject, false, n.name, n.directives, n.loc, n.description)
            inputFields = n.fields
        case .scalarTypeExtension(let n):
            (kind, isExtension, name, directives, loc) = (.scalar, true, n.name, n.directives, n.loc)
        case .objectTypeExtension(let n):
            (kind, isExtension, name, directives, loc) = (.object, true, n.name, n.directives, n.loc)
            (interfaces, fields) = (n.interfaces, n.fields)
        case .interfaceTypeExtension(let n):
            (kind, isExtension, name, directives, loc) = (.interface, true, n.name, n.directives, n.loc)
            (interfaces, fields) = (n.interfaces, n.fields)
        case .unionTypeExtension(let n):
            (kind, isExtension, name, directives, loc) = (.union, true, n.name, n.directives, n.loc)
            members = n.types
        case .enumTypeExtension(let n):
            (kind, isExtension, name, directives, loc) = (.enumType, true, n.name, n.directives, n.loc)
            values = n.values
        case .inputObjectTypeExtension(let n):
            (kind, isExtension, name, directives, loc) = (.inputObject, true, n.name, n.directives, n.loc)
            inputFields = n.fields
        default:
            return nil
        }
        self.description = description
        self.interfaces = interfaces
        self.fields = fields
        self.inputFields = inputFields
        self.values = values
        self.memberTypes = members
    }

    /// The directive location of the type itself.
    var directiveLocation: DirectiveLocation {
        switch kind {
        case .scalar: return .scalar
        case .object: return .object
        case .interface: return .interface
        case .union: return .union
        case .enumType: return .enumType
        case .inputObject, .list, .nonNull: return .inputObject
        }
    }

    /// The kind as graphql-js names it in "Cannot extend non-... type".
    var kindWord: String {
        switch kind {
        case .scalar: return "scalar"
        case .object: return "object"
        case .interface: return "interface"
        case .union: return "union"
        case .enumType: return "enum"
        case .inputObject, .list, .nonNull: return "input object"
        }
    }
}
