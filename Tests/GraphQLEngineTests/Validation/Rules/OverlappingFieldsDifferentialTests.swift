import Testing

@testable import GraphQLEngine

/// Generated documents full of repeated, aliased, nested and fragment-spread
/// fields, validated by `OverlappingFieldsCanBeMergedRule` here and in
/// graphql-js: the shape classes and shared verdicts that keep the rule
/// linear must never change what is reported, nor its order.
@Suite struct OverlappingFieldsDifferentialTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

        mutating func pick<T>(_ options: [T]) -> T { options[below(options.count)] }
    }

    /// What may be selected on each type; `{T}` stands for a sub-selection on T.
    static let choices: [String: [String]] = [
        "Query": [
            "count", "x: count", "x: echo(message: \"a\")", "x: echo(message: \"b\")", "rider {Rider}",
            "rider(id: 1) {Rider}", "x: bike {Bike}", "vehicle {Vehicle}", "x: vehicle {Vehicle}", "...QA", "...QB",
            "... on Query {Query}",
        ],
        "Rider": [
            "id", "name", "name(short: true)", "x: name", "x: email", "x: rating", "partner {Rider}",
            "x: partner {Rider}", "bikes {Vehicle}", "...RA", "...RB", "... on Named {Rider}",
        ],
        "Vehicle": [
            "id", "kind", "label", "label(uppercase: true)", "x: wheels", "x: kind", "owner {Rider}",
            "... on Bike {Bike}", "... on EBike {EBike}", "... on Powered {EBike}", "... on Scooter {Scooter}",
        ],
        "Bike": ["serial", "x: gears", "x: serial", "owner {Rider}", "label(uppercase: false)", "...BA"],
        "EBike": ["serial", "x: motorWatts", "x: serial", "owner {Rider}", "x: batteryPercent"],
        "Scooter": ["serial", "x: maxSpeed", "x: serial", "owner {Rider}"],
    ]

    static let fragments = """
        fragment QA on Query { x: count rider { x: name } }
        fragment QB on Query { y: echo(message: "a") ...QA rider { y: email } }
        fragment RA on Rider { x: name partner { id x: id } }
        fragment RB on Rider { y: email ...RA partner { x: id } }
        fragment BA on Bike { x: gears owner { ...RA } }
        """

    static func selectionSet(on type: String, depth: Int, _ generator: inout Generator) -> String {
        var selections: [String] = []
        let count = 1 + generator.below(5)
        while selections.count < count {
            if !selections.isEmpty && generator.below(3) == 0 {
                selections.append(generator.pick(selections))  // repeat one verbatim
                continue
            }
            var choice = generator.pick(choices[type] ?? ["id"])
            if let open = choice.firstIndex(of: "{") {
                let inner = String(choice[choice.index(after: open)..<choice.index(before: choice.endIndex)])
                let body = depth >= 3 ? "id" : selectionSet(on: inner, depth: depth + 1, &generator)
                choice = String(choice[..<open]) + "{ " + body + " }"
            }
            selections.append(choice)
        }
        return selections.joined(separator: " ")
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func generatedDocumentsGetTheSameErrorsAsInGraphQLJS(seed: UInt64) async throws {
        var generator = Generator(state: seed)
        let documents = (0..<120).map { _ in
            "{ " + Self.selectionSet(on: "Query", depth: 0, &generator) + " }\n" + Self.fragments
        }
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: ["OverlappingFieldsCanBeMergedRule"], documents: documents)
    }
}
