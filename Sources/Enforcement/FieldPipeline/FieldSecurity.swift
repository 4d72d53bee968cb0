public import GraphQLEngine
public import Security

/// What the gateway's field pipeline needs to enforce `Schema.graphql`'s
/// security directives: the key ring (decryption) and where personal-data
/// reads and staff writes are audited (and whether what cannot be audited is
/// refused: production).
public struct FieldSecurity: Sendable {
    let cipher: FieldCipher
    let audit: FieldAudit
    /// The key of the blind indexes that writes keep beside encrypted fields.
    let blindIndex: BlindIndex

    /// - Parameters:
    ///   - audit: where support and admin reads of personal data, and their
    ///     writes to other users' data, are recorded; nil records nothing.
    ///   - requiresAudit: refuse what `audit` cannot record now with
    ///     `AUDIT_UNAVAILABLE` instead of serving it unrecorded (production).
    ///   - blindIndex: the key of the blind indexes mutations write beside
    ///     the fields that have one (`PersonalDataSealer`).
    public init(
        cipher: FieldCipher, audit: PersonalDataAuditRecorder? = nil, requiresAudit: Bool = false,
        blindIndex: BlindIndex = .development
    ) {
        self.cipher = cipher
        self.audit = FieldAudit(recorder: audit, isRequired: requiresAudit)
        self.blindIndex = blindIndex
    }

    /// Encryption on write with the same keys the pipeline decrypts with:
    /// what the schema's mutations seal personal data with.
    public var sealer: PersonalDataSealer {
        PersonalDataSealer(cipher: FieldCipher(keyRing: cipher.keyRing), blindIndex: blindIndex)
    }

    /// Export and erasure of a user's data with the keys the pipeline
    /// decrypts with (`exportUserData`, `eraseUser`).
    public var userDataRights: UserDataRights { UserDataRights(cipher: cipher) }

    /// The support console's look-ups through the blind indexes (`userByPhone`,
    /// `riderByEmail`, `vehicleByPlate`).
    public var lookup: PersonalDataLookup { PersonalDataLookup(sealer: sealer) }

    /// The development key ring, no audit (tests and a laptop's demo data).
    public static var development: FieldSecurity { FieldSecurity(cipher: FieldCipher(keyRing: .development)) }

    /// The middleware, outermost first: the permission check, the read
    /// policies, the write policies, then decryption.
    ///
    /// - Throws: `SecuritySchemaError` when `@requires` names a permission
    ///   outside the catalogue, or a field the data model encrypts is served
    ///   without `@encrypted` and a `pii:` permission (`EncryptedFieldCoverage`).
    public func middleware(for schema: GraphQLSchema) throws(SecuritySchemaError) -> [any FieldMiddleware] {
        try EncryptedFieldCoverage.check(schema)
        return [
            try PermissionMiddleware(schema: schema, audit: audit), ReadPolicyMiddleware.standard,
            WritePolicyMiddleware.standard(audit: audit), DecryptionMiddleware(cipher: cipher),
        ]
    }
}
