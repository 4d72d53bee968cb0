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

extension Document {
    /// The operations, in document order.
    public var operations: [OperationDefinition] {
        definitions.compactMap { definition in
            if case .operation(let operation) = definition { return operation }
            return nil
        }
    }

    /// The fragment definitions, in document order (duplicates included; the
    /// UniqueFragmentNames rule reports those).
    public var fragments: [FragmentDefinition] {
        definitions.compactMap { definition in
            if case .fragment(let fragment) = definition { return fragment }
            return nil
        }
    }
}
