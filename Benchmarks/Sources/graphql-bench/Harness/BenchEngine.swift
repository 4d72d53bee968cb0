/// One GraphQL implementation under measurement.
///
/// An engine is made from `BenchInputs` outside the timed region (schema built
/// from SDL, root value and variables decoded from JSON); `runOnce()` is the timed
/// unit of work and must do all of it every time, with no cache of parsed or
/// validated documents carried between calls:
///
/// 1. parse the query text,
/// 2. validate it against the schema,
/// 3. execute it with the default resolver semantics (a field reads the
///    same-named key of its parent JSON object; lists are JSON arrays; abstract
///    types resolve by the `__typename` key of the data; custom scalars pass
///    their JSON value through),
/// 4. serialize the response to JSON bytes.
///
/// A document that does not parse or validate is not a failure of the run: the
/// engine returns the spec's error response (`{"errors": [...]}`,
/// https://spec.graphql.org/October2021/#sec-Response-Format).
protocol BenchEngine {
    /// The name printed in the output line (`ours`, `graphqlswift`).
    var name: String { get }

    /// What the reader of the figures must know about how this engine ran the
    /// workload (a deviation from the default semantics, say); printed in the
    /// output line as `notes` when not empty.
    var notes: [String] { get }

    /// One full request: parse, validate, execute, serialize. Returns the response
    /// as UTF-8 JSON bytes.
    mutating func runOnce() async -> [UInt8]
}
