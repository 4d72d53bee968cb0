public import GraphQLEngine
public import MongoStore

/// Turning list arguments into MongoDB filter conditions.
extension FieldContext {
    /// `{stored: <value>}` for an enum argument (`FLAT_TIRE` is stored `flat_tire`).
    public func enumCondition(_ argument: String, stored field: String? = nil, into filter: inout BSONDocument) {
        guard let value = arguments[argument, as: String.self] else { return }
        filter[field ?? argument] = .string(value.lowercased())
    }

    /// `{stored: {$in: [...]}}` for a list-of-enums argument; nothing when omitted.
    public func enumListCondition(_ argument: String, stored field: String? = nil, into filter: inout BSONDocument) {
        guard case .list(let items)? = arguments[argument] else { return }
        let values: [BSONValue] = items.compactMap { item in
            if case .string(let value) = item { return .string(value.lowercased()) }
            return nil
        }
        filter[field ?? argument] = ["$in": .array(values)]
    }

    /// `{stored: <id>}` for an optional `ObjectID` argument.
    public func idCondition(_ argument: String, stored field: String? = nil, into filter: inout BSONDocument) throws {
        if let id = try optionalObjectIDArgument(argument) { filter[field ?? argument] = .objectID(id) }
    }

    /// `{stored: {$gte: from, $lt: to}}` for a `DateTimeRange` argument (either end open).
    public func rangeCondition(_ argument: String, stored field: String? = nil, into filter: inout BSONDocument) throws
    {
        guard case .object(let entries)? = arguments[argument] else { return }
        var condition = BSONDocument()
        for (key, value) in entries {
            guard case .string(let text) = value else { continue }
            guard let date = ISO8601.parse(text) else {
                throw UserInputError("\"\(argument).\(key)\" is not an ISO 8601 date-time: \"\(text)\".")
            }
            if key == "from" { condition["$gte"] = .date(date) }
            if key == "to" { condition["$lt"] = .date(date) }
        }
        if !condition.isEmpty { filter[field ?? argument] = .document(condition) }
    }
}
