public import MongoStore

/// What one stored driver profile, or one change event on `driverprofiles`,
/// means for the driver locator: the driver is free nearby (index it at its
/// position), is not (take it out), or the collection went away (start over).
///
/// A driver qualifies exactly when the database's query would match it
/// (docs/DATA-MODEL.md, "Critical queries"): `isOnline: true, isAvailable: true,
/// status: "approved"` (MongoDB's equality, which an array holding the value
/// also satisfies: https://www.mongodb.com/docs/manual/reference/operator/query/eq/#array-element-equals-a-value)
/// and a GeoJSON point in `location` with numeric coordinates in range, which
/// is what `NearbyDrivers.nearest` measures.
public enum DriverLocatorChange: Equatable, Sendable {
    /// The driver qualifies: index `id` at this position.
    case qualifies(id: BSONValue, DriverLocatorIndex.Point)
    /// The driver does not qualify, or is gone: take `id` out.
    case leaves(id: BSONValue)
    /// The collection was dropped or renamed, or its database dropped: the
    /// stream has ended (`invalidate`) and the index must be loaded again.
    case restart
    /// Nothing the index holds changes.
    case none

    /// The fields the locator reads: the find's projection and the change
    /// stream's `$project`. Names, flags and status only: the locator never
    /// holds a driver's personal data.
    static let fields = ["location", "isOnline", "isAvailable", "status"]

    /// The filter of the drivers the index holds (the initial load's find).
    static let qualifyingFilter: BSONDocument = ["isOnline": true, "isAvailable": true, "status": "approved"]

    /// What a stored profile (`fullDocument`, or a document the initial load read) means.
    public static func of(document: BSONDocument) -> DriverLocatorChange {
        guard let id = document["_id"] else { return .none }
        guard equals(document["isOnline"], .bool(true)), equals(document["isAvailable"], .bool(true)),
            equals(document["status"], .string("approved")), let point = point(document["location"])
        else { return .leaves(id: id) }
        return .qualifies(id: id, point)
    }

    /// What a change event means. Inserts, replaces and updates (with
    /// `fullDocument: "updateLookup"`, the profile as it is when the event is
    /// read) carry the whole profile; an update whose profile has since been
    /// deleted carries none, and its delete event follows. https://www.mongodb.com/docs/manual/reference/change-events/
    public static func of(event: BSONDocument) -> DriverLocatorChange {
        guard case .string(let type)? = event["operationType"] else { return .none }
        switch type {
        case "insert", "replace", "update":
            if case .document(let full)? = event["fullDocument"] { return of(document: full) }
            return key(event).map { .leaves(id: $0) } ?? .none
        case "delete":
            return key(event).map { .leaves(id: $0) } ?? .none
        case "drop", "rename", "dropDatabase", "invalidate":
            return .restart
        default:
            return .none
        }
    }

    private static func key(_ event: BSONDocument) -> BSONValue? {
        guard case .document(let key)? = event["documentKey"] else { return nil }
        return key["_id"]
    }

    /// MongoDB's equality on a field: the value itself, or an array holding it.
    static func equals(_ stored: BSONValue?, _ expected: BSONValue) -> Bool {
        switch stored {
        case let value? where value == expected: return true
        case .array(let items)?: return items.contains(expected)
        default: return false
        }
    }

    /// A GeoJSON point `{type: "Point", coordinates: [lng, lat]}` in range.
    static func point(_ value: BSONValue?) -> DriverLocatorIndex.Point? {
        guard case .document(let location)? = value, location["type"] == .string("Point"),
            case .array(let coordinates)? = location["coordinates"], coordinates.count == 2,
            let lng = NearbyDrivers.number(coordinates[0]), let lat = NearbyDrivers.number(coordinates[1]),
            (-180...180).contains(lng), (-90...90).contains(lat)
        else { return nil }
        return DriverLocatorIndex.Point(lng: lng, lat: lat)
    }
}
