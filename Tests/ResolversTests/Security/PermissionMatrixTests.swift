import DataModel
import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

@testable import Resolvers

/// What a caller gets at one path of a response.
enum Outcome: Equatable, CustomStringConvertible {
    /// The field resolved without an error at its path.
    case readable
    /// Null with a `FORBIDDEN` error at its path.
    case forbidden
    /// The row is not visible: a lookup above is null and no error says why.
    case invisible
    /// An object above it was denied (its own error is there), so it was never asked.
    case blocked

    var description: String {
        switch self {
        case .readable: "readable"
        case .forbidden: "forbidden"
        case .invisible: "invisible"
        case .blocked: "blocked"
        }
    }

    static func of(_ response: GraphQLResponse, _ path: [String]) -> Outcome? {
        func errors(at path: [String]) -> [GraphQLError] {
            response.errors.filter { error in error.path.map(\.description) == path }
        }
        if let error = errors(at: path).first {
            return error.code == "FORBIDDEN" && response.data?[path] == .null ? .forbidden : nil
        }
        for length in 1..<max(1, path.count) {
            let above = Array(path.prefix(length))
            if response.data?[above] == .null { return errors(at: above).isEmpty ? .invisible : .blocked }
        }
        return response.data?[path] != nil ? .readable : nil
    }
}

extension JSONValue {
    subscript(_ path: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for key in path {
            guard case .object(let entries)? = current else { return nil }
            current = entries.first { $0.key == key }?.value
        }
        return current
    }
}

/// Every role against every sensitive field and every row rule,
/// through plain fields, fragments, interfaces and aliases. The expected
/// outcomes are written out by hand from the README's role table, not derived
/// from the code under test.
@Suite(.serialized) struct PermissionMatrixTests {
    static let sensitiveQuery = """
        query($riderUser: ObjectID!, $driverUser: ObjectID!, $rider: ObjectID!, $driver: ObjectID!, $vehicle: ObjectID!, $other: ObjectID!, $otherRider: ObjectID!) {
          riderUser: user(id: $riderUser) { phoneNumber }
          driverUser: user(id: $driverUser) { phoneNumber }
          rider: riderProfile(id: $rider) { name email stripeCustomerId savedLocations { address } }
          driver: driverProfile(id: $driver) {
            name email licenseNumber vehicleInsuranceNumber stripeAccountId bankDetails { accountNumber } totalEarnings
          }
          other: driverProfile(id: $other) { name }
          otherRider: riderProfile(id: $otherRider) { name }
          vehicle(id: $vehicle) { plateNumber vin }
        }
        """

    static let paths: [String] = [
        "riderUser.phoneNumber", "driverUser.phoneNumber", "rider.name", "rider.email", "rider.stripeCustomerId",
        "rider.savedLocations", "driver.name", "driver.email", "driver.licenseNumber", "driver.vehicleInsuranceNumber",
        "driver.stripeAccountId", "driver.bankDetails", "driver.totalEarnings", "other.name", "otherRider.name",
        "vehicle.plateNumber", "vehicle.vin",
    ]

    /// R: readable, F: forbidden, I: invisible row; in the order of `paths`.
    static let expected: [Role: String] = [
        // rider: own account and profile; its live rescue's driver's name and email
        // (not identity, money or bank); a driver it never met: invisible (nearby
        // drivers are found through nearbyDrivers only); other riders invisible;
        // vehicle plate and VIN need pii:identity.
        .rider: "R I RRFR RRFFFFF I I FF",
        // driver: own account, profile (not money or bank; earnings yes), vehicle;
        // its rider's contact data, not the processor id; other drivers and riders invisible.
        .driver: "I R RRFR RRRRFFR I I RR",
        // support: every row, contact and identity data, no financial data.
        .support: "R R RRFR RRRRFFR R R RR",
        .admin: "R R RRRR RRRRRRR R R RR",
    ]

    static func outcomes(_ text: String) -> [Outcome] {
        text.compactMap { character in
            switch character {
            case "R": .readable
            case "F": .forbidden
            case "I": .invisible
            case "B": .blocked
            default: nil
            }
        }
    }

    static let moreQuery = """
        query($twilio: ObjectID!, $method: ObjectID!, $stats: ObjectID!) {
          twilio: twilioEventLog(id: $twilio) { to body rawEvent }
          method: paymentMethod(id: $method) { card { expMonth expYear } }
          stats: driverStats(id: $stats) { totalEarnings }
        }
        """
    static let morePaths = [
        "twilio", "twilio.to", "twilio.body", "twilio.rawEvent", "method.card.expMonth", "method.card.expYear",
        "stats.totalEarnings",
    ]
    /// The same for delivery logs (`twilio:read`), card expiry (`pii:financial`,
    /// the rider's own card) and a driver's earnings (`payouts:read`, the
    /// counterpart driver's statistics).
    static let moreExpected: [Role: String] = [
        .rider: "F BBB FF F",
        .driver: "F BBB II R",
        .support: "R RRR FF R",
        .admin: "R RRR RR R",
    ]

    @Test func everyRoleGetsDeliveryLogsCardExpiryAndEarningsAsItsRoleAllows() async throws {
        try await SeededDatabase.with { fixture in
            let people = try await SeededPeople.find(in: fixture.database)
            func id(_ collection: Collections, _ filter: BSONDocument) async throws -> String {
                let document = try #require(try await fixture.collection(collection).findOne(filter), "\(collection)")
                guard case .objectID(let id)? = document["_id"] else { throw CancellationError() }
                return id.hex
            }
            let variables: [String: JSONValue] = [
                "twilio": .string(try await id(.twilioEventLogs, ["body": ["$exists": true]])),
                "method": .string(
                    try await id(
                        .paymentMethods, ["riderId": .objectID(people.riderProfile), "card": ["$exists": true]])),
                "stats": .string(try await id(.driverStats, ["driverId": .objectID(people.driverProfile)])),
            ]
            for role in SeededPeople.matrixRoles {
                let principal = try await Callers.principal(user: people.user(of: role), in: fixture.database)
                let response = await fixture.run(Self.moreQuery, variables, principal: principal)
                let wanted = Self.outcomes(try #require(Self.moreExpected[role]))
                #expect(wanted.count == Self.morePaths.count)
                for (path, outcome) in zip(Self.morePaths, wanted) {
                    let got = Outcome.of(response, path.split(separator: ".").map(String.init))
                    #expect(got == outcome, "\(role) \(path): \(response.errors.map(\.message))")
                }
                #expect(
                    response.errors.allSatisfy { $0.code == "FORBIDDEN" }, "\(role): \(response.errors.map(\.message))")
            }
        }
    }

    @Test func everyRoleGetsExactlyTheSensitiveFieldsAndRowsItsRoleAllows() async throws {
        try await SeededDatabase.with { fixture in
            let people = try await SeededPeople.find(in: fixture.database)
            for role in SeededPeople.matrixRoles {
                let principal = try await Callers.principal(user: people.user(of: role), in: fixture.database)
                let response = await fixture.run(Self.sensitiveQuery, people.variables, principal: principal)
                let wanted = Self.outcomes(try #require(Self.expected[role]))
                #expect(wanted.count == Self.paths.count)
                for (path, outcome) in zip(Self.paths, wanted) {
                    let got = Outcome.of(response, path.split(separator: ".").map(String.init))
                    #expect(got == outcome, "\(role) \(path): \(response.errors.map(\.message))")
                }
                // No error other than the FORBIDDEN ones expected.
                #expect(
                    response.errors.allSatisfy { $0.code == "FORBIDDEN" }, "\(role): \(response.errors.map(\.message))")
                #expect(response.errors.count == wanted.filter { $0 == .forbidden }.count, "\(role)")
            }
        }
    }

    @Test func decryptedValuesReachTheCallersAllowedToReadThem() async throws {
        try await SeededDatabase.with { fixture in
            let people = try await SeededPeople.find(in: fixture.database)
            let admin = try await Callers.principal(user: people.adminUser, in: fixture.database)
            let response = await fixture.run(Self.sensitiveQuery, people.variables, principal: admin)
            #expect(response.errors.map(\.message) == [])
            for path in [
                "riderUser.phoneNumber", "rider.name", "rider.email", "driver.name", "driver.licenseNumber",
                "vehicle.plateNumber",
            ] {
                let value = response.data?[path.split(separator: ".").map(String.init)]?.stringValue
                #expect(value != nil && !(value ?? "").hasPrefix("v1:"), "\(path)")
            }
            #expect(response.data?["driver", "bankDetails", "accountNumber"]?.stringValue?.isEmpty == false)
            #expect(response.data?["riderUser", "phoneNumber"]?.stringValue?.hasPrefix("+") == true)
        }
    }

    @Test func fragmentsInterfacesAndAliasesMeetTheSameCheck() async throws {
        try await SeededDatabase.with { fixture in
            let people = try await SeededPeople.find(in: fixture.database)
            let query = """
                query($riderUser: ObjectID!, $driverUser: ObjectID!) {
                  me { ...Contact profile { ... on RiderProfile { secret: stripeCustomerId n: name } ...Named } }
                  d: user(id: $driverUser) { profile { __typename id } }
                  r: user(id: $riderUser) { alias: phoneNumber }
                }
                fragment Contact on User { phone: phoneNumber }
                fragment Named on Profile { fullName: name }
                """
            let variables: [String: JSONValue] = [
                "riderUser": .string(people.riderUser.hex), "driverUser": .string(people.driverUser.hex),
            ]
            let rider = try await Callers.principal(user: people.riderUser, in: fixture.database)
            let asRider = await fixture.run(query, variables, principal: rider)
            #expect(Outcome.of(asRider, ["me", "phone"]) == .readable)
            #expect(Outcome.of(asRider, ["me", "profile", "secret"]) == .forbidden)
            #expect(Outcome.of(asRider, ["me", "profile", "n"]) == .readable)
            #expect(Outcome.of(asRider, ["me", "profile", "fullName"]) == .readable)
            #expect(asRider.data?["me", "profile", "n"] == asRider.data?["me", "profile", "fullName"])
            #expect(Outcome.of(asRider, ["r", "alias"]) == .readable)
            // Another user's account is not the rider's row.
            #expect(asRider.data?["d"] == .null)

            // A support key without drivers:read: the driver's `profile` (an
            // interface) is checked against the concrete type it turns out to be.
            let limited = Role.support.maximalPermissions.subtracting([.driversRead, .piiContact])
            let support = try await Callers.principal(
                user: people.supportUser, in: fixture.database, permissions: limited)
            let asSupport = await fixture.run(query, variables, principal: support)
            #expect(Outcome.of(asSupport, ["d", "profile"]) == .forbidden)
            #expect(Outcome.of(asSupport, ["r", "alias"]) == .forbidden)
            #expect(
                asSupport.errors.first { $0.path.map(\.description) == ["r", "alias"] }?.message
                    == "Not allowed: this field needs the permission 'pii:contact'.")
        }
    }

    @Test func aKeyHoldsOnlyWhatItListsWithinItsRole() async throws {
        try await SeededDatabase.with { fixture in
            let people = try await SeededPeople.find(in: fixture.database)
            // A rider key listing pii:financial still cannot read it (role cap);
            // a rider key without payments:read cannot read its own payments.
            let rider = try await Callers.principal(
                user: people.riderUser, in: fixture.database, permissions: [.usersRead, .ridersRead, .piiFinancial])
            let response = await fixture.run(
                "query($rider: ObjectID!) { riderProfile(id: $rider) { stripeCustomerId payments { totalCount } rescues { totalCount } } }",
                ["rider": .string(people.riderProfile.hex)], principal: rider)
            #expect(Outcome.of(response, ["riderProfile", "stripeCustomerId"]) == .forbidden)
            #expect(Outcome.of(response, ["riderProfile", "payments"]) == .forbidden)
            #expect(Outcome.of(response, ["riderProfile", "rescues"]) == .forbidden)
            let mutation = await fixture.run(
                "mutation($id: ObjectID!) { transitionRescue(id: $id, from: REQUESTED, to: CANCELLED) { id } }",
                ["id": .string(ObjectID().hex)], principal: rider)
            #expect(Outcome.of(mutation, ["transitionRescue"]) == .forbidden)
        }
    }
}
