import Testing

@testable import GraphQLEngine

/// A schema using every kind of type and most SDL features at once.
let richSDL = #"""
    """
    The bike-rescue schema, in small.
    """
    schema {
      query: Root
      mutation: Mutations
    }

    directive @encrypted on FIELD_DEFINITION
    directive @requires(permission: String!, level: Level = LOW) repeatable on FIELD_DEFINITION | OBJECT
    directive @tag(name: String!) repeatable on OBJECT | INTERFACE | FIELD_DEFINITION | ARGUMENT_DEFINITION | ENUM_VALUE | INPUT_FIELD_DEFINITION | SCALAR | UNION | ENUM | INPUT_OBJECT | SCHEMA

    "An ISO-8601 instant."
    scalar DateTime @specifiedBy(url: "https://tools.ietf.org/html/rfc3339")

    scalar ObjectID

    interface Node {
      id: ObjectID!
    }

    interface Person implements Node {
      id: ObjectID!
      "Full name"
      name(format: NameFormat = FULL): String
    }

    type User implements Person & Node @tag(name: "user") {
      id: ObjectID!
      name(format: NameFormat = FULL, locale: String): String
      phone: String @encrypted @requires(permission: "pii:contact") @requires(permission: "pii:any", level: HIGH)
      oldPhone: String @deprecated(reason: "Use `phone`.")
      createdAt: DateTime
    }

    type Vehicle implements Node {
      id: ObjectID!
      plate: String @deprecated
    }

    union SearchResult = User | Vehicle

    enum NameFormat {
      FULL
      "Given name only"
      SHORT @deprecated(reason: "Ambiguous")
    }

    enum Level { LOW HIGH }

    enum IssueType { FLAT_TIRE CHAIN }

    input RescueInput {
      issue: IssueType!
      note: String = "none"
      location: PointInput
      tags: [String!] = ["a", "b"]
      legacy: Int @deprecated
    }

    input PointInput {
      lat: Float!
      lng: Float!
    }

    type Root {
      node(id: ObjectID!): Node
      search(text: String!, first: Int = 10): [SearchResult!]!
      me: User
    }

    type Mutations {
      requestRescue(input: RescueInput!): ObjectID
    }

    extend type Vehicle {
      owner: User
    }

    extend union SearchResult @tag(name: "searchable")

    extend enum IssueType { BATTERY }

    extend input PointInput { accuracy: Float }

    extend schema @tag(name: "v2")
    """#

@Suite("Building a schema from SDL")
struct BuildSchemaTests {
    @Test("a rich SDL builds, with root types from the schema definition")
    func buildsRichSDL() throws {
        let schema = try buildSchema(sdl: richSDL)
        #expect(schema.queryTypeName == "Root")
        #expect(schema.mutationTypeName == "Mutations")
        #expect(schema.subscriptionTypeName == nil)
        #expect(schema.queryType?.name == "Root")
        #expect(schema.description == "The bike-rescue schema, in small.")
        #expect(schema.appliedDirectives.map { $0.argument("name") } == ["v2"])
        #expect(schema.extensionASTNodes.count == 1)
    }

    @Test("every kind of named type is found by name")
    func typesByName() throws {
        let schema = try buildSchema(sdl: richSDL)
        #expect(schema.type(named: "DateTime")?.kind == .scalar)
        #expect(schema.type(named: "User")?.kind == .object)
        #expect(schema.type(named: "Node")?.kind == .interface)
        #expect(schema.type(named: "SearchResult")?.kind == .union)
        #expect(schema.type(named: "NameFormat")?.kind == .enumType)
        #expect(schema.type(named: "RescueInput")?.kind == .inputObject)
        #expect(schema.type(named: "Missing") == nil)
        // Built-in scalars the schema uses are there; unused ones are not, as in graphql-js.
        #expect(schema.type(named: "String")?.kind == .scalar)
        #expect(schema.type(named: "Float")?.kind == .scalar)
        #expect(schema.type(named: "Int")?.kind == .scalar)
        #expect(schema.type(named: "ID") == nil)
    }

    @Test("descriptions, arguments and defaults are kept")
    func fieldsAndArguments() throws {
        let schema = try buildSchema(sdl: richSDL)
        let person = try #require(schema.type(named: "Person"))
        let name = try #require(person.field(named: "name"))
        #expect(name.description == "Full name")
        #expect(name.type == .named("String"))
        let format = try #require(name.argument(named: "format"))
        #expect(format.type == .named("NameFormat"))
        #expect(schema.defaultValue(of: format) == .string("FULL"))
        let search = try #require(schema.field("search", on: "Root"))
        #expect(search.type.description == "[SearchResult!]!")
        #expect(search.argument(named: "text")?.isRequired == true)
        #expect(search.argument(named: "first")?.isRequired == false)
        // Defaults are coerced once, when the schema is built.
        #expect(search.argument(named: "first")?.coercedDefaultValue == 10)
        #expect(search.argument(named: "text")?.coercedDefaultValue == nil)
        let input = try #require(schema.type(named: "RescueInput"))
        guard case .inputObject(let rescue) = input else {
            Issue.record("not an input object")
            return
        }
        #expect(rescue.fields.map(\.name) == ["issue", "note", "location", "tags", "legacy"])
        #expect(schema.defaultValue(of: try #require(rescue.field(named: "tags"))) == .list(["a", "b"]))
    }

    @Test("deprecations are read from @deprecated, with the default reason")
    func deprecations() throws {
        let schema = try buildSchema(sdl: richSDL)
        #expect(schema.field("oldPhone", on: "User")?.deprecationReason == "Use `phone`.")
        #expect(schema.field("plate", on: "Vehicle")?.deprecationReason == "No longer supported")
        #expect(schema.field("phone", on: "User")?.isDeprecated == false)
        guard case .enumType(let format) = schema.type(named: "NameFormat") else {
            Issue.record("NameFormat is not an enum")
            return
        }
        #expect(format.value(named: "SHORT")?.deprecationReason == "Ambiguous")
        #expect(format.value(named: "SHORT")?.description == "Given name only")
        #expect(format.value(named: "FULL")?.isDeprecated == false)
    }

    @Test("custom directives on fields are readable with coerced arguments")
    func appliedDirectives() throws {
        let schema = try buildSchema(sdl: richSDL)
        let phone = try #require(schema.field("phone", on: "User"))
        #expect(phone.hasDirective(named: "encrypted"))
        let requires = phone.directives(named: "requires")
        #expect(requires.count == 2)
        #expect(phone.directive(named: "requires")?.argument("permission") == .string("pii:contact"))
        // The default of `level` is applied; enum values arrive as their names.
        #expect(requires[0].argument("level") == .string("LOW"))
        #expect(requires[1].argument("level") == .string("HIGH"))
        #expect(schema.type(named: "User")?.directives.first?.argument("name") == .string("user"))
        #expect(schema.field("createdAt", on: "User")?.directives.isEmpty == true)
        #expect(schema.fields(withDirective: "encrypted").map { "\($0.typeName).\($0.field.name)" } == ["User.phone"])
        #expect(schema.type(named: "User")?.directive(named: "tag")?.argument("name") == "user")
    }

    @Test("extensions add fields, members, values and directives")
    func extensions() throws {
        let schema = try buildSchema(sdl: richSDL)
        #expect(schema.field("owner", on: "Vehicle")?.type == .named("User"))
        guard case .union(let search) = schema.type(named: "SearchResult") else {
            Issue.record("SearchResult is not a union")
            return
        }
        #expect(search.directives.map(\.name) == ["tag"])
        #expect(search.extensionASTNodes.count == 1)
        guard case .enumType(let issue) = schema.type(named: "IssueType") else {
            Issue.record("IssueType is not an enum")
            return
        }
        #expect(issue.values.map(\.name) == ["FLAT_TIRE", "CHAIN", "BATTERY"])
        guard case .inputObject(let point) = schema.type(named: "PointInput") else {
            Issue.record("PointInput is not an input object")
            return
        }
        #expect(point.fields.map(\.name) == ["lat", "lng", "accuracy"])
    }

    @Test("one schema serves many concurrent readers")
    func concurrentReaders() async throws {
        let schema = try buildSchema(sdl: richSDL)
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    var found = 0
                    for _ in 0..<200 {
                        if let node = schema.type(named: "Node") { found += schema.possibleTypes(of: node).count }
                    }
                    return found
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 400, count: 32))
    }

    @Test("closure hooks serve a custom scalar, literals included")
    func closureScalar() throws {
        let objectID = ClosureScalarCoercion(
            serialize: { value in value },
            parseValue: { value in
                guard case .string(let text) = value, text.count == 24, text.allSatisfy(\.isHexDigit) else {
                    throw CoercionError("ObjectID cannot represent value: \(value.inspected)")
                }
                return value
            })
        let schema = try buildSchema(sdl: richSDL, options: SchemaBuildOptions(scalars: ["ObjectID": objectID]))
        guard case .scalar(let scalar) = schema.type(named: "ObjectID") else {
            Issue.record("ObjectID missing")
            return
        }
        let valid = "0123456789abcdef01234567"
        #expect(try scalar.coercion.parseValue(.string(valid)) == .string(valid))
        #expect(throws: CoercionError("ObjectID cannot represent value: \"xyz\"")) {
            try scalar.coercion.parseValue("xyz")
        }
        // A literal goes through parseValue when no parseLiteral hook is given.
        #expect(
            try scalar.coercion.parseLiteral(try Parser.parseValue("\"\(valid)\""), variables: [:]) == .string(valid))
        #expect(throws: CoercionError("ObjectID cannot represent value: 12")) {
            try scalar.coercion.parseLiteral(try Parser.parseValue("12"), variables: [:])
        }
        #expect(schema.coerceLiteral(try Parser.parseValue("\"nope\""), to: .named("ObjectID")) == nil)
    }

    @Test("scalars keep @specifiedBy and get the hooks given by name")
    func customScalars() throws {
        struct Upper: ScalarCoercion {
            func serialize(_ value: JSONValue) throws -> JSONValue {
                guard case .string(let s) = value else { throw CoercionError("not a string") }
                return .string(s.uppercased())
            }
            func parseValue(_ value: JSONValue) throws -> JSONValue { value }
        }
        let schema = try buildSchema(sdl: richSDL, options: SchemaBuildOptions(scalars: ["ObjectID": Upper()]))
        guard case .scalar(let dateTime) = schema.type(named: "DateTime"),
            case .scalar(let objectID) = schema.type(named: "ObjectID")
        else {
            Issue.record("scalars missing")
            return
        }
        #expect(dateTime.specifiedByURL == "https://tools.ietf.org/html/rfc3339")
        #expect(dateTime.description == "An ISO-8601 instant.")
        #expect(try objectID.coercion.serialize("abc") == "ABC")
        // Without hooks a custom scalar passes values through.
        #expect(try dateTime.coercion.serialize("2024-01-01T00:00:00Z") == "2024-01-01T00:00:00Z")
        #expect(try dateTime.coercion.parseValue(["a": 1]) == ["a": 1])
    }

    @Test("enum values may map to internal values given by the layer above")
    func enumInternalValues() throws {
        let options = SchemaBuildOptions(enumValues: ["IssueType": ["FLAT_TIRE": "flat_tire"]])
        let schema = try buildSchema(sdl: richSDL, options: options)
        guard case .enumType(let issue) = schema.type(named: "IssueType") else {
            Issue.record("IssueType is not an enum")
            return
        }
        #expect(try issue.parseValue("FLAT_TIRE") == "flat_tire")
        #expect(try issue.serialize("flat_tire") == "FLAT_TIRE")
        #expect(try issue.serialize("CHAIN") == "CHAIN")
        #expect(throws: CoercionError("Enum \"IssueType\" cannot represent value: \"FLAT_TIRE\"")) {
            try issue.serialize("FLAT_TIRE")
        }
        #expect(
            throws: CoercionError(
                "Value \"CHAINS\" does not exist in \"IssueType\" enum.",
                suggestion: " Did you mean the enum value \"CHAIN\"?")
        ) {
            try issue.parseValue("CHAINS")
        }
    }

    @Test("interfaces know their implementations, unions their members")
    func possibleTypes() throws {
        let schema = try buildSchema(sdl: richSDL)
        let node = try #require(schema.type(named: "Node"))
        #expect(schema.possibleTypes(of: node).map(\.name) == ["User", "Vehicle"])
        guard case .interface(let nodeInterface) = node else { return }
        #expect(schema.implementations(of: nodeInterface).interfaces.map(\.name) == ["Person"])
        let person = try #require(schema.type(named: "Person"))
        let user = try #require(schema.type(named: "User"))
        let vehicle = try #require(schema.type(named: "Vehicle"))
        let search = try #require(schema.type(named: "SearchResult"))
        #expect(schema.possibleTypes(of: search).map(\.name) == ["User", "Vehicle"])
        #expect(schema.isSubType(node, person))
        #expect(schema.isSubType(node, user))
        #expect(!schema.isSubType(person, vehicle))
        #expect(schema.doTypesOverlap(person, search))
        #expect(schema.doTypesOverlap(node, vehicle))
        #expect(!schema.doTypesOverlap(person, vehicle))
        #expect(!schema.doTypesOverlap(user, vehicle))
        #expect(schema.isTypeSubTypeOf(.nonNull(.named("User")), .named("Node")))
        #expect(schema.isTypeSubTypeOf(.list(.nonNull(.named("User"))), .list(.named("SearchResult"))))
        #expect(!schema.isTypeSubTypeOf(.named("User"), .nonNull(.named("Node"))))
        #expect(!schema.isTypeSubTypeOf(.list(.named("User")), .named("Node")))
    }

    @Test("type predicates answer for wrapped references")
    func predicates() throws {
        let schema = try buildSchema(sdl: richSDL)
        #expect(schema.isInputType(.nonNull(.list(.named("RescueInput")))))
        #expect(!schema.isInputType(.named("User")))
        #expect(schema.isOutputType(.list(.named("User"))))
        #expect(!schema.isOutputType(.named("RescueInput")))
        #expect(schema.isLeafType(.nonNull(.named("DateTime"))))
        #expect(schema.isLeafType(.named("Level")))
        #expect(!schema.isLeafType(.list(.named("Level"))))
        #expect(schema.isCompositeType(.named("SearchResult")))
        #expect(schema.isAbstractType(.named("Node")))
        #expect(!schema.isAbstractType(.named("User")))
        #expect(schema.namedType(of: .nonNull(.list(.named("User"))))?.name == "User")
    }

    @Test("without a schema definition the roots are Query, Mutation and Subscription")
    func defaultRootNames() throws {
        let schema = try buildSchema(
            sdl: """
                type Query { a: Int }
                type Mutation { b: Int }
                type Subscription { c: Int }
                """)
        #expect(schema.queryTypeName == "Query")
        #expect(schema.mutationTypeName == "Mutation")
        #expect(schema.subscriptionTypeName == "Subscription")
        #expect(schema.rootType(for: .subscription)?.field(named: "c")?.type == .named("Int"))
    }

    @Test("built-in directives are present unless redefined")
    func builtInDirectives() throws {
        let schema = try buildSchema(sdl: "type Query { a: Int }")
        #expect(schema.directives.map(\.name) == ["include", "skip", "deprecated", "specifiedBy"])
        let deprecated = try #require(schema.directive(named: "deprecated"))
        #expect(deprecated.locations == [.fieldDefinition, .argumentDefinition, .inputFieldDefinition, .enumValue])
        #expect(schema.defaultValue(of: try #require(deprecated.argument(named: "reason"))) == "No longer supported")
        let custom = try buildSchema(sdl: "directive @skip(if: Boolean!) on FIELD\ntype Query { a: Int }")
        #expect(custom.directives.map(\.name) == ["skip", "include", "deprecated", "specifiedBy"])
        #expect(custom.directive(named: "skip")?.locations == [.field])
    }

    @Test("the type map is ordered as graphql-js orders it")
    func typeMapOrder() throws {
        let schema = try buildSchema(
            sdl: """
                type Query { b: B, n: Int }
                type B { s: String, f: Float }
                """)
        // The order graphql-js 16's `Object.keys(schema.getTypeMap())` gives.
        #expect(
            schema.types.map(\.name) == [
                "Query", "Int", "B", "String", "Float", "Boolean", "__Schema", "__Type", "__TypeKind", "__Field",
                "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation",
            ])
        let small = try buildSchema(sdl: "type Query { a: Int }")
        #expect(small.types.map(\.name).prefix(4) == ["Query", "Int", "Boolean", "String"])
    }

    @Test("introspection types and meta-fields are part of every schema")
    func introspectionTypes() throws {
        let schema = try buildSchema(sdl: "type Query { a: Int }\nunion U = Query")
        #expect(IntrospectionTypes.all.count == 8)
        let type = try #require(schema.type(named: "__Type"))
        #expect(
            type.fields?.map(\.name) == [
                "kind", "name", "description", "specifiedByURL", "fields", "interfaces", "possibleTypes", "enumValues",
                "inputFields", "ofType",
            ])
        let fieldsField = try #require(type.field(named: "fields"))
        #expect(schema.defaultValue(of: try #require(fieldsField.argument(named: "includeDeprecated"))) == false)
        guard case .enumType(let kinds) = schema.type(named: "__TypeKind") else {
            Issue.record("__TypeKind missing")
            return
        }
        #expect(kinds.values.map(\.name) == TypeKind.allCases.map(\.rawValue))
        let query = try #require(schema.type(named: "Query"))
        let union = try #require(schema.type(named: "U"))
        #expect(schema.fieldDefinition(named: "__schema", on: query)?.type == .nonNull(.named("__Schema")))
        #expect(schema.fieldDefinition(named: "__type", on: query)?.argument(named: "name") != nil)
        #expect(schema.fieldDefinition(named: "__typename", on: union)?.type == .nonNull(.named("String")))
        #expect(schema.fieldDefinition(named: "__schema", on: type) == nil)
        #expect(schema.fieldDefinition(named: "a", on: query)?.type == .named("Int"))
    }
}
