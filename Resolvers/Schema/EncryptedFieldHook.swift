public import GraphQLEngine

/// THE SEAM for stored ciphertext: applies to every field marked `@encrypted`.
///
/// Decryption is not this target's job (the security issue adds it). Until
/// then this hook passes the stored value through unchanged: the ciphertext
/// string (or, for encrypted objects such as `DriverProfile.bankDetails`, a
/// string where an object is expected, which the executor reports as a field
/// error). The security layer replaces it by passing its own middleware to
/// `SupportCarrSchema.make(security:)`, which then sees every field (for
/// `@requires`) and every encrypted value (for decryption) without any
/// resolver changing.
public struct EncryptedFieldHook: FieldMiddleware {
    public init() {}

    public func applies(to field: GraphQLField, of type: ObjectType) -> Bool {
        field.directive(named: "encrypted") != nil
    }

    public func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
        // Raw pass-through until decryption lands (see the type's comment).
        try next(field)
    }
}
