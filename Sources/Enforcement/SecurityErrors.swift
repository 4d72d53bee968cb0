public import GraphQLEngine
import Security

/// The field errors of the security middleware, with stable `extensions.code`s.
public enum SecurityErrors {
    /// `extensions.code` of a value that could not be decrypted.
    public static let decryptionFailedCode = "DECRYPTION_FAILED"

    /// `extensions.code` of a field refused because the audit log cannot
    /// record it now (`FieldAudit.isRequired`).
    public static let auditUnavailableCode = "AUDIT_UNAVAILABLE"

    /// The one answer to a request without a valid key (`AuthenticationError`):
    /// the server sends it as the response's only error, with no `data`, and
    /// runs no resolver.
    public static var unauthenticated: GraphQLError {
        GraphQLError(message: AuthenticationError.message, extensions: [("code", .string(AuthenticationError.code))])
    }

    /// A field the caller's key may not read: it lacks `missing`.
    static func forbidden(missing: some Sequence<String>) -> GraphQLError {
        let names = missing.map { "'\($0)'" }.joined(separator: ", ")
        return GraphQLError(
            message: "Not allowed: this field needs the permission \(names).",
            extensions: [("code", .string(GraphQLError.Code.forbidden))])
    }

    /// A rescue move the caller's role may not make (`RescueTransitions.mayMove`).
    static func forbiddenMove(role: Role, from: String, to: String) -> GraphQLError {
        GraphQLError(
            message: "Not allowed: a \(role) key may not move a rescue from \(from) to \(to).",
            extensions: [("code", .string(GraphQLError.Code.forbidden))])
    }

    /// A lifecycle write the caller's role may not make at all (`RoleWritePolicy`).
    static func forbiddenWrite(role: Role, doing: String) -> GraphQLError {
        GraphQLError(
            message: "Not allowed: \(role == .admin ? "an" : "a") \(role) key may not \(doing).",
            extensions: [("code", .string(GraphQLError.Code.forbidden))])
    }

    /// Personal data of a row the caller may see but whose personal data is not theirs to read.
    static let forbiddenPersonalData = GraphQLError(
        message: "Not allowed: personal data of a record that is not the caller's.",
        extensions: [("code", .string(GraphQLError.Code.forbidden))])

    /// Personal data (or a staff write) that would have to be recorded in the
    /// audit log while the log cannot take it; retrying later may succeed.
    static let auditUnavailable = GraphQLError(
        message: "Not served: the audit log cannot record this access right now; try again shortly.",
        extensions: [("code", .string(auditUnavailableCode))])

    /// A stored ciphertext that did not open (tampered, moved, unknown key);
    /// the reason is not told to the client.
    static let decryptionFailed = GraphQLError(
        message: "The stored value could not be decrypted.", extensions: [("code", .string(decryptionFailedCode))])
}
