// MongoStore: a typed BSON model and an async/await MongoDB client over libmongoc
// (CMongoc). Blocking libmongoc calls run on a dedicated thread pool sized to the
// client pool, never on a Swift concurrency or event-loop thread; a task that
// prefers that pool as its executor (`MongoClient.taskExecutor`) makes them on
// the pool thread it runs on, without a hop. Free of GraphQL.
//
// Layout:
//   BSON/        BSONValue, BSONDocument (ordered), ObjectID, BSONDate, BSONDecimal128,
//                BSONRepresentable (typed reads), libbson conversion, Extended JSON
//   Client/      MongoClient, MongoClientConfiguration, MongoDatabase, the client
//                pool with its blocking threads (BlockingExecutor, also a TaskExecutor)
//                and leases
//   Operations/  MongoCollection: reads, writes, bulk, indexes, explain; options and results
//   Cursors/     MongoCursor and ChangeStream (AsyncSequences over a leased client)
//   Sessions/    MongoSession, MongoClient.withTransaction and MongoDatabase.withTransaction
//   Errors/      MongoError (generic description, detail for logs) and its libmongoc mapping
