public import MongoStore

/// The people of the demo data, decided before any rescue: staff, riders and
/// drivers with their ids and (plaintext) personal data. Built from the random seed
/// alone, so the same options always give the same cast; tests rebuild it to know
/// which plaintexts must never appear in the database.
public struct DemoCast: Sendable {
    public struct Person: Sendable {
        public let index: Int
        public let userId: ObjectID
        public let role: String
        public let name: String
        public let phoneNumber: String
        public let email: String?
        public let createdAt: BSONDate
    }

    public struct Rider: Sendable {
        public let person: Person
        public let profileId: ObjectID
        /// Stripe payment method ids; the first is the default.
        public let paymentMethodIds: [String]
        public let homeStreet: Int
    }

    public struct Driver: Sendable {
        public let person: Person
        public let profileId: ObjectID
        public let vehicleId: ObjectID
        public let status: String
        public let isOnline: Bool
        public let lng: Double
        public let lat: Double
        public let licenseNumber: String
        public let insuranceNumber: String?
        public let bankAccountNumber: String?
        public let bankRoutingNumber: String
        public let plateNumber: String
        public let vin: String
        public let vehicleModel: Int
    }

    public let staff: [Person]
    public let riders: [Rider]
    public let drivers: [Driver]

    /// The admin who approves drivers and stands for the dispatch system.
    public var admin: Person { staff[0] }
    /// Support agents (they read PII, so they appear in the audit log).
    public var support: ArraySlice<Person> { staff.dropFirst() }

    /// Every value the database holds only encrypted: names, e-mails, phone
    /// numbers, licence, insurance, bank account numbers, plates and VINs.
    public var encryptedPlaintexts: [String] {
        var values: [String] = []
        for person in staff + riders.map(\.person) + drivers.map(\.person) {
            values.append(person.phoneNumber)
            values.append(person.name)
            if let email = person.email { values.append(email) }
        }
        for driver in drivers {
            values += [driver.licenseNumber, driver.plateNumber, driver.vin]
            if let insurance = driver.insuranceNumber { values.append(insurance) }
            if let account = driver.bankAccountNumber { values.append(account) }
        }
        return values
    }

    static func make(options: DemoSeedOptions, random: inout SplitMix64) -> DemoCast {
        let asOf = options.asOf.millisecondsSinceEpoch
        var index = 0
        func person(role: String) -> Person {
            defer { index += 1 }
            let first = random.pick(DemoVocabulary.firstNames)
            let last = random.pick(DemoVocabulary.lastNames)
            let created = asOf - Int64(random.int(130...700)) * DemoTime.day - Int64(random.int(0...86_399)) * 1000
            let hasEmail = role != "rider" || random.chance(0.85)
            return Person(
                index: index, userId: DemoIds.make(at: created, random: &random), role: role,
                name: "\(first) \(last)", phoneNumber: phoneNumber(index),
                email: hasEmail ? "\(first).\(last).\(index)@example.com".lowercased() : nil,
                createdAt: BSONDate(millisecondsSinceEpoch: created)
            )
        }
        let staff = [person(role: "admin"), person(role: "support"), person(role: "support")]
        var riders: [Rider] = []
        riders.reserveCapacity(options.riders)
        for _ in 0..<options.riders {
            let someone = person(role: "rider")
            let methods = (0..<random.int(1...2)).map { _ in "pm_" + random.string(24, from: alphanumerics) }
            riders.append(
                Rider(
                    person: someone,
                    profileId: DemoIds.make(at: someone.createdAt.millisecondsSinceEpoch, random: &random),
                    paymentMethodIds: methods, homeStreet: random.int(0...(DemoVocabulary.streets.count - 1))))
        }
        var drivers: [Driver] = []
        drivers.reserveCapacity(options.drivers)
        let statuses: [(String, Int)] = [("approved", 82), ("pending", 8), ("suspended", 5), ("rejected", 5)]
        for number in 0..<options.drivers {
            let someone = person(role: "driver")
            // The first four drivers cover every status; the rest follow the weights.
            let status =
                number < 4 ? ["approved", "pending", "suspended", "rejected"][number] : random.weighted(statuses)
            let street = random.pick(DemoVocabulary.streets)
            let created = someone.createdAt.millisecondsSinceEpoch
            drivers.append(
                Driver(
                    person: someone, profileId: DemoIds.make(at: created, random: &random),
                    vehicleId: DemoIds.make(at: created, random: &random), status: status,
                    isOnline: status == "approved" && (number == 0 || random.chance(0.75)),
                    lng: DemoGeo.round(street.lng + random.double(-0.012...0.012)),
                    lat: DemoGeo.round(street.lat + random.double(-0.009...0.009)),
                    licenseNumber: random.string(1, from: "ABCDEFGHJKLMNPRSTUVWXYZ") + random.string(7, from: digits),
                    insuranceNumber: random.chance(0.9) ? "POL-" + random.string(9, from: digits) : nil,
                    bankAccountNumber: status == "approved" || random.chance(0.5)
                        ? random.string(12, from: digits) : nil,
                    bankRoutingNumber: "12" + random.string(7, from: digits),
                    plateNumber: plateNumber(number), vin: random.string(17, from: vinAlphabet),
                    vehicleModel: random.int(0...(DemoVocabulary.vehicleModels.count - 1))
                ))
        }
        return DemoCast(staff: staff, riders: riders, drivers: drivers)
    }

    static let digits = "0123456789"
    static let alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    static let vinAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"

    /// A unique, fictional E.164 number for user `index`: Bay Area area code, the
    /// 555 exchange (then 556, ... past 40,000 users), four digits.
    static func phoneNumber(_ index: Int) -> String {
        let block = index / 10_000
        let area = DemoVocabulary.areaCodes[block % DemoVocabulary.areaCodes.count]
        let exchange = 555 + block / DemoVocabulary.areaCodes.count
        return "+1\(area)\(exchange)\(padded(index % 10_000, 4))"
    }

    /// A unique California-style plate (`7ABC123`) for vehicle `index`.
    static func plateNumber(_ index: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let rest = index / 9
        let block = rest / 1000
        let code = [block / 676 % 26, block / 26 % 26, block % 26].map { String(letters[$0]) }.joined()
        return "\(1 + index % 9)\(code)\(padded(rest % 1000, 3))"
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
