public import DataModel
public import GraphQLEngine
public import Security

/// What reading one field of one object type takes, worked out once from the
/// schema's `@requires` directives when the executable schema is built.
///
/// `Schema.graphql`'s description of `@requires`: a type's permission is
/// checked at every field that returns the type; a field's own permissions are
/// needed in addition to those of its parent type and its own type. So the
/// check at `RescueRequest.rider` asks for `riders:read` (the type returned)
/// and `rescues:read` (the parent, repeated for defence in depth).
///
/// Fields that need nothing beyond their parent's permission (the plain
/// scalars of an entity) are not checked at all: their parent could only be
/// reached through a field that checked it, since every field returning a
/// guarded type is checked, the root types are unguarded, and abstract
/// results are checked by their concrete type.
public struct FieldRequirement: Sendable {
    /// Every permission the field needs.
    public let permissions: PermissionSet
    /// Whether the field is personal data (it names a `pii:` permission itself):
    /// the caller must also be allowed to read the row's personal data
    /// (`RowRules.personalData`), and support and admin reads are audited.
    public let isPersonalData: Bool
    /// The collection of the parent entity (nil for embedded types).
    public let parentCollection: Collections?
    /// For a field returning an interface or union: the permissions of each
    /// concrete type a value may turn out to be.
    public let concreteTypes: [String: PermissionSet]?

    /// The permissions `@requires` names on `element` (a type or a field).
    /// Names outside the catalogue make start-up fail (`SecuritySchemaError`).
    static func permissions(of element: some HasAppliedDirectives, at place: String) throws(SecuritySchemaError)
        -> PermissionSet
    {
        var found: [Permission] = []
        for directive in element.directives(named: "requires") {
            guard case .string(let name)? = directive.argument("permission"), let permission = Permission(name: name)
            else {
                throw SecuritySchemaError(message: "\(place): @requires names no permission of the catalogue")
            }
            found.append(permission)
        }
        return PermissionSet(found)
    }

    /// Every field's requirement, by type name then field name; fields that
    /// need no check are absent.
    public static func table(for schema: GraphQLSchema) throws(SecuritySchemaError) -> [String: [String:
        FieldRequirement]]
    {
        var typePermissions: [String: PermissionSet] = [:]
        for case .object(let object) in schema.types {
            typePermissions[object.name] = try permissions(of: object, at: object.name)
        }
        var table: [String: [String: FieldRequirement]] = [:]
        for case .object(let object) in schema.types {
            let parent = typePermissions[object.name] ?? []
            for field in object.fields {
                // The field's own `@requires`, and those its interfaces declare
                // for it (so an implementation cannot drop an interface's rule).
                var own = try permissions(of: field, at: object.name + "." + field.name)
                for name in object.interfaces {
                    guard case .interface(let interface)? = schema.type(named: name),
                        let declared = interface.field(named: field.name)
                    else { continue }
                    own = own.union(try permissions(of: declared, at: name + "." + field.name))
                }
                let returned = field.type.namedTypeName
                var concrete: [String: PermissionSet]?
                var needed = own
                switch schema.type(named: returned) {
                case .object:
                    needed = needed.union(typePermissions[returned] ?? [])
                case .some(let abstract) where abstract.isAbstractType:
                    let possible = schema.possibleTypes(of: abstract)
                    concrete = Dictionary(
                        uniqueKeysWithValues: possible.map { ($0.name, typePermissions[$0.name] ?? []) })
                default:
                    break
                }
                if needed.isEmpty && (concrete?.values.allSatisfy(\.isEmpty) ?? true) { continue }
                table[object.name, default: [:]][field.name] = FieldRequirement(
                    permissions: needed.union(parent),
                    isPersonalData: own.contains { $0.name.hasPrefix("pii:") },
                    parentCollection: Collections(entityTypeName: object.name),
                    concreteTypes: concrete)
            }
        }
        return table
    }
}

/// `Schema.graphql`'s security directives do not fit the catalogue.
public struct SecuritySchemaError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
