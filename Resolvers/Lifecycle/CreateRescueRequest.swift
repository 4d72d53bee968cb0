import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// `Mutation.createRescueRequest`: a rider asks for a rescue (or support and
/// admin ask for one on a rider's behalf; which roles may is
/// `RoleWritePolicy.createRescueRequest`'s).
///
/// One transaction writes the rescue (`requested`, `requestedAt`, the quote
/// of `RescuePricing` and its inputs), its first status history entry, the
/// rider's `totalRescues` and the audit entry.
///
/// **Idempotency** rests on a unique index, not on a read before the write:
/// with an `idempotencyKey` the rescue stores `idempotencyKey` =
/// `<caller's user id>:<key>`, which `IndexCatalogue` indexes unique (sparse).
/// Of two requests with the same key only one insert can commit; the other
/// fails on the index and answers the rescue that did. A key is kept 24
/// hours: a request finding a rescue older than that under its key takes the
/// key off the old rescue (a compare-and-set on the same old rescue) and
/// creates a new one.
enum CreateRescueRequest {
    /// How long an idempotency key returns its first rescue, in milliseconds.
    static let keyLifetime: Int64 = 24 * 3_600_000
    /// The longest idempotency key accepted.
    static let maxKeyLength = 128

    static let types = ["FLAT_TIRE", "DEAD_BATTERY", "OUT_OF_CHARGE", "BREAKDOWN", "TRANSPORT", "OTHER"]
    static let priorities = ["LOW", "NORMAL", "HIGH", "URGENT"]

    /// What the input says, checked.
    struct Request: Sendable {
        var riderId: ObjectID?
        var pickup: BSONDocument
        var pickupPoint: (lng: Double, lat: Double)
        var dropoff: BSONDocument?
        var dropoffPoint: (lng: Double, lat: Double)?
        var type: String
        var priority: String
        var description: String
        var bikeDetails: BSONDocument
        var idempotencyKey: String?
    }

    static func resolve(_ field: FieldContext, locator: DriverLocator? = nil) throws -> ResolvedValue {
        let request = try read(field.arguments)
        let context = try field.accessContext()
        return .async { .object(DocumentSource(try await create(request, in: context, locator: locator))) }
    }

    /// Reads and checks the arguments; nothing is written before they pass.
    static func read(_ arguments: ArgumentValues) throws -> Request {
        let input = InputReader(arguments, "input")
        if input.isMissing { throw input.refuse("is required") }
        let (pickup, pickupPoint) = try location(try input.field("pickup"))
        let dropoffInput = try input.field("dropoff")
        var dropoff: BSONDocument?
        var dropoffPoint: (lng: Double, lat: Double)?
        if !dropoffInput.isMissing {
            let parsed = try location(dropoffInput)
            dropoff = parsed.0
            dropoffPoint = parsed.1
        }
        var bike = BSONDocument()
        let bikeInput = try input.field("bikeDetails")
        for part in ["make", "model", "type"] {
            bike[part] = try bikeInput.field(part).optionalText(maxLength: 100).map(BSONValue.string) ?? .null
        }
        var key: String?
        let keyInput = InputReader(arguments, "idempotencyKey")
        if !keyInput.isMissing { key = try keyInput.text(maxLength: maxKeyLength) }
        return Request(
            riderId: try input.field("riderId").optionalObjectID(), pickup: pickup, pickupPoint: pickupPoint,
            dropoff: dropoff, dropoffPoint: dropoffPoint, type: try input.field("type").storedEnum(types),
            priority: try input.field("priority").storedEnum(priorities, default: "NORMAL"),
            description: try input.field("description").text(maxLength: 1000), bikeDetails: bike,
            idempotencyKey: key)
    }

    /// A `RescueLocationInput` as the stored GeoJSON point with its address parts.
    static func location(_ input: InputReader) throws -> (BSONDocument, (lng: Double, lat: Double)) {
        let point = try input.point()
        var stored: BSONDocument = ["type": "Point", "coordinates": [.double(point.lng), .double(point.lat)]]
        stored["address"] = .string(try input.field("address").text(maxLength: 200))
        if let city = try input.field("city").optionalText(maxLength: 100) { stored["city"] = .string(city) }
        if let state = try input.field("state").optionalText(
            format: "a two-letter state code such as CA", InputReader.isStateCode)
        {
            stored["state"] = .string(state)
        }
        if let zip = try input.field("zipCode").optionalText(
            format: "a ZIP code (five digits, or five, a hyphen and four)", InputReader.isZipCode)
        {
            stored["zipCode"] = .string(zip)
        }
        return (stored, point)
    }

    /// The rider the rescue is for: a rider's own profile, or the one
    /// support or admin named; either must be a rider profile the caller's row
    /// rule lets it see (a rider naming another rider finds nothing).
    static func rider(of request: Request, in context: AccessContext) async throws -> ObjectID {
        let named = request.riderId ?? context.principal.riderProfileID
        guard let riderId = named else {
            throw UserInputError(argument: "input.riderId", "is required when the key is not a rider's")
        }
        let visible = try await context.collection(.riderProfiles).findOne(
            context.restrict(["_id": .objectID(riderId)], in: .riderProfiles),
            options: FindOptions(projection: ["_id": 1]))
        guard visible != nil else { throw NotFoundError(argument: "input.riderId", what: "rider profile") }
        return riderId
    }

    /// How far back an open request counts as demand: a request made in the
    /// last hour and still waiting (`REQUESTED` or `MATCHED`).
    static let demandWindowMilliseconds: Int64 = 3_600_000

    /// The surge multiplier near the pickup, read before the transaction.
    ///
    /// Demand: the open requests of the last hour, found on `{requestedAt}`
    /// (a range, then their pickups measured here), not a geo count: the
    /// embedded database runs `$geoWithin` counts as scans (11 s each at
    /// 100,000 rescues and 10,000 drivers). Supply: the free drivers within
    /// the radius from the driver locator, which keeps them in memory (within
    /// its staleness bound); from the database while it cannot answer. Only
    /// `open + 1` drivers are counted: more cannot lower the surge below 1.
    static func surge(
        near point: (lng: Double, lat: Double), at now: BSONDate, in context: AccessContext, locator: DriverLocator?
    ) async throws -> Double {
        let radius = Double(RescuePricing.surgeRadiusMeters)
        let since = BSONDate(millisecondsSinceEpoch: now.millisecondsSinceEpoch - demandWindowMilliseconds)
        let recent = try await context.collection(.rescueRequests).find(
            ["requestedAt": ["$gte": .date(since)], "status": ["$in": ["requested", "matched"]]],
            options: FindOptions(projection: ["pickupLocation.coordinates": 1, "_id": 0]))
        let open = recent.count { request in
            guard case .document(let pickup)? = request["pickupLocation"],
                case .array(let at)? = pickup["coordinates"], at.count == 2,
                let lng = NearbyDrivers.number(at[0]), let lat = NearbyDrivers.number(at[1])
            else { return false }
            return GreatCircle.meters(point.lng, point.lat, lng, lat) <= radius
        }
        let free: Int
        if let ranked = locator?.nearest(lng: point.lng, lat: point.lat, maxDistance: radius, limit: open + 1) {
            free = ranked.count
        } else {
            free = try await context.collection(.driverProfiles).countDocuments(
                NearbyDrivers.filter(lng: point.lng, lat: point.lat, maxDistance: RescuePricing.surgeRadiusMeters))
        }
        return RescuePricing.surge(openRequests: open, availableDrivers: free)
    }

    static func create(_ request: Request, in context: AccessContext, locator: DriverLocator? = nil) async throws
        -> BSONDocument
    {
        // The surge's reads go out with the rider's check.
        async let surging = surge(near: request.pickupPoint, at: .now(), in: context, locator: locator)
        let riderId = try await rider(of: request, in: context)
        let storedKey = request.idempotencyKey.map { key in
            (context.principal.userID?.hex ?? "trusted") + ":" + key
        }
        if let storedKey, let earlier = try await keptRescue(storedKey, in: context) { return earlier }
        let surge = try await surging
        let rescueId = ObjectID()
        do {
            return try await LifecycleWrite.run(in: context) { write in
                try await insert(
                    request, id: rescueId, riderId: riderId, key: storedKey, surge: surge, write: write)
            }
        } catch let error as MongoError where error.code == .duplicateKey && storedKey != nil {
            // Another request with the same key committed first: its rescue is the answer.
            guard let storedKey, let first = try await keptRescue(storedKey, in: context) else { throw error }
            return first
        }
    }

    /// The rescue an idempotency key already made within its lifetime; a
    /// rescue older than that loses the key (so the new request can take it).
    static func keptRescue(_ storedKey: String, in context: AccessContext) async throws -> BSONDocument? {
        let rescues = context.collection(.rescueRequests)
        guard let earlier = try await rescues.findOne(["idempotencyKey": .string(storedKey)]) else { return nil }
        let requestedAt = (try? earlier["requestedAt", as: BSONDate.self])?.millisecondsSinceEpoch ?? 0
        if BSONDate.now().millisecondsSinceEpoch - requestedAt < keyLifetime { return earlier }
        _ = try await rescues.updateOne(
            ["_id": earlier["_id"] ?? .null, "idempotencyKey": .string(storedKey)],
            ["$unset": ["idempotencyKey": ""]])
        return nil
    }

    static func insert(
        _ request: Request, id: ObjectID, riderId: ObjectID, key: String?, surge: Double, write: LifecycleWrite
    ) async throws -> BSONDocument {
        let now = write.now
        let miles = request.dropoffPoint.map { RescuePricing.miles(from: request.pickupPoint, to: $0) } ?? 0
        let quote = RescuePricing.quote(
            type: request.type, miles: miles, at: now, pickupLng: request.pickupPoint.lng, surge: surge)
        var rescue: BSONDocument = [
            "_id": .objectID(id), "riderId": .objectID(riderId), "status": "requested",
            "type": .string(request.type), "pickupLocation": .document(request.pickup),
        ]
        if let dropoff = request.dropoff {
            rescue["dropoffLocation"] = .document(dropoff)
            rescue["distance"] = .double(miles)
        }
        rescue["description"] = .string(request.description)
        rescue["photos"] = []
        rescue["estimatedPrice"] = .int64(Int64(quote.amount))
        rescue["priceQuote"] = .document(quote.breakdown)
        rescue["surgeMultiplier"] = .double((surge * 100).rounded() / 100)
        rescue["estimatedDuration"] = .int32(
            Int32(RescuePricing.arrivalMinutes + RescuePricing.jobMinutes(type: request.type, miles: miles)))
        rescue["bikeDetails"] = .document(request.bikeDetails)
        rescue["priority"] = .string(request.priority)
        rescue["driverId"] = .null
        // A partner's rescue carries its tenant, which the partner's row rule finds it by.
        if let tenant = write.context.principal.tenantID { rescue["partnerId"] = .objectID(tenant) }
        rescue["requestedAt"] = .date(now)
        rescue["createdAt"] = .date(now)
        rescue["updatedAt"] = .date(now)
        if let key { rescue["idempotencyKey"] = .string(key) }
        try await write.insert(rescue, into: .rescueRequests)
        try await write.insert(
            [
                "_id": .objectID(ObjectID()), "rescueId": .objectID(id), "fromStatus": .null,
                "toStatus": "requested", "changedBy": write.context.principal.userID.map(BSONValue.objectID) ?? .null,
                "timestamp": .date(now), "riderId": .objectID(riderId), "driverId": .null,
            ], into: .rescueStatusHistories)
        let counted = try await write.updateOne(
            ["_id": .objectID(riderId)], ["$inc": ["totalRescues": 1], "$set": ["updatedAt": .date(now)]],
            in: .riderProfiles)
        guard counted else { throw NotFoundError(argument: "input.riderId", what: "rider profile") }
        try await write.audit(
            "rescue.create", .rescueRequests, id, fields: rescue.keys.filter { $0 != "_id" },
            also: [.rescueStatusHistories, .riderProfiles])
        return rescue
    }
}
