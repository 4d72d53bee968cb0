internal import CMongoc

// Mapping libmongoc's bson_error_t (domain, code, message) and the server's reply
// document onto MongoError. The pool uses error API version 2, so errors the
// server returned come with domain MONGOC_ERROR_SERVER and the server's own code.

extension MongoError {
    /// The message text of a bson_error_t.
    static func message(of error: bson_error_t) -> String {
        withUnsafeBytes(of: error.message) { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let end = bytes.firstIndex(of: 0) ?? bytes.count
            return String(decoding: bytes[..<end], as: UTF8.self)
        }
    }

    /// The error libmongoc reported, refined with the reply when there is one.
    init(_ error: bson_error_t, reply: BSONDocument? = nil) {
        let message = Self.message(of: error)
        let domain = error.domain
        var serverCode: Int?
        let kind: Code
        var labels: [String] = []
        if case .array(let values)? = reply?["errorLabels"] {
            labels = values.compactMap { if case .string(let s) = $0 { s } else { nil } }
        }
        // A write error inside the reply is more precise than the summary error.
        var writeErrorCode: Int?
        var writeErrorMessage: String?
        var keyPatternIndex: String?
        if case .array(let writeErrors)? = reply?["writeErrors"], case .document(let first)? = writeErrors.first {
            writeErrorCode = try? first["code", as: Int.self]
            writeErrorMessage = try? first["errmsg", as: String.self]
            if let pattern = try? first["keyPattern", as: BSONDocument.self] {
                keyPatternIndex = pattern.elements.map { "\($0.key)_\(Self.indexKeySuffix($0.value))" }.joined(
                    separator: "_")
            }
        }

        switch domain {
        case MONGOC_ERROR_STREAM.rawValue:
            kind = message.localizedLowercase.contains("timed out") || message.contains("timeout") ? .timeout : .network
        case MONGOC_ERROR_SERVER_SELECTION.rawValue:
            // No server reachable within serverSelectionTimeoutMS.
            kind = message.contains("Timed out") || message.contains("timed out") ? .timeout : .network
        case MONGOC_ERROR_SERVER.rawValue, MONGOC_ERROR_WRITE_CONCERN.rawValue, MONGOC_ERROR_QUERY.rawValue,
            MONGOC_ERROR_COLLECTION.rawValue, MONGOC_ERROR_INSERT.rawValue:
            let code = writeErrorCode ?? Int(error.code)
            serverCode = code
            kind = Self.kind(ofServerCode: code)
        case MONGOC_ERROR_COMMAND.rawValue, MONGOC_ERROR_BSON.rawValue, MONGOC_ERROR_NAMESPACE.rawValue,
            MONGOC_ERROR_MATCHER.rawValue:
            kind = .invalidArgument
        case MONGOC_ERROR_TRANSACTION.rawValue:
            kind = .transaction
        case MONGOC_ERROR_CLIENT.rawValue:
            kind = error.code == MONGOC_ERROR_CLIENT_SESSION_FAILURE.rawValue ? .transaction : .network
        default:
            kind = .internal
        }
        var detail = "\(message) (domain \(domain), code \(error.code))"
        if let writeErrorMessage, writeErrorMessage != message { detail += "; \(writeErrorMessage)" }
        var indexName: String?
        if kind == .duplicateKey {
            indexName = Self.duplicateKeyIndexName(writeErrorMessage ?? message) ?? keyPatternIndex
        }
        self.init(code: kind, serverCode: serverCode, indexName: indexName, labels: labels, detail: detail)
    }

    /// The kind of a server error code (https://www.mongodb.com/docs/manual/reference/error-codes/).
    static func kind(ofServerCode code: Int) -> Code {
        switch code {
        case 11000, 11001, 12582: .duplicateKey
        case 26: .notFound  // NamespaceNotFound
        case 50, 262: .timeout  // MaxTimeMSExpired, ExceededTimeLimit
        // Host unreachable, not primary, shutdown...
        case 6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436: .network
        case 112, 244, 251, 256, 257, 263: .transaction  // WriteConflict, TransactionAborted, NoSuchTransaction...
        // BadValue, FailedToParse, TypeMismatch, conflicts...
        case 2, 9, 14, 40, 52, 67, 72, 85, 86, 197: .invalidArgument
        default: .server
        }
    }

    /// The index name in a duplicate key message:
    /// "E11000 duplicate key error collection: db.c index: email_1 dup key: { ... }".
    static func duplicateKeyIndexName(_ message: String) -> String? {
        guard let range = message.range(of: "index: ") else { return nil }
        let rest = message[range.upperBound...]
        let name = rest.prefix { $0 != " " }
        return name.isEmpty ? nil : String(name)
    }

    private static func indexKeySuffix(_ value: BSONValue) -> String {
        switch value {
        case .string(let s): s
        case .int32(let i): String(i)
        case .int64(let i): String(i)
        case .double(let d): d == d.rounded() ? String(Int(d)) : String(d)
        default: "1"
        }
    }
}
