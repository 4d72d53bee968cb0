import Enforcement
import GraphQLEngine
import Security
import Testing

@Suite struct RescueMovePolicyTests {
    @Test func ridersOnlyCancelDriversReportProgressAndStaffMakeAnyMove() {
        #expect(RescueMovePolicy.mayMove(.rider, from: "EN_ROUTE", to: "CANCELLED"))
        #expect(!RescueMovePolicy.mayMove(.rider, from: "REQUESTED", to: "MATCHED"))
        #expect(!RescueMovePolicy.mayMove(.rider, from: "IN_PROGRESS", to: "COMPLETED"))
        #expect(RescueMovePolicy.mayMove(.driver, from: "MATCHED", to: "ACCEPTED"))
        #expect(RescueMovePolicy.mayMove(.driver, from: "MATCHED", to: "REQUESTED"))
        #expect(RescueMovePolicy.mayMove(.driver, from: "IN_PROGRESS", to: "COMPLETED"))
        #expect(RescueMovePolicy.mayMove(.driver, from: "ARRIVED", to: "CANCELLED"))
        #expect(!RescueMovePolicy.mayMove(.driver, from: "REQUESTED", to: "MATCHED"))
        for role in [Role.support, .admin] {
            #expect(RescueMovePolicy.mayMove(role, from: "REQUESTED", to: "MATCHED"))
        }
    }

    @Test func aMoveTheLifecycleDoesNotAllowIsLeftToTheResolver() throws {
        // A rider may not match a rescue, but REQUESTED to COMPLETED is no move
        // at all: the resolver's BAD_USER_INPUT answers it, not FORBIDDEN.
        let arguments = ArgumentValues([("from", "REQUESTED"), ("to", "COMPLETED")])
        try RescueMovePolicy().check(role: .rider, arguments: arguments)
        #expect(throws: GraphQLError.self) {
            try RescueMovePolicy().check(
                role: .rider, arguments: ArgumentValues([("from", "REQUESTED"), ("to", "MATCHED")]))
        }
    }
}
