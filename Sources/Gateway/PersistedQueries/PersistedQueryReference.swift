import GraphQLEngine

/// `extensions.persistedQuery` of a request: Apollo's automatic persisted
/// queries (APQ), version 1. A client first sends only the SHA-256 of its
/// document; on `PersistedQueryNotFound` it sends the hash with the text,
/// which registers it, and later requests send the hash alone.
public struct PersistedQueryReference: Sendable, Equatable {
    /// Lower-case hex SHA-256 of the document text's UTF-8 bytes.
    public var sha256Hash: String
    public var version: Int

    public init(sha256Hash: String, version: Int = 1) {
        self.sha256Hash = sha256Hash
        self.version = version
    }

    static func fromJSON(_ value: JSONValue) throws(TransportError) -> PersistedQueryReference? {
        guard case .object(let entries) = value else {
            if case .null = value { return nil }
            throw .badRequest("\"extensions.persistedQuery\" must be an object")
        }
        var hash: String?
        var version = 1
        for (key, value) in entries {
            switch (key, value) {
            case ("sha256Hash", .string(let text)): hash = text.lowercased()
            case ("sha256Hash", _): throw .badRequest("\"extensions.persistedQuery.sha256Hash\" must be a string")
            case ("version", .int(let number)): version = number
            case ("version", _): throw .badRequest("\"extensions.persistedQuery.version\" must be a number")
            default: continue
            }
        }
        guard let hash else { throw .badRequest("\"extensions.persistedQuery\" has no \"sha256Hash\"") }
        guard version == 1 else {
            throw .persistedQueryVersionNotSupported
        }
        guard hash.utf8.count == 64, hash.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            throw .badRequest("\"extensions.persistedQuery.sha256Hash\" must be 64 hexadecimal digits")
        }
        return PersistedQueryReference(sha256Hash: hash, version: version)
    }
}
