import GraphQLEngine
import Testing

/// The field middleware hook, used as the security layer will use it.
@Suite struct MiddlewareTests {
    static let sdl = """
        directive @requires(permission: String!) on FIELD_DEFINITION
        directive @encrypted on FIELD_DEFINITION
        type User {
          name: String
          phone: String @encrypted @requires(permission: "pii:contact")
          email: String @requires(permission: "pii:contact")
          friend: User
        }
        type Query { me: User, users: [User] }
        """

    struct Permissions: Sendable { let granted: Set<String> }

    /// Denies fields whose `@requires` permission the caller lacks; "decrypts"
    /// `@encrypted` values (here: reverses them).
    struct Guard: FieldMiddleware {
        let calls: Counter

        func applies(to field: GraphQLField, of type: ObjectType) -> Bool {
            field.hasDirective(named: "requires") || field.hasDirective(named: "encrypted")
        }

        func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
            calls.increment()
            if case .string(let permission)? = field.definition.directive(named: "requires")?.argument("permission") {
                let granted = try field.context(as: Permissions.self).granted
                guard granted.contains(permission) else {
                    throw GraphQLError(
                        message: "Not allowed to read \(field.parentType.name).\(field.fieldName).",
                        extensions: [("code", .string(GraphQLError.Code.forbidden))])
                }
            }
            let value = try next(field)
            guard field.definition.hasDirective(named: "encrypted") else { return value }
            return value.map { resolved in
                guard case .json(.string(let cipher)) = resolved else { return resolved }
                return .string(String(cipher.reversed()))
            }
        }
    }

    final class Counter: Sendable {
        private let box = Box()
        private final class Box: @unchecked Sendable {
            // Only touched from the executor's driving task in these tests.
            var value = 0
        }
        func increment() { box.value += 1 }
        var value: Int { box.value }
    }

    static let data: JSONValue = [
        "me": ["name": "Ann", "phone": "4321", "email": "a@x", "friend": ["name": "Bob", "phone": "9876"]]
    ]

    @Test func aDeniedFieldIsNullWithAForbiddenErrorAndTheRestStands() async throws {
        let counter = Counter()
        let schema = try Fixtures.executable(Self.sdl, middleware: [Guard(calls: counter)])
        let result = try await Fixtures.run(
            "{ me { name phone email friend { name } } }", schema: schema, data: Self.data,
            context: Permissions(granted: []))
        #expect(
            result
                == #"{"errors":[{"message":"Not allowed to read User.phone.","locations":[{"line":1,"column":13}],"path":["me","phone"],"extensions":{"code":"FORBIDDEN"}},{"message":"Not allowed to read User.email.","locations":[{"line":1,"column":19}],"path":["me","email"],"extensions":{"code":"FORBIDDEN"}}],"data":{"me":{"name":"Ann","phone":null,"email":null,"friend":{"name":"Bob"}}}}"#
        )
        // Only the two directed fields went through the middleware.
        #expect(counter.value == 2)
    }

    @Test func anAllowedEncryptedFieldIsTransformedAfterTheResolver() async throws {
        let schema = try Fixtures.executable(Self.sdl, middleware: [Guard(calls: Counter())])
        let result = try await Fixtures.run(
            "{ me { phone email friend { phone } } }", schema: schema, data: Self.data,
            context: Permissions(granted: ["pii:contact"]))
        #expect(result == #"{"data":{"me":{"phone":"1234","email":"a@x","friend":{"phone":"6789"}}}}"#)
    }

    struct PhoneLoader: Loader {
        func load(_ keys: [String]) async throws -> [String: ResolvedValue] {
            Dictionary(uniqueKeysWithValues: keys.map { ($0, ResolvedValue.string("cba-\($0)")) })
        }
    }

    @Test func theTransformAlsoAppliesToLoadedAndAsyncValues() async throws {
        let schema = try Fixtures.executable(
            Self.sdl,
            resolvers: [
                "User": [
                    "phone": .sync { field in field.load(PhoneLoader(), key: "k") },
                    "name": .async { _ in .string("async") },
                ]
            ],
            middleware: [Guard(calls: Counter())])
        let result = try await Fixtures.run(
            "{ me { name phone } }", schema: schema, data: Self.data, context: Permissions(granted: ["pii:contact"]))
        #expect(result == #"{"data":{"me":{"name":"async","phone":"k-abc"}}}"#)
    }
    /// `Guard` that also says, once per field of the plan, when a granted
    /// permission leaves it nothing to do.
    struct PlanningGuard: FieldMiddleware {
        let inner: Guard
        let asked: Counter

        func applies(to field: GraphQLField, of type: ObjectType) -> Bool { inner.applies(to: field, of: type) }

        func isNeeded(for field: GraphQLField, of type: ObjectType, context: any Sendable) -> Bool {
            asked.increment()
            guard !field.hasDirective(named: "encrypted"),
                case .string(let permission)? = field.directive(named: "requires")?.argument("permission"),
                let granted = (context as? Permissions)?.granted
            else { return true }
            return !granted.contains(permission)
        }

        func resolve(_ field: FieldContext, next: (FieldContext) throws -> ResolvedValue) throws -> ResolvedValue {
            try inner.resolve(field, next: next)
        }
    }

    @Test func aMiddlewareNotNeededForTheRequestIsAskedOncePerFieldAndSkippedForEveryObject() async throws {
        let (calls, asked) = (Counter(), Counter())
        let schema = try Fixtures.executable(
            Self.sdl, middleware: [PlanningGuard(inner: Guard(calls: calls), asked: asked)])
        let users: JSONValue = [
            "users": .list((0..<5).map { index in ["name": .string("U\(index)"), "phone": "21", "email": "e"] })
        ]
        let granted = try await Fixtures.run(
            "{ users { email phone } }", schema: schema, data: users, context: Permissions(granted: ["pii:contact"]))
        #expect(granted.contains(#"{"email":"e","phone":"12"}"#))
        // Asked once for each of the two fields; `email` then read directly,
        // `phone` (encrypted: transformed per value) through the middleware.
        #expect(asked.value == 2)
        #expect(calls.value == 5)
        // Without the permission the field is still refused at each object's path.
        let refused = try await Fixtures.run(
            "{ users { email } }", schema: schema, data: users, context: Permissions(granted: []))
        #expect(refused.components(separatedBy: "Not allowed to read User.email.").count == 6)
        #expect(calls.value == 10)
    }
}
