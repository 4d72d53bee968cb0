/// One step of a response path: a field's response key or a list index
/// (https://spec.graphql.org/October2021/#sec-Errors.Error-result-format).
public enum PathComponent: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let key): key
        case .index(let index): String(index)
        }
    }
}
