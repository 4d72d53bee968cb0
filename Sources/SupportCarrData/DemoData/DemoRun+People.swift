import DataModel
import MongoStore
import Security

/// Users, rider and driver profiles, vehicles, payment methods and API keys,
/// written after the rescues so their totals (rescue counts, ratings, earnings)
/// agree with what was generated.
extension DemoRun {
    static let bcryptAlphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

    func addPeople() throws {
        for person in cast.staff { try addUser(person) }
        for (index, rider) in cast.riders.enumerated() {
            try addUser(rider.person)
            try addRiderProfile(rider, totals: riders[index])
            addPaymentMethods(rider)
        }
        for (index, driver) in cast.drivers.enumerated() {
            try addUser(driver.person)
            try addDriverProfile(driver, totals: drivers[index])
            try addVehicle(driver)
            if driver.status != "pending" {
                addAudit(
                    by: cast.admin.userId,
                    action:
                        "driver.\(driver.status == "approved" ? "approve" : driver.status == "suspended" ? "suspend" : "reject")",
                    entity: .driverProfiles, entityId: driver.profileId,
                    changes: ["status": ["from": "pending", "to": .string(driver.status)]],
                    at: driver.person.createdAt.millisecondsSinceEpoch + Int64(random.int(2...9)) * DemoTime.day,
                    console: true)
            }
        }
        addAPIKeys()
    }

    func addUser(_ person: DemoCast.Person) throws {
        let created = person.createdAt.millisecondsSinceEpoch
        var user: BSONDocument = ["_id": .objectID(person.userId)]
        user["phoneNumber"] = try encrypt(person.phoneNumber, .users, "phoneNumber", person.userId)
        user["phoneNumberHash"] = .string(try blindIndex.phoneNumberHash(person.phoneNumber))
        // Shaped like a bcrypt hash (cost 12) but of no password: demo users sign
        // in with API keys, never with a password.
        user["hashedPassword"] = .string("$2b$12$" + random.string(53, from: Self.bcryptAlphabet))
        user["role"] = .string(person.role)
        let verified = person.index < 3 || random.chance(0.95)
        user["phoneVerified"] = .bool(verified)
        if !verified {
            user["phoneVerificationCode"] = .string(random.string(6, from: DemoCast.digits))
            user["phoneVerificationExpiry"] = .date(ms: asOf + 10 * DemoTime.minute)
        }
        if random.chance(0.6) { user["refreshToken"] = .string(random.hex(64)) }
        let lastLogin = asOf - minutes(5...(60 * 24 * 20))
        user["lastLoginAt"] = .date(ms: lastLogin)
        user["createdAt"] = .date(ms: created)
        user["updatedAt"] = .date(ms: lastLogin)
        emit(.users, user)
        addTwilio(
            to: person.phoneNumber, type: "verify",
            body: "Your SupportCarr verification code is \(random.string(6, from: DemoCast.digits))", at: created)
        addAudit(
            by: person.userId, action: "auth.login", entity: .users, entityId: person.userId, changes: [:],
            at: lastLogin, console: person.role == "support" || person.role == "admin")
        if created >= asOf - Self.notificationWindow || random.chance(0.3) {
            addNotification(
                to: person, type: random.chance(0.5) ? "system" : "marketing", channel: "in_app",
                title: "Ride safe this week", body: "Tips for keeping your bike road-ready.", data: [:],
                at: asOf - minutes(60...(60 * 24 * 25)))
        }
    }

    func addRiderProfile(_ rider: DemoCast.Rider, totals: RiderTotals) throws {
        let id = rider.profileId
        var profile: BSONDocument = ["_id": .objectID(id), "userId": .objectID(rider.person.userId)]
        profile["name"] = try encrypt(rider.person.name, .riderProfiles, "name", id)
        if let email = rider.person.email {
            profile["email"] = try encrypt(email, .riderProfiles, "email", id)
            profile["emailHash"] = .string(try blindIndex.emailHash(email))
        }
        if random.chance(0.85) {
            profile["stripeCustomerId"] = .string("cus_" + random.string(14, from: DemoCast.alphanumerics))
        }
        let home = DemoVocabulary.streets[rider.homeStreet]
        var saved: [BSONValue] = []
        for (number, label) in ["Home", "Work", "Gym"].prefix(random.int(0...3)).enumerated() {
            let street = number == 0 ? home : random.pick(DemoVocabulary.streets)
            let location = DemoGeo.point(
                lng: DemoGeo.round(street.lng + random.double(-0.004...0.004)),
                lat: DemoGeo.round(street.lat + random.double(-0.003...0.003)))
            saved.append([
                "name": .string(label),
                "address": .string("\(random.int(100...3999)) \(street.name), San Francisco, CA \(street.zip)"),
                "location": .document(location),
            ])
        }
        profile["savedLocations"] = .array(saved)
        profile["preferences"] = [
            "notifications": [
                "sms": .bool(random.chance(0.7)), "push": .bool(random.chance(0.9)), "email": .bool(random.chance(0.6)),
            ],
            "language": .string(random.weighted([("en", 80), ("es", 12), ("zh", 8)])),
        ]
        profile["totalRescues"] = .int(totals.rescues)
        profile["averageRating"] = .double(Self.average(totals.ratingSum, totals.ratingCount))
        profile["createdAt"] = .date(ms: rider.person.createdAt.millisecondsSinceEpoch)
        profile["updatedAt"] = .date(ms: asOf - minutes(10...(60 * 24 * 5)))
        emit(.riderProfiles, profile)
    }

    func addPaymentMethods(_ rider: DemoCast.Rider) {
        for (number, methodId) in rider.paymentMethodIds.enumerated() {
            let created = rider.person.createdAt.millisecondsSinceEpoch + Int64(number) * 30 * DemoTime.day
            let isCard = number == 0 || random.chance(0.6)
            var method: BSONDocument = [
                "_id": .objectID(newId(at: created)), "riderId": .objectID(rider.profileId),
                "stripePaymentMethodId": .string(methodId), "type": .string(isCard ? "card" : "bank_account"),
            ]
            if isCard {
                method["card"] = [
                    "brand": .string(random.pick(DemoVocabulary.cardBrands)),
                    "last4": .string(random.string(4, from: DemoCast.digits)),
                    "expMonth": .int(random.int(1...12)), "expYear": .int(2027 + random.int(0...4)),
                ]
            }
            method["isDefault"] = .bool(number == 0)
            method["createdAt"] = .date(ms: created)
            method["updatedAt"] = .date(ms: created)
            emit(.paymentMethods, method)
        }
    }

    func addDriverProfile(_ driver: DemoCast.Driver, totals: DriverTotals) throws {
        let id = driver.profileId
        let created = driver.person.createdAt.millisecondsSinceEpoch
        var profile: BSONDocument = ["_id": .objectID(id), "userId": .objectID(driver.person.userId)]
        profile["name"] = try encrypt(driver.person.name, .driverProfiles, "name", id)
        if let email = driver.person.email { profile["email"] = try encrypt(email, .driverProfiles, "email", id) }
        profile["licenseNumber"] = try encrypt(driver.licenseNumber, .driverProfiles, "licenseNumber", id)
        profile["licenseExpiry"] = .date(ms: asOf + Int64(random.int(60...1500)) * DemoTime.day)
        if let insurance = driver.insuranceNumber {
            profile["vehicleInsuranceNumber"] = try encrypt(insurance, .driverProfiles, "vehicleInsuranceNumber", id)
            profile["insuranceExpiry"] = .date(ms: asOf + Int64(random.int(20...365)) * DemoTime.day)
        }
        if driver.status == "approved" || driver.status == "suspended" {
            profile["stripeAccountId"] = .string("acct_" + random.string(16, from: DemoCast.alphanumerics))
        }
        profile["location"] = .document(DemoGeo.point(lng: totals.lng, lat: totals.lat))
        profile["isOnline"] = .bool(driver.isOnline)
        profile["isAvailable"] = .bool(driver.isOnline && !totals.busy)
        profile["status"] = .string(driver.status)
        profile["rating"] = .double(Self.average(totals.ratingSum, totals.ratingCount))
        profile["ratingCount"] = .int(totals.ratingCount)
        profile["completedRescues"] = .int(totals.completed)
        profile["totalEarnings"] = .int(totals.earnings)
        if let account = driver.bankAccountNumber {
            let bank = DemoBankDetails(
                accountNumber: account, routingNumber: driver.bankRoutingNumber, accountHolderName: driver.person.name)
            profile["bankDetails"] = .string(
                try cipher.encryptJSON(
                    bank,
                    for: FieldBinding(
                        collection: Collections.driverProfiles.name, field: "bankDetails", documentId: id.hex)))
        }
        if driver.status != "pending" {
            profile["backgroundCheckDate"] = .date(ms: created + Int64(random.int(1...6)) * DemoTime.day)
        }
        let lastUpdate =
            totals.busy
            ? totals.lastLocationAt : (driver.isOnline ? asOf - minutes(0...1) : asOf - minutes(60...(60 * 48)))
        profile["lastLocationUpdate"] = .date(ms: lastUpdate)
        profile["createdAt"] = .date(ms: created)
        profile["updatedAt"] = .date(ms: lastUpdate)
        emit(.driverProfiles, profile)
    }

    func addVehicle(_ driver: DemoCast.Driver) throws {
        let model = DemoVocabulary.vehicleModels[driver.vehicleModel]
        let id = driver.vehicleId
        let created = driver.person.createdAt.millisecondsSinceEpoch + DemoTime.day
        var vehicle: BSONDocument = [
            "_id": .objectID(id), "driverId": .objectID(driver.profileId), "type": .string(model.type),
            "make": .string(model.make), "model": .string(model.model), "year": .int(random.int(2014...2025)),
        ]
        vehicle["plateNumber"] = try encrypt(driver.plateNumber, .vehicles, "plateNumber", id)
        vehicle["plateNumberHash"] = .string(try blindIndex.plateNumberHash(driver.plateNumber))
        vehicle["vin"] = try encrypt(driver.vin, .vehicles, "vin", id)
        vehicle["capacity"] = .int(model.capacity)
        vehicle["dimensions"] = [
            "length": .int(model.dims.0), "width": .int(model.dims.1), "height": .int(model.dims.2),
        ]
        let features = Set((0..<random.int(1...3)).map { _ in random.pick(DemoVocabulary.vehicleFeatures) })
        vehicle["features"] = .array(features.sorted().map(BSONValue.string))
        vehicle["isActive"] = .bool(driver.status == "approved" || driver.status == "pending")
        vehicle["createdAt"] = .date(ms: created)
        vehicle["updatedAt"] = .date(ms: created)
        emit(.vehicles, vehicle)
    }

    /// Permissions a demo key holds, by role (the permission catalogue).
    static let permissionsByRole: [String: [String]] = [
        "rider": ["rescues:read", "rescues:write", "payments:read", "ratings:read", "notifications:read"],
        "driver": ["rescues:read", "rescues:write", "payouts:read", "ratings:read", "notifications:read"],
        "support": ["rescues:read", "drivers:read", "payments:read", "ratings:read", "pii:contact"],
        "admin": [
            "rescues:read", "rescues:write", "drivers:read", "payments:read", "payouts:read", "ratings:read",
            "notifications:read", "auditlogs:read", "apikeys:manage", "pii:contact", "pii:identity", "pii:financial",
        ],
    ]

    /// Demo API keys: one per staff member and for a few riders and drivers, plus
    /// a partner key, a revoked and an expired one. Their secrets are never kept
    /// (only a random stand-in hash is stored), so none of them can authenticate;
    /// `supportcarr apikey create` makes usable keys.
    func addAPIKeys() {
        var owners: [(DemoCast.Person, String, Bool, Int64?)] = cast.staff.map { ($0, "\($0.role) console", true, nil) }
        owners += cast.riders.prefix(3).map { ($0.person, "rider app", true, nil) }
        owners += cast.drivers.prefix(3).map { ($0.person, "driver app", true, nil) }
        owners.append((cast.admin, "partner: bike shop integration", true, asOf + 180 * DemoTime.day))
        owners.append((cast.admin, "revoked partner key", false, nil))
        owners.append((cast.admin, "expired pilot key", true, asOf - 7 * DemoTime.day))
        for (number, (owner, name, active, expires)) in owners.enumerated() {
            let created = max(owner.createdAt.millisecondsSinceEpoch, asOf - Int64(random.int(10...300)) * DemoTime.day)
            var permissions = Self.permissionsByRole[owner.role] ?? []
            if name.hasPrefix("partner") { permissions = ["rescues:read", "rescues:write"] }
            var key: BSONDocument = [
                "_id": .objectID(newId(at: created)), "userId": .objectID(owner.userId), "key": .string(random.hex(64)),
                "keyPrefix": .string(
                    "sk_test_" + random.string(8, from: DemoCast.alphanumerics) + DemoCast.padded(number, 2)),
                "name": .string(name), "permissions": .array(permissions.map(BSONValue.string)),
                "isActive": .bool(active),
                "requestCount": .int(random.int(0...50_000)),
            ]
            key["lastUsedAt"] = .date(ms: asOf - minutes(1...(60 * 24 * 6)))
            if let expires { key["expiresAt"] = .date(ms: expires) }
            key["createdAt"] = .date(ms: created)
            key["updatedAt"] = .date(ms: created)
            emit(.apiKeys, key)
        }
    }

    static func average(_ sum: Int, _ count: Int) -> Double {
        count == 0 ? 0 : (Double(sum) / Double(count) * 100).rounded() / 100
    }
}

/// `DriverProfile.bankDetails` as the data model shapes it; stored as encrypted JSON.
struct DemoBankDetails: Codable {
    var accountNumber: String
    var routingNumber: String
    var accountHolderName: String
}
