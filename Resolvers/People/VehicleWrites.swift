import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// `Mutation.addVehicle`, `updateVehicle` and `deactivateVehicle`: a
/// driver's own vehicles, or any driver's for support and admin
/// (`PeopleWritePolicies.vehicles`). The plate number and VIN are sealed
/// under the newest key, bound to the vehicle; the plate's hash, unique, is
/// written with it, so a plate another vehicle has is a `CONFLICT`.
enum VehicleWrites {
    static let types = ["PICKUP_TRUCK", "CARGO_VAN", "FLATBED", "BOX_TRUCK"]

    /// The vehicle's fields the input sets: plain ones as stored, the
    /// encrypted ones as text to seal.
    struct Details: Sendable {
        var plain = BSONDocument()
        var plateNumber: String?
        var vin: String?

        var fieldNames: [String] {
            plain.keys + (plateNumber == nil ? [] : ["plateNumber", "plateNumberHash"]) + (vin == nil ? [] : ["vin"])
        }
    }

    /// The details `input` gives; each one `required` must be there.
    static func details(_ input: InputReader, required: Bool) throws -> Details {
        var details = Details()
        let type = try input.field("type")
        if required || !type.isMissing { details.plain["type"] = .string(try type.storedEnum(types)) }
        for part in ["make", "model"] {
            let reader = try input.field(part)
            if required || !reader.isMissing { details.plain[part] = .string(try reader.text(maxLength: 50)) }
        }
        let newest = Int(ISO8601.format(.now()).prefix(4)).map { $0 + 1 } ?? 2100
        let year = try input.field("year")
        if required || !year.isMissing { details.plain["year"] = .int32(Int32(try year.int(in: 1980...newest))) }
        let capacity = try input.field("capacity")
        if required || !capacity.isMissing {
            details.plain["capacity"] = .int32(Int32(try capacity.int(in: 1...20_000)))
        }
        let dimensions = try input.field("dimensions")
        if required || !dimensions.isMissing {
            if dimensions.isMissing { throw dimensions.refuse("is required") }
            var size = BSONDocument()
            for side in ["length", "width", "height"] {
                size[side] = .int32(Int32(try dimensions.field(side).int(in: 1...1_000)))
            }
            details.plain["dimensions"] = .document(size)
        }
        let features = try input.field("features")
        if case .list(let items)? = features.value {
            guard items.count <= 20 else { throw features.refuse("must hold at most 20 features") }
            details.plain["features"] = .array(
                try items.indices.map { index in
                    .string(try InputReader(path: "\(features.path).\(index)", value: items[index]).text(maxLength: 50))
                })
        } else if required {
            details.plain["features"] = []
        }
        let plate = try input.field("plateNumber")
        if required || !plate.isMissing {
            let text = try plate.text(
                length: 2...15, format: "2 to 15 letters, digits, spaces or hyphens",
                { PeopleInputRules.isAlphanumeric($0) || $0 == " " || $0 == "-" })
            guard text.filter(PeopleInputRules.isAlphanumeric).count >= 2 else {
                throw plate.refuse("must hold at least two letters or digits")
            }
            details.plateNumber = text
        }
        let vin = try input.field("vin")
        if required || !vin.isMissing {
            details.vin = try vin.text(
                length: 17...17, format: "17 letters and digits, without I, O or Q",
                { PeopleInputRules.isAlphanumeric($0) && !"IOQioq".contains($0) }
            ).uppercased()
        }
        return details
    }

    /// The sealed fields of `details` for vehicle `id`, with the plate's hash.
    static func sealed(_ details: Details, of id: ObjectID, with sealer: PersonalDataSealer) throws -> BSONDocument {
        var set = details.plain
        if let plate = details.plateNumber {
            set.merge(try PeopleWrite.sealed(plate, .vehicles, "plateNumber", of: id, with: sealer))
        }
        if let vin = details.vin { set.merge(try PeopleWrite.sealed(vin, .vehicles, "vin", of: id, with: sealer)) }
        return set
    }

    // MARK: addVehicle

    static func add(_ field: FieldContext, sealer: PersonalDataSealer) throws -> ResolvedValue {
        let input = InputReader(field.arguments, "input")
        if input.isMissing { throw input.refuse("is required") }
        let named = try input.field("driverId").optionalObjectID()
        let details = try details(input, required: true)
        let context = try field.accessContext()
        return .async {
            let driverId = try PeopleWrite.target(
                named, own: context.principal.driverProfileID, argument: "input.driverId")
            let id = ObjectID()
            let document = try await PeopleWrite.refusingDuplicates(["plateNumberHash": "input.plateNumber"]) {
                try await LifecycleWrite.run(in: context) { write in
                    let driver = try await write.findOne(
                        context.restrict(["_id": .objectID(driverId)], in: .driverProfiles), in: .driverProfiles)
                    guard driver != nil else { throw NotFoundError(argument: "input.driverId", what: "driver profile") }
                    var vehicle: BSONDocument = ["_id": .objectID(id), "driverId": .objectID(driverId)]
                    vehicle.merge(try sealed(details, of: id, with: sealer))
                    vehicle["isActive"] = true
                    vehicle["createdAt"] = .date(write.now)
                    vehicle["updatedAt"] = .date(write.now)
                    try await write.insert(vehicle, into: .vehicles)
                    try await write.audit("vehicle.add", .vehicles, id, fields: vehicle.keys.filter { $0 != "_id" })
                    return vehicle
                }
            }
            return .object(DocumentSource(document))
        }
    }

    // MARK: updateVehicle

    static func update(_ field: FieldContext, sealer: PersonalDataSealer) throws -> ResolvedValue {
        let input = InputReader(field.arguments, "input")
        if input.isMissing { throw input.refuse("is required") }
        let id = try input.field("vehicleId").objectID()
        let details = try details(input, required: false)
        let context = try field.accessContext()
        let filter = context.restrict(["_id": .objectID(id)], in: .vehicles)
        return .async {
            let document = try await PeopleWrite.refusingDuplicates(["plateNumberHash": "input.plateNumber"]) {
                try await LifecycleWrite.run(in: context) { write in
                    var set = try sealed(details, of: id, with: sealer)
                    set["updatedAt"] = .date(write.now)
                    guard let updated = try await write.update(filter, ["$set": .document(set)], in: .vehicles) else {
                        throw NotFoundError(argument: "input.vehicleId", what: "vehicle")
                    }
                    try await write.audit("vehicle.update", .vehicles, id, fields: details.fieldNames)
                    return updated
                }
            }
            return .object(DocumentSource(document))
        }
    }

    // MARK: deactivateVehicle

    /// A compare-and-set on `isActive: true`: deactivating twice is a `CONFLICT`.
    static func deactivate(_ field: FieldContext) throws -> ResolvedValue {
        let id = try InputReader(field.arguments, "vehicleId").objectID()
        let context = try field.accessContext()
        let filter = context.restrict(["_id": .objectID(id)], in: .vehicles)
        return .async {
            let document = try await LifecycleWrite.run(in: context) { write in
                var active = filter
                active["isActive"] = true
                let set: BSONDocument = ["isActive": false, "updatedAt": .date(write.now)]
                guard let updated = try await write.update(active, ["$set": .document(set)], in: .vehicles) else {
                    if try await write.findOne(filter, in: .vehicles) != nil {
                        throw ConflictError("The vehicle is already inactive.", currentStatus: "INACTIVE")
                    }
                    throw NotFoundError(argument: "vehicleId", what: "vehicle")
                }
                try await write.audit("vehicle.deactivate", .vehicles, id, fields: ["isActive"])
                return updated
            }
            return .object(DocumentSource(document))
        }
    }
}
