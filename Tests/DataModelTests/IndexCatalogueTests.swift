import MongoStore
import Testing

@testable import DataModel

@Suite("IndexCatalogue")
struct IndexCatalogueTests {
    @Test("names are unique per collection and follow MongoDB's default naming")
    func names() {
        for collection in Collections.allCases {
            let names = IndexCatalogue.indexes(on: collection).map(\.name)
            #expect(Set(names).count == names.count, "\(collection)")
        }
        let matching = IndexCatalogue.indexes(on: .driverProfiles).map(\.name)
        #expect(matching.contains("location_2dsphere_isOnline_1_isAvailable_1_status_1"))
        #expect(IndexCatalogue.indexes(on: .rescueRequests).map(\.name).contains("riderId_1_createdAt_-1"))
    }

    @Test("every collection has at least one index and the names agree with MongoStore's default")
    func coverage() {
        for collection in Collections.allCases {
            #expect(!IndexCatalogue.indexes(on: collection).isEmpty, "\(collection)")
        }
        for spec in IndexCatalogue.all {
            var model = spec.model
            model.name = nil
            #expect(model.resolvedName == spec.name)
        }
    }

    @Test("no unique index sits on an encrypted field; the blind indexes are unique")
    func encryptedFields() {
        for field in EncryptedField.all {
            for spec in IndexCatalogue.indexes(on: field.collection) {
                #expect(!spec.keys.contains { $0.field == field.field }, "\(spec) indexes encrypted \(field)")
            }
            if let hashField = field.blindIndexField {
                #expect(
                    IndexCatalogue.indexes(on: field.collection).contains {
                        $0.unique && $0.keys.map(\.field) == [hashField]
                    })
            }
        }
    }

    @Test("the only TTL index is on notifications.createdAt, 30 days")
    func ttl() {
        let ttl = IndexCatalogue.all.filter { $0.expireAfterSeconds != nil }
        #expect(ttl.map(\.collection) == [.notifications])
        #expect(ttl.first?.expireAfterSeconds == 30 * 86_400)
        #expect(ttl.first?.keys.map(\.field) == ["createdAt"])
    }

    @Test("there are 17 collections with the names of docs/DATA-MODEL.md")
    func collections() {
        #expect(Collections.allCases.count == 17)
        #expect(Collections.allCases.map(\.name).contains("rescuestatushistories"))
    }
}
