import DataModel
import GraphQLEngine
import Security

/// A start-up check of the served schema against the data model: every field
/// the data model stores encrypted (`EncryptedField.all`) that the schema
/// serves must carry `@encrypted` and a `pii:` permission (`docs/ARCHITECTURE.md`,
/// "Where a change goes": an encrypted field needs both).
///
/// The schema is read from `Schema.graphql` when the gateway starts, so a
/// directive lost in an edit would otherwise go unnoticed until a client saw
/// it: without `@encrypted` the stored ciphertext is served as it is (to anyone
/// the type's permission admits); without a `pii:` permission the field skips
/// the row's personal-data rule and the audit. Either refuses to start, naming
/// the field. A field the schema does not serve at all leaks nothing and is not
/// asked for (tests serve small schemas).
enum EncryptedFieldCoverage {
    /// Throws for the first encrypted field the schema serves without both directives.
    static func check(_ schema: GraphQLSchema) throws(SecuritySchemaError) {
        for encrypted in EncryptedField.all {
            let typeName = encrypted.collection.entityTypeName
            guard case .object(let object)? = schema.type(named: typeName),
                let field = object.field(named: encrypted.field)
            else { continue }
            let place = "\(typeName).\(encrypted.field)"
            guard field.hasDirective(named: "encrypted") else {
                throw SecuritySchemaError(
                    message:
                        "\(place) is stored encrypted (\(encrypted)) but has no @encrypted: it would be served as ciphertext"
                )
            }
            // Its own `@requires` and those its interfaces declare for it, as `FieldRequirement` counts them.
            var permissions = try FieldRequirement.permissions(of: field, at: place)
            for name in object.interfaces {
                guard case .interface(let interface)? = schema.type(named: name),
                    let declared = interface.field(named: field.name)
                else { continue }
                permissions = permissions.union(
                    try FieldRequirement.permissions(of: declared, at: name + "." + field.name))
            }
            guard permissions.contains(where: { $0.name.hasPrefix("pii:") }) else {
                throw SecuritySchemaError(
                    message:
                        "\(place) is stored encrypted (\(encrypted)) but has no @requires with a pii: permission")
            }
        }
    }
}
