public import GraphQLEngine
public import Security

/// What the gateway's field pipeline needs to enforce `Schema.graphql`'s
/// security directives: the key ring (decryption) and where personal-data
/// reads are audited.
public struct FieldSecurity: Sendable {
    let cipher: FieldCipher
    let audit: PersonalDataAuditRecorder?

    public init(cipher: FieldCipher, audit: PersonalDataAuditRecorder? = nil) {
        self.cipher = cipher
        self.audit = audit
    }

    /// The development key ring, no audit (tests and a laptop's demo data).
    public static var development: FieldSecurity { FieldSecurity(cipher: FieldCipher(keyRing: .development)) }

    /// The middleware, outermost first: the permission check, the write
    /// policies, then decryption.
    public func middleware(for schema: GraphQLSchema) throws(SecuritySchemaError) -> [any FieldMiddleware] {
        [
            try PermissionMiddleware(schema: schema, audit: audit), WritePolicyMiddleware.standard,
            DecryptionMiddleware(cipher: cipher),
        ]
    }
}
