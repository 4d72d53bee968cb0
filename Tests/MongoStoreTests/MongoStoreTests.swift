// Tests for MongoStore.
