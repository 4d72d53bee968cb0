import GraphQLEngine
import MongoStore
import Testing

@testable import Resolvers

@Suite struct InputReaderTests {
    static func reader(_ value: JSONValue) -> InputReader { InputReader(path: "input", value: value) }

    @Test func refusalsNameThePathThroughInputObjects() {
        let input = Self.reader(.object([("pickup", .object([("lng", 10.0), ("lat", 95.0)]))]))
        #expect(throws: UserInputError.self) { _ = try input.field("pickup").point() }
        do {
            _ = try input.field("pickup").point()
        } catch {
            #expect(error.argument == "input.pickup.lat")
            #expect(error.message == "Argument \"input.pickup.lat\" must be between -90 and 90; got 95.0.")
            #expect(error.graphQLError.code == "BAD_USER_INPUT")
        }
    }

    @Test func textIsTrimmedBoundedAndFreeOfControlCharacters() throws {
        #expect(try Self.reader("  Flat tire  ").text(maxLength: 20) == "Flat tire")
        #expect(throws: UserInputError.self) { try Self.reader("   ").text(maxLength: 20) }
        #expect(throws: UserInputError.self) {
            try Self.reader(.string(String(repeating: "x", count: 21))).text(maxLength: 20)
        }
        #expect(throws: UserInputError.self) { try Self.reader("bell\u{07}").text(maxLength: 20) }
        #expect(try InputReader(path: "x", value: nil).optionalText(maxLength: 5) == nil)
        #expect(try InputReader(path: "x", value: .null).optionalText(maxLength: 5) == nil)
    }

    @Test func formatsEnumsAndIdsAreChecked() throws {
        #expect(InputReader.isZipCode("94110"))
        #expect(InputReader.isZipCode("94110-1234"))
        #expect(!InputReader.isZipCode("9411"))
        #expect(!InputReader.isZipCode("94110-12"))
        #expect(!InputReader.isZipCode("９４１１０"))
        #expect(InputReader.isStateCode("CA"))
        #expect(!InputReader.isStateCode("ca"))
        #expect(try Self.reader("FLAT_TIRE").storedEnum(["FLAT_TIRE"]) == "flat_tire")
        #expect(throws: UserInputError.self) { try Self.reader("flat_tire").storedEnum(["FLAT_TIRE"]) }
        #expect(try InputReader(path: "p", value: nil).storedEnum(["LOW", "NORMAL"], default: "NORMAL") == "normal")
        #expect(throws: UserInputError.self) { try Self.reader("not-an-id").objectID() }
        #expect(throws: UserInputError.self) { try Self.reader(.list([])).field("x") }
        #expect(throws: UserInputError.self) { try Self.reader(.double(.infinity)).double(in: 0...1) }
    }
}
