/// A 1-based line and column in a `Source`, as reported in the `locations` of a
/// GraphQL error (https://spec.graphql.org/October2021/#sec-Errors.Error-result-format).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}
