import MongoStore
import Resolvers
import Testing

/// What a stored profile or a change event means for the index (no database).
@Suite("Driver locator changes")
struct DriverLocatorChangeTests {
    let id = ObjectID()

    func profile(
        online: BSONValue = true, available: BSONValue = true, status: BSONValue = "approved",
        location: BSONValue? = ["type": "Point", "coordinates": [-122.4, 37.7]]
    ) -> BSONDocument {
        var document: BSONDocument = [
            "_id": .objectID(id), "isOnline": online, "isAvailable": available, "status": status,
        ]
        if let location { document["location"] = location }
        return document
    }

    @Test("A free, approved driver with a point qualifies; anything else leaves")
    func qualification() {
        let point = DriverLocatorIndex.Point(lng: -122.4, lat: 37.7)
        #expect(DriverLocatorChange.of(document: profile()) == .qualifies(id: .objectID(id), point))
        for other in [
            profile(online: false), profile(available: false), profile(status: "suspended"), profile(status: "pending"),
            profile(online: .int32(1)), profile(location: nil),
            profile(location: ["type": "Point", "coordinates": [200.0, 10.0]]),
            profile(location: ["type": "Point", "coordinates": ["a", 10.0]]),
            profile(location: ["type": "LineString", "coordinates": [[1.0, 2.0], [3.0, 4.0]]]),
        ] {
            #expect(DriverLocatorChange.of(document: other) == .leaves(id: .objectID(id)), "\(other)")
        }
    }

    @Test("Equality holds as MongoDB's does: an array holding the value matches")
    func arraysMatchTheirElements() {
        let point = DriverLocatorIndex.Point(lng: -122.4, lat: 37.7)
        #expect(
            DriverLocatorChange.of(document: profile(status: ["pending", "approved"]))
                == .qualifies(id: .objectID(id), point))
        #expect(DriverLocatorChange.of(document: profile(online: [false])) == .leaves(id: .objectID(id)))
    }

    @Test("Inserts, replaces and looked-up updates carry the profile; deletes and lost lookups take it out")
    func events() {
        let key: BSONValue = ["_id": .objectID(id)]
        let point = DriverLocatorIndex.Point(lng: -122.4, lat: 37.7)
        for type in ["insert", "replace", "update"] {
            let event: BSONDocument = [
                "operationType": .string(type), "documentKey": key, "fullDocument": .document(profile()),
            ]
            #expect(DriverLocatorChange.of(event: event) == .qualifies(id: .objectID(id), point))
        }
        #expect(
            DriverLocatorChange.of(event: ["operationType": "update", "documentKey": key, "fullDocument": .null])
                == .leaves(id: .objectID(id)))
        #expect(
            DriverLocatorChange.of(event: ["operationType": "delete", "documentKey": key]) == .leaves(id: .objectID(id))
        )
        for type in ["drop", "rename", "dropDatabase", "invalidate"] {
            #expect(DriverLocatorChange.of(event: ["operationType": .string(type)]) == .restart)
        }
        #expect(DriverLocatorChange.of(event: ["operationType": "createIndexes"]) == DriverLocatorChange.none)
    }
}
