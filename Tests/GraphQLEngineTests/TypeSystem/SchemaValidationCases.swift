/// Invalid SDL documents, one or more per type-system rule, with the messages
/// graphql-js 16 gives for them. `SchemaValidationTests` checks our messages
/// against these and, when Node.js is available, every message and location
/// against graphql-js itself.
enum SchemaValidationCases {
    struct Case: Sendable {
        var name: String
        var sdl: String
        var messages: [String]
    }

    static let all: [Case] =
        sdlRules + rootTypes + names + objectsAndInterfaces + implementations + unions
        + enumsAndInputs + directives

    // MARK: SDL rules (checked on the document before building)

    static let sdlRules: [Case] = [
        Case(
            name: "two schema definitions",
            sdl: "schema { query: Query }\nschema { query: Query }\ntype Query { a: Int }",
            messages: ["Must provide only one schema definition.", "There can be only one query type in schema."]),
        Case(
            name: "a repeated operation type",
            sdl: "schema { query: Query query: Query }\ntype Query { a: Int }",
            messages: ["There can be only one query type in schema."]),
        Case(
            name: "an operation type repeated by an extension",
            sdl: "schema { query: Query }\nextend schema { query: Query }\ntype Query { a: Int }",
            messages: ["There can be only one query type in schema."]),
        Case(
            name: "two types of one name",
            sdl: "type Query { a: Int }\ntype Query { b: Int }",
            messages: ["There can be only one type named \"Query\"."]),
        Case(
            name: "a repeated field",
            sdl: "type Query { a: Int a: String }",
            messages: ["Field \"Query.a\" can only be defined once."]),
        Case(
            name: "a field repeated by an extension",
            sdl: "type Query { a: Int }\nextend type Query { a: Int }",
            messages: ["Field \"Query.a\" can only be defined once."]),
        Case(
            name: "a repeated input field",
            sdl: "type Query { a(i: I): Int }\ninput I { x: Int x: Int }",
            messages: ["Field \"I.x\" can only be defined once."]),
        Case(
            name: "a repeated enum value",
            sdl: "type Query { a: E }\nenum E { A B A }",
            messages: ["Enum value \"E.A\" can only be defined once."]),
        Case(
            name: "an enum value repeated by an extension",
            sdl: "type Query { a: E }\nenum E { A }\nextend enum E { A }",
            messages: ["Enum value \"E.A\" can only be defined once."]),
        Case(
            name: "a repeated field argument",
            sdl: "type Query { a(x: Int, y: Int, x: String): Int }",
            messages: ["Argument \"Query.a(x:)\" can only be defined once."]),
        Case(
            name: "a repeated directive argument definition",
            sdl: "directive @d(x: Int, x: Int) on FIELD\ntype Query { a: Int }",
            messages: ["Argument \"@d(x:)\" can only be defined once."]),
        Case(
            name: "two directives of one name",
            sdl: "directive @d on FIELD\ndirective @d on QUERY\ntype Query { a: Int }",
            messages: ["There can be only one directive named \"@d\"."]),
        Case(
            name: "an unknown field type with a suggestion",
            sdl: "type Query { a: Strin, u: User }\ntype Usr { a: Int }",
            messages: [
                "Unknown type \"Strin\". Did you mean \"String\"?", "Unknown type \"User\". Did you mean \"Usr\"?",
            ]),
        Case(
            name: "an unknown interface, member and argument type",
            sdl: "type Query implements Nope { a(x: Nix): Int }\nunion U = Query | Gone",
            messages: [
                "Unknown type \"Nope\".", "Unknown type \"Nix\". Did you mean \"ID\" or \"Int\"?",
                "Unknown type \"Gone\".",
            ]),
        Case(
            name: "an unknown root type",
            sdl: "schema { query: Root }\ntype Query { a: Int }",
            messages: ["Unknown type \"Root\"."]),
        Case(
            name: "an unknown applied directive",
            sdl: "type Query { a: Int @nope }",
            messages: ["Unknown directive \"@nope\"."]),
        Case(
            name: "a directive at a location it does not allow",
            sdl: "directive @onField on FIELD_DEFINITION\ntype Query @onField { a: Int @skip(if: true) }",
            messages: [
                "Directive \"@onField\" may not be used on OBJECT.",
                "Directive \"@skip\" may not be used on FIELD_DEFINITION.",
            ]),
        Case(
            name: "directives on arguments, input fields and enum values at wrong locations",
            sdl: """
                directive @arg on ARGUMENT_DEFINITION
                directive @val on ENUM_VALUE
                type Query { a(x: Int @val): E }
                enum E { A @arg }
                input I { f: Int @arg }
                """,
            messages: [
                "Directive \"@val\" may not be used on ARGUMENT_DEFINITION.",
                "Directive \"@arg\" may not be used on ENUM_VALUE.",
                "Directive \"@arg\" may not be used on INPUT_FIELD_DEFINITION.",
            ]),
        Case(
            name: "a non-repeatable directive repeated",
            sdl: "directive @d on FIELD_DEFINITION\ntype Query { a: Int @d @d }",
            messages: ["The directive \"@d\" can only be used once at this location."]),
        Case(
            name: "a non-repeatable directive repeated across a type and its extension",
            sdl: "directive @d on OBJECT\ntype Query @d { a: Int }\nextend type Query @d",
            messages: ["The directive \"@d\" can only be used once at this location."]),
        Case(
            name: "@deprecated repeated",
            sdl: "type Query { a: Int @deprecated @deprecated }",
            messages: ["The directive \"@deprecated\" can only be used once at this location."]),
        Case(
            name: "an extension of an undefined type",
            sdl: "type Query { a: Int }\nextend type Querys { b: Int }",
            messages: ["Cannot extend type \"Querys\" because it is not defined. Did you mean \"Query\"?"]),
        Case(
            name: "an extension of another kind",
            sdl: "type Query { a: Int }\nextend interface Query { b: Int }\nenum E { A }\nextend input E { x: Int }",
            messages: ["Cannot extend non-interface type \"Query\".", "Cannot extend non-input object type \"E\"."]),
        Case(
            name: "an unknown directive argument",
            sdl: "directive @d(permission: String) on FIELD_DEFINITION\ntype Query { a: Int @d(permision: \"x\") }",
            messages: ["Unknown argument \"permision\" on directive \"@d\". Did you mean \"permission\"?"]),
        Case(
            name: "a repeated directive argument",
            sdl: "type Query { a: Int @deprecated(reason: \"a\", reason: \"b\") }",
            messages: ["There can be only one argument named \"reason\"."]),
        Case(
            name: "a repeated input object field in a directive argument",
            sdl:
                "directive @d(o: O) on FIELD_DEFINITION\ninput O { x: Int }\ntype Query { a: Int @d(o: {x: 1, x: 2}) }",
            messages: ["There can be only one input field named \"x\"."]),
        Case(
            name: "a missing required directive argument",
            sdl: "directive @requires(permission: String!) on FIELD_DEFINITION\ntype Query { a: Int @requires }",
            messages: [
                "Directive \"@requires\" argument \"permission\" of type \"String!\" is required, but it was not provided."
            ]),
        Case(
            name: "a missing required argument of a built-in directive",
            sdl: "scalar S @specifiedBy\ntype Query { a: S }",
            messages: [
                "Directive \"@specifiedBy\" argument \"url\" of type \"String!\" is required, but it was not provided."
            ]),
    ]

    // MARK: Root operation types

    static let rootTypes: [Case] = [
        Case(name: "no query type", sdl: "type Foo { a: Int }", messages: ["Query root type must be provided."]),
        Case(
            name: "a schema definition without query",
            sdl: "schema { mutation: Foo }\ntype Foo { a: Int }",
            messages: ["Query root type must be provided."]),
        Case(
            name: "a query root that is not an object",
            sdl: "schema { query: I }\ninput I { a: Int }",
            messages: ["Query root type must be Object type, it cannot be I."]),
        Case(
            name: "a mutation and subscription root that are not objects",
            sdl: "schema { query: Query mutation: U subscription: String }\ntype Query { a: Int }\nunion U = Query",
            messages: [
                "Mutation root type must be Object type if provided, it cannot be U.",
                "Subscription root type must be Object type if provided, it cannot be String.",
            ]),
        Case(
            name: "a Query named type that is not an object, without schema definition",
            sdl: "scalar Query",
            messages: ["Query root type must be Object type, it cannot be Query."]),
    ]

    // MARK: Reserved names

    static let names: [Case] = [
        Case(
            name: "names starting with two underscores",
            sdl: """
                directive @__d(__x: Int) on FIELD
                type Query { __a(__b: Int): Int, ok: __T }
                type __T { a: Int }
                enum E { __V }
                input I { __f: Int }
                type Other { e: E, i(i: I): Int }
                """,
            messages: [
                "Name \"__d\" must not begin with \"__\", which is reserved by GraphQL introspection.",
                "Name \"__x\" must not begin with \"__\", which is reserved by GraphQL introspection.",
                "Name \"__a\" must not begin with \"__\", which is reserved by GraphQL introspection.",
                "Name \"__b\" must not begin with \"__\", which is reserved by GraphQL introspection.",
                "Name \"__T\" must not begin with \"__\", which is reserved by GraphQL introspection.",
                "Name \"__V\" must not begin with \"__\", which is reserved by GraphQL introspection.",
                "Name \"__f\" must not begin with \"__\", which is reserved by GraphQL introspection.",
            ])
    ]

    // MARK: Objects and interfaces

    static let objectsAndInterfaces: [Case] = [
        Case(
            name: "an object and an interface without fields",
            sdl: "type Query { a: I }\ninterface I\ntype Empty",
            messages: ["Type I must define one or more fields.", "Type Empty must define one or more fields."]),
        Case(
            name: "an input object as a field type",
            sdl: "type Query { a: [In!] }\ninput In { x: Int }",
            messages: ["The type of Query.a must be Output Type but got: [In!]."]),
        Case(
            name: "an output type as an argument type",
            sdl: "type Query { a(x: Query!): Int, b(y: [U]): Int }\nunion U = Query",
            messages: [
                "The type of Query.a(x:) must be Input Type but got: Query!.",
                "The type of Query.b(y:) must be Input Type but got: [U].",
            ]),
        Case(
            name: "a deprecated required argument",
            sdl: "type Query { a(x: Int! @deprecated, y: Int! = 1 @deprecated, z: Int @deprecated): Int }",
            messages: ["Required argument Query.a(x:) cannot be deprecated."]),
    ]

    // MARK: Interface implementation

    static let implementations: [Case] = [
        Case(
            name: "implementing a non-interface",
            sdl: "type Query implements Other { a: Int }\ntype Other { a: Int }",
            messages: ["Type Query must only implement Interface types, it cannot implement Other."]),
        Case(
            name: "an interface implementing itself",
            sdl: "type Query { a: I }\ninterface I implements I { a: Int }",
            messages: ["Type I cannot implement itself because it would create a circular reference."]),
        Case(
            name: "implementing an interface twice",
            sdl: "type Query implements I & I { a: Int }\ninterface I { a: Int }",
            messages: ["Type Query can only implement I once."]),
        Case(
            name: "implementing an interface twice through an extension",
            sdl: "type Query implements I { a: Int }\nextend type Query implements I\ninterface I { a: Int }",
            messages: ["Type Query can only implement I once."]),
        Case(
            name: "a missing interface field",
            sdl: "type Query implements I { a: Int }\ninterface I { a: Int b: String }",
            messages: ["Interface field I.b expected but Query does not provide it."]),
        Case(
            name: "an interface field of a non-covariant type",
            sdl: """
                type Query implements I { a: String, b: [Int], c: Int, d: Obj!, e: [Obj] }
                interface I { a: Int, b: [Int]!, c: Int!, d: I, e: [I!] }
                type Obj implements I { a: Int, b: [Int]!, c: Int!, d: Obj, e: [Obj!] }
                """,
            messages: [
                "Interface field I.a expects type Int but Query.a is type String.",
                "Interface field I.b expects type [Int]! but Query.b is type [Int].",
                "Interface field I.c expects type Int! but Query.c is type Int.",
                "Interface field I.e expects type [I!] but Query.e is type [Obj].",
            ]),
        Case(
            name: "a missing interface field argument",
            sdl: "type Query implements I { a: Int }\ninterface I { a(x: Int): Int }",
            messages: ["Interface field argument I.a(x:) expected but Query.a does not provide it."]),
        Case(
            name: "an interface field argument of another type",
            sdl:
                "type Query implements I { a(x: Int!): Int, b(y: [String]): Int }\ninterface I { a(x: Int): Int, b(y: [String]): Int }",
            messages: ["Interface field argument I.a(x:) expects type Int but Query.a(x:) is type Int!."]),
        Case(
            name: "an extra required argument",
            sdl:
                "type Query implements I { a(x: Int, y: Int!, z: Int! = 1, w: Int): Int }\ninterface I { a(x: Int): Int }",
            messages: [
                "Object field Query.a includes required argument y that is missing from the Interface field I.a."
            ]),
        Case(
            name: "an interface of an interface not implemented",
            sdl: """
                type Query implements B { id: ID, name: String }
                interface A { id: ID }
                interface B implements A { id: ID, name: String }
                """,
            messages: ["Type Query must implement A because it is implemented by B."]),
        Case(
            name: "interfaces implementing each other",
            sdl: """
                type Query { a: A }
                interface A implements B { id: ID }
                interface B implements A { id: ID }
                """,
            messages: [
                "Type A cannot implement B because it would create a circular reference.",
                "Type B cannot implement A because it would create a circular reference.",
            ]),
    ]

    // MARK: Unions

    static let unions: [Case] = [
        Case(
            name: "a union without members",
            sdl: "type Query { a: U }\nunion U",
            messages: ["Union type U must define one or more member types."]),
        Case(
            name: "a union with a repeated member",
            sdl: "type Query { a: U }\nunion U = Query | Query",
            messages: ["Union type U can only include type Query once."]),
        Case(
            name: "a union with non-object members",
            sdl: "type Query { a: U }\nunion U = Query | I | S\ninterface I { a: Int }\nscalar S",
            messages: [
                "Union type U can only include Object types, it cannot include I.",
                "Union type U can only include Object types, it cannot include S.",
            ]),
    ]

    // MARK: Enums and input objects

    static let enumsAndInputs: [Case] = [
        Case(
            name: "an enum without values",
            sdl: "type Query { a: E }\nenum E",
            messages: ["Enum type E must define one or more values."]),
        Case(
            name: "an input object without fields",
            sdl: "type Query { a(i: I): Int }\ninput I",
            messages: ["Input Object type I must define one or more fields."]),
        Case(
            name: "an input field of an output type",
            sdl: "type Query { a(i: I): Int }\ninput I { q: Query, u: [U!] }\nunion U = Query",
            messages: [
                "The type of I.q must be Input Type but got: Query.",
                "The type of I.u must be Input Type but got: [U!].",
            ]),
        Case(
            name: "a deprecated required input field",
            sdl: "type Query { a(i: I): Int }\ninput I { x: Int! @deprecated(reason: \"old\"), y: Int @deprecated }",
            messages: ["Required input field I.x cannot be deprecated."]),
        Case(
            name: "an input object containing itself through non-null fields",
            sdl: """
                type Query { a(i: A): Int }
                input A { b: B!, ok: [A!]!, maybe: A }
                input B { c: C! }
                input C { a: A!, self: C! }
                """,
            messages: [
                "Cannot reference Input Object \"A\" within itself through a series of non-null fields: \"b.c.a\".",
                "Cannot reference Input Object \"C\" within itself through a series of non-null fields: \"self\".",
            ]),
    ]

    // MARK: Directive definitions

    static let directives: [Case] = [
        Case(
            name: "a directive argument of an output type",
            sdl: "directive @d(x: Query) on FIELD\ntype Query { a: Int }",
            messages: ["The type of @d(x:) must be Input Type but got: Query."]),
        Case(
            name: "a deprecated required directive argument",
            sdl: "directive @d(x: Int! @deprecated) on FIELD\ntype Query { a: Int }",
            messages: ["Required argument @d(x:) cannot be deprecated."]),
    ]
}
