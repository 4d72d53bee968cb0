public import DataModel

/// Index names for query hints, taken from `IndexCatalogue` by their fields,
/// so a hint names an index the migrator really creates (a name that is not
/// in the catalogue is a programming error caught by the tests, which run
/// every hinted query).
public enum IndexNames {
    /// The catalogue index on `collection` whose keys are exactly `fields`, in order.
    public static func named(_ collection: Collections, _ fields: String...) -> String? {
        IndexCatalogue.indexes(on: collection).first { $0.keys.map(\.field) == fields }?.name
    }
}
