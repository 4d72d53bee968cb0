/// A name token as a node: `[_A-Za-z][_0-9A-Za-z]*`
/// (https://spec.graphql.org/October2021/#Name).
public struct Name: Sendable, Hashable {
    public var value: String
    public var loc: Location

    public init(value: String, loc: Location) {
        self.value = value
        self.loc = loc
    }
}
