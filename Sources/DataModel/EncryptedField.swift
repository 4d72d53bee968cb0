/// Every field stored encrypted (`docs/DATA-MODEL.md`, "Encrypted fields"), with the blind index that stands beside it where values
/// must be unique or looked up. `supportcarr keys rotate`, the demo seeder and the
/// plaintext scan all read this one list.
public struct EncryptedField: Sendable, Hashable, CustomStringConvertible {
    public let collection: Collections
    /// The field's name in the document.
    public let field: String
    /// The field holding the keyed hash (`BlindIndex`), if any.
    public let blindIndexField: String?
    /// Whether the value is a whole object stored as its encrypted JSON text.
    public let isObject: Bool

    public var description: String { "\(collection.name).\(field)" }

    /// All encrypted fields, by collection.
    public static let all: [EncryptedField] = [
        .init(collection: .users, field: "phoneNumber", blindIndexField: "phoneNumberHash", isObject: false),
        .init(collection: .riderProfiles, field: "name", blindIndexField: nil, isObject: false),
        .init(collection: .riderProfiles, field: "email", blindIndexField: "emailHash", isObject: false),
        .init(collection: .driverProfiles, field: "name", blindIndexField: nil, isObject: false),
        .init(collection: .driverProfiles, field: "email", blindIndexField: nil, isObject: false),
        .init(collection: .driverProfiles, field: "licenseNumber", blindIndexField: nil, isObject: false),
        .init(collection: .driverProfiles, field: "vehicleInsuranceNumber", blindIndexField: nil, isObject: false),
        .init(collection: .driverProfiles, field: "bankDetails", blindIndexField: nil, isObject: true),
        .init(collection: .vehicles, field: "plateNumber", blindIndexField: "plateNumberHash", isObject: false),
        .init(collection: .vehicles, field: "vin", blindIndexField: nil, isObject: false),
    ]

    /// The encrypted fields of one collection.
    public static func of(_ collection: Collections) -> [EncryptedField] {
        all.filter { $0.collection == collection }
    }
}

extension EncryptedField {
    /// The encrypted field `collection.field`, if it is one.
    public static func named(_ collection: Collections, _ field: String) -> EncryptedField? {
        all.first { $0.collection == collection && $0.field == field }
    }
}
