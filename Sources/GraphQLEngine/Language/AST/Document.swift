/// A parsed GraphQL document: executable definitions, type-system definitions
/// and extensions in source order (https://spec.graphql.org/October2021/#sec-Document).
public struct Document: Sendable, Hashable {
    public var definitions: [Definition]
    public var loc: Location
    /// The text the document was parsed from, for turning locations into lines
    /// and columns in error reports.
    public var source: Source

    public init(definitions: [Definition], loc: Location, source: Source) {
        self.definitions = definitions
        self.loc = loc
        self.source = source
    }
}
