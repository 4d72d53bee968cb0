import Enforcement
import GraphQLEngine
import Security
import Testing

@Suite struct RoleWritePolicyTests {
    static func allows(_ policy: RoleWritePolicy, _ role: Role) -> Bool {
        (try? policy.check(role: role, arguments: ArgumentValues([]))) != nil
    }

    @Test func ridersAskStaffDispatchAndOnlyDriversAnswerOrReportTheirOwnState() {
        #expect(RoleWritePolicy.createRescueRequest.roles == [.rider, .support, .admin, .partner])
        #expect(RoleWritePolicy.assignDriver.roles == [.support, .admin])
        for policy in [
            RoleWritePolicy.respondToAssignment, .setDriverAvailability, .updateDriverLocation,
        ] {
            #expect(policy.roles == [.driver])
        }
        #expect(!Self.allows(.createRescueRequest, .driver))
        #expect(Self.allows(.createRescueRequest, .rider))
        #expect(!Self.allows(.assignDriver, .rider))
        #expect(!Self.allows(.respondToAssignment, .admin))
    }

    @Test func aRefusalIsForbiddenAndSaysWhatTheRoleMayNotDo() {
        do {
            try RoleWritePolicy.assignDriver.check(role: .driver, arguments: ArgumentValues([]))
            Issue.record("a driver assigned a driver")
        } catch {
            #expect(error.code == GraphQLError.Code.forbidden)
            #expect(error.message == "Not allowed: a driver key may not assign a driver.")
        }
    }

    @Test func everyLifecycleWriteIsInTheStandardPipeline() {
        let guarded = Set(WritePolicyMiddleware.standardPolicies.map(\.fieldName))
        for name in [
            "transitionRescue", "markNotificationRead", "createRescueRequest", "assignDriver", "respondToAssignment",
            "setDriverAvailability", "updateDriverLocation",
        ] {
            #expect(guarded.contains(name), "\(name)")
        }
    }
}
