/// The ordered map of CollectFields: response key to the field nodes that
/// share it, keys in the order first seen
/// (https://spec.graphql.org/October2021/#CollectFields()).
///
/// Selection sets are small, so up to `linearLimit` keys are found by
/// scanning `keys` (no hashing, no dictionary to allocate and grow); past
/// that a dictionary index is built and kept up to date.
struct FieldGroups {
    static let linearLimit = 16
    private(set) var keys: [String] = []
    private(set) var nodes: [[Field]] = []
    private var index: [String: Int]?

    init(capacity: Int) {
        keys.reserveCapacity(capacity)
        nodes.reserveCapacity(capacity)
    }

    mutating func add(_ field: Field) {
        let key = field.responseKey
        if let position = position(of: key) {
            nodes[position].append(field)
            return
        }
        keys.append(key)
        nodes.append([field])
        if index != nil {
            index?[key] = keys.count - 1
        } else if keys.count > Self.linearLimit {
            var built: [String: Int] = [:]
            built.reserveCapacity(keys.count * 2)
            for (position, key) in keys.enumerated() { built[key] = position }
            index = built
        }
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return keys.firstIndex(of: key)
    }
}
