import GraphQLEngine
import Testing

@testable import Resolvers

/// The checks of people's input that need no database: card numbers, phone
/// numbers, emails.
struct PeopleInputTests {
    @Test(
        "card numbers are recognised however they are written, Stripe ids and short numbers are not",
        arguments: [
            ("4242424242424242", true), ("4242 4242 4242 4242", true), ("4111-1111-1111-1111", true),
            ("pm_4242424242424242", true), ("378282246310005", true), ("pm_1NqZbK2eZvKYlo2C", false),
            ("4242424242424241", false), ("1234", false), ("+14155550123", false), ("visa", false),
        ])
    func cardNumbers(text: String, isCard: Bool) {
        #expect(PeopleInputRules.looksLikeCardNumber(text) == isCard, "\(text)")
    }

    @Test("phone numbers must be E.164; emails need one @ and a dotted domain")
    func phonesAndEmails() throws {
        func reader(_ text: String) -> InputReader { InputReader(path: "input.x", value: .string(text)) }
        #expect(try reader("+14155550123").optionalPhoneNumber() == "+14155550123")
        for bad in ["4155550123", "+0123456789", "+1 415 555 0123", "+1415", "+1415555012345678"] {
            #expect(throws: UserInputError.self, "\(bad)") { try reader(bad).optionalPhoneNumber() }
        }
        #expect(try reader(" dana@example.com ").optionalEmail() == "dana@example.com")
        for bad in ["dana", "dana@", "@example.com", "dana@example", "da na@example.com", "a@b@c.com", "dana@.com"] {
            #expect(throws: UserInputError.self, "\(bad)") { try reader(bad).optionalEmail() }
        }
    }
}
