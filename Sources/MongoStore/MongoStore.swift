// MongoStore: a typed BSON model and an async/await MongoDB client over libmongoc
// (CMongoc). Blocking libmongoc calls run on a dedicated thread pool sized to the
// client pool, never on a Swift concurrency or event-loop thread. Free of GraphQL.
