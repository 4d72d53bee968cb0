import Testing

@testable import Security

@Suite("Roles and effective permissions")
struct RolePermissionTests {
    /// The role table of the README (## Permissions): ✓ = the role may hold it.
    static let table: [String: (rider: Bool, driver: Bool, support: Bool, admin: Bool, partner: Bool)] = [
        "rescues:read": (true, true, true, true, true),
        "rescues:write": (true, true, true, true, true),
        "assignments:write": (false, true, true, true, false),
        "drivers:read": (true, true, true, true, false),
        "drivers:write": (false, true, true, true, false),
        "riders:read": (true, true, true, true, true),
        "users:read": (true, true, true, true, true),
        "payments:read": (true, true, true, true, false),
        "payouts:read": (false, true, true, true, false),
        "ratings:read": (true, true, true, true, false),
        "ratings:write": (true, true, true, true, false),
        "payments:write": (false, false, true, true, false),
        "notifications:read": (true, true, true, true, false),
        "notifications:write": (true, true, true, true, false),
        "auditlogs:read": (false, false, true, true, false),
        "apikeys:manage": (false, false, false, true, false),
        "twilio:read": (false, false, true, true, false),
        "profiles:write": (true, true, true, true, true),
        "users:erase": (false, false, false, true, false),
        "pii:contact": (true, true, true, true, true),
        "pii:identity": (false, true, true, true, false),
        "pii:financial": (false, false, false, true, false),
    ]

    @Test("each role may hold exactly the permissions of the role table", arguments: Role.allCases)
    func matrix(_ role: Role) throws {
        #expect(Self.table.count == Permission.all.count)
        for permission in Permission.all {
            let row = try #require(Self.table[permission.name])
            let expected =
                switch role {
                case .rider: row.rider
                case .driver: row.driver
                case .support: row.support
                case .admin: row.admin
                case .partner: row.partner
                }
            #expect(role.maximalPermissions.contains(permission) == expected, "\(role) / \(permission)")
        }
    }

    @Test("a key gets its own permissions limited by its role, for every role and permission", arguments: Role.allCases)
    func effective(_ role: Role) {
        for permission in Permission.all {
            let granted = effectivePermissions([permission], role: role)
            #expect(granted == (role.maximalPermissions.contains(permission) ? [permission] : []))
        }
        #expect(effectivePermissions(.everything, role: role) == role.maximalPermissions)
        #expect(effectivePermissions([], role: role).isEmpty)
        #expect(effectivePermissions([.rescuesRead], role: role) == [.rescuesRead])
    }

    @Test("support reads everything but bank details and key management; riders never see identity PII")
    func highlights() {
        let support = Role.support.maximalPermissions
        #expect(!support.contains(.piiFinancial))
        #expect(!support.contains(.apiKeysManage))
        #expect(Permission.all.filter { $0.name.hasSuffix(":read") }.allSatisfy(support.contains))
        #expect(!Role.rider.maximalPermissions.contains(.piiIdentity))
        #expect(Role.driver.maximalPermissions.isSubset(of: support))
        #expect(Role.admin.maximalPermissions == .everything)
    }
}
