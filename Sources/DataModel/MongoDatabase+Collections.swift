public import MongoStore

extension MongoDatabase {
    /// The data model's `collection`, by its stored name.
    public func collection(_ collection: Collections) -> MongoCollection {
        self.collection(collection.name)
    }
}
