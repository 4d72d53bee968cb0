import DataModel
import MongoStore
import Testing

@testable import Security

@Suite("Row scope filters")
struct RowScopeTests {
    let user = ObjectID()
    let rider = ObjectID()
    let driver = ObjectID()
    let counterparts = [ObjectID()]

    static let collections = Collections.allCases

    func ids(_ list: [ObjectID]) -> BSONValue { .array(list.map(BSONValue.objectID)) }

    @Test("support and admin see every row of every collection, and restrict leaves filters alone")
    func staff() {
        for role in [Role.support, .admin] {
            let scope = RowScope(role: role, userId: user)
            for collection in Self.collections {
                #expect(scope.filter(for: collection) == [:])
                #expect(scope.restrict(["status": "completed"], in: collection) == ["status": "completed"])
            }
            #expect(scope.missingRelations(for: Self.collections).isEmpty)
        }
    }

    @Test("a rider sees its own rescues, payments, payment methods and notifications, and no payouts or logs")
    func riderScope() {
        let scope = RowScope(
            role: .rider, userId: user, riderProfileId: rider, relations: [.liveDriverIds: counterparts])
        #expect(scope.filter(for: .rescueRequests) == ["riderId": .objectID(rider)])
        #expect(scope.filter(for: .payments) == ["riderId": .objectID(rider)])
        #expect(scope.filter(for: .paymentMethods) == ["riderId": .objectID(rider)])
        #expect(scope.filter(for: .notifications) == ["userId": .objectID(user)])
        #expect(scope.filter(for: .users) == ["_id": .objectID(user)])
        #expect(scope.filter(for: .rescueAssignments) == ["riderId": .objectID(rider)])
        #expect(scope.filter(for: .rescueStatusHistories) == ["riderId": .objectID(rider)])
        #expect(scope.filter(for: .vehicles) == ["driverId": ["$in": ids(counterparts)]])
        #expect(scope.filter(for: .driverStats) == ["driverId": ["$in": ids(counterparts)]])
        #expect(scope.filter(for: .driverProfiles) == ["_id": ["$in": ids(counterparts)]])
        // Through the nearby-drivers search: every row, and only position and rating.
        let discovery = scope.discovery(in: .driverProfiles)
        #expect(discovery.filter == [:])
        #expect(discovery.fields?.contains("location") == true && discovery.fields?.contains("name") == false)
        #expect(
            scope.filter(for: .ratings)
                == ["$or": [["fromUserId": .objectID(user)], ["toUserId": .objectID(user)]]])
        for closed: Collections in [.payouts, .auditLogs, .twilioEventLogs, .driverAvailabilityLogs] {
            #expect(scope.filter(for: closed) == RowScope.matchesNothing, "\(closed)")
        }
    }

    @Test("a driver sees its assignments, payouts and the rescues assigned to it")
    func driverScope() {
        let scope = RowScope(
            role: .driver, userId: user, driverProfileId: driver, relations: [.liveRiderIds: counterparts])
        #expect(scope.filter(for: .rescueAssignments) == ["driverId": .objectID(driver)])
        #expect(scope.filter(for: .payouts) == ["driverId": .objectID(driver)])
        #expect(scope.filter(for: .payments) == ["driverId": .objectID(driver)])
        #expect(scope.filter(for: .rescueRequests) == ["driverId": .objectID(driver)])
        #expect(scope.filter(for: .rescueStatusHistories) == ["driverId": .objectID(driver)])
        #expect(scope.filter(for: .riderProfiles) == ["_id": ["$in": ids(counterparts)]])
        #expect(scope.filter(for: .driverProfiles) == ["_id": .objectID(driver)])
        #expect(scope.filter(for: .paymentMethods) == RowScope.matchesNothing)
        #expect(scope.filter(for: .auditLogs) == RowScope.matchesNothing)
    }

    @Test("rules fail closed: no profile or relations not loaded admit nothing")
    func failClosed() {
        let noProfile = RowScope(role: .rider, userId: user)
        #expect(noProfile.filter(for: .rescueRequests) == RowScope.matchesNothing)
        #expect(noProfile.filter(for: .notifications) == ["userId": .objectID(user)])
        let unloaded = RowScope(role: .driver, userId: user, driverProfileId: driver)
        #expect(unloaded.filter(for: .riderProfiles) == RowScope.matchesNothing)
        #expect(unloaded.missingRelations(for: [.rescueRequests, .payouts]).isEmpty)
        #expect(unloaded.missingRelations(for: [.riderProfiles]) == [.liveRiderIds])
    }

    @Test("restrict ANDs the row rule into a query's own filter")
    func restrict() {
        let scope = RowScope(role: .rider, userId: user, riderProfileId: rider)
        #expect(scope.restrict([:], in: .payments) == ["riderId": .objectID(rider)])
        // One document of conditions, which every database plans on its indexes.
        #expect(
            scope.restrict(["status": "succeeded"], in: .payments)
                == ["status": "succeeded", "riderId": .objectID(rider)])
        #expect(
            scope.restrict(["riderId": .objectID(rider)], in: .payments) == ["riderId": .objectID(rider)])
        // A query for another rider's rows: the ids intersect to none, which matches nothing.
        let other = ObjectID()
        #expect(scope.restrict(["riderId": .objectID(other)], in: .payments) == ["riderId": ["$in": []]])
    }

    @Test("riders read personal data only of their own records and of the driver of their live rescue")
    func personalData() {
        let other = ObjectID()
        let scope = RowScope(
            role: .rider, userId: user, riderProfileId: rider, relations: [.liveDriverIds: counterparts])
        #expect(!scope.maySee(["_id": .objectID(other)], in: .driverProfiles))
        #expect(scope.maySee(["_id": .objectID(counterparts[0])], in: .driverProfiles))
        #expect(!scope.mayReadPersonalData(of: ["_id": .objectID(other)], in: .driverProfiles))
        #expect(scope.mayReadPersonalData(of: ["_id": .objectID(counterparts[0])], in: .driverProfiles))
        #expect(scope.mayReadPersonalData(of: ["_id": .objectID(rider)], in: .riderProfiles))
        #expect(!scope.mayReadPersonalData(of: ["_id": .objectID(other)], in: .riderProfiles))
        #expect(scope.mayReadPersonalData(of: ["_id": .objectID(user)], in: .users))
        #expect(!scope.mayReadPersonalData(of: ["_id": .objectID(other)], in: .users))
        #expect(RowScope(role: .support, userId: user).mayReadPersonalData(of: [:], in: .riderProfiles))
    }
}
