import Testing

@testable import MongoStore

@Suite struct MongoErrorTests {
    @Test func theIndexNameIsParsedFromADuplicateKeyMessage() {
        let message =
            #"E11000 duplicate key error collection: app.riders index: email_hash_1 dup key: { emailHash: "x" }"#
        #expect(MongoError.duplicateKeyIndexName(message) == "email_hash_1")
        #expect(MongoError.duplicateKeyIndexName("E11000 duplicate key error") == nil)
    }

    @Test func serverCodesMapToKinds() {
        #expect(MongoError.kind(ofServerCode: 11000) == .duplicateKey)
        #expect(MongoError.kind(ofServerCode: 50) == .timeout)
        #expect(MongoError.kind(ofServerCode: 26) == .notFound)
        #expect(MongoError.kind(ofServerCode: 112) == .transaction)
        #expect(MongoError.kind(ofServerCode: 2) == .invalidArgument)
        #expect(MongoError.kind(ofServerCode: 91) == .network)
        #expect(MongoError.kind(ofServerCode: 8000) == .server)
    }

    @Test func theDescriptionIsGenericAndTheDetailIsKeptForLogs() {
        let error = MongoError(code: .server, serverCode: 13, labels: ["X"], detail: "not authorized on secret_db")
        #expect(error.description == "database error")
        #expect("\(error)" == "database error")
        #expect(error.debugDescription.contains("not authorized on secret_db"))
        #expect(error.hasLabel("X"))
    }
}
