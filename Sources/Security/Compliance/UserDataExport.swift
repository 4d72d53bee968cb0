import DataModel
public import MongoStore

/// The data subject's copy of its data (GDPR right of access and
/// portability, `docs/DATA-MODEL.md`, "Compliance"): every document any
/// collection stores about one user (`UserRecords`), with each encrypted
/// field opened under its binding, as one document.
///
/// Left out on purpose: credentials (`hashedPassword`, `refreshToken`, the
/// phone verification code, API keys' hashes) and the blind-index hashes,
/// which are keys to the data rather than data about the person. A value
/// that does not open is `null` and its place is listed under
/// `undecryptable`, never served as ciphertext.
public struct UserDataExport: Sendable {
    public let database: MongoDatabase
    public let cipher: FieldCipher

    public init(database: MongoDatabase, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    /// Stored fields never exported, by collection.
    static let secrets: [Collections: Set<String>] = [
        .users: ["hashedPassword", "refreshToken", "phoneVerificationCode", "phoneNumberHash"],
        .riderProfiles: ["emailHash"], .vehicles: ["plateNumberHash"], .apiKeys: ["key"],
    ]

    /// The export of `userId`; nil when there is no such user.
    public func export(_ userId: ObjectID, at now: BSONDate = .now()) async throws(MongoError) -> BSONDocument? {
        guard let records = try await UserRecords.find(userId, in: database) else { return nil }
        var collections = BSONDocument()
        var undecryptable: [BSONValue] = []
        var phone: String?
        for collection in Collections.allCases {
            var filter = records.filter(for: collection)
            if collection == .twilioEventLogs, let phone { filter = ["to": .string(phone)] }
            guard let filter else { continue }
            let documents = try await database.collection(collection).find(
                filter, options: FindOptions(sort: ["_id": 1]))
            let opened = documents.map { open($0, in: collection, failures: &undecryptable) }
            collections[collection.name] = .array(opened.map(BSONValue.document))
            if collection == .users, case .string(let number)? = opened.first?["phoneNumber"] { phone = number }
        }
        return [
            "userId": .objectID(userId), "exportedAt": .date(now), "collections": .document(collections),
            "undecryptable": .array(undecryptable),
        ]
    }

    /// `document` with its encrypted fields opened (objects as the object
    /// their JSON text holds) and its secrets left out.
    func open(_ document: BSONDocument, in collection: Collections, failures: inout [BSONValue]) -> BSONDocument {
        var opened = document
        for secret in Self.secrets[collection] ?? [] { _ = opened.removeValue(forKey: secret) }
        guard case .objectID(let id)? = document["_id"] else { return opened }
        for field in EncryptedField.of(collection) {
            guard case .string(let stored)? = document[field.field] else { continue }
            do {
                let binding = field.binding(documentId: id)
                if field.isObject {
                    let object = try cipher.decryptJSON([String: String].self, from: stored, for: binding)
                    var stored = BSONDocument()
                    for key in object.keys.sorted() { stored[key] = object[key].map(BSONValue.string) ?? .null }
                    opened[field.field] = .document(stored)
                } else {
                    opened[field.field] = .string(try cipher.decrypt(stored, for: binding))
                }
            } catch {
                opened[field.field] = .null
                failures.append(.string("\(collection.name).\(field.field) of \(id.hex)"))
            }
        }
        return opened
    }
}
