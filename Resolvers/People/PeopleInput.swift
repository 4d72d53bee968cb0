import GraphQLEngine
import MongoStore

/// The checks of people's input that `InputReader` does not already make:
/// phone numbers, emails, dates, and refusing
/// anything that looks like a card number.
extension InputReader {
    /// An optional phone number in E.164 form (`+` and 8 to 15 digits, the
    /// first not 0), as it is stored and hashed.
    func optionalPhoneNumber() throws(UserInputError) -> String? {
        guard let text = try optionalText(maxLength: 16) else { return nil }
        let digits = text.dropFirst()
        guard text.hasPrefix("+"), (8...15).contains(digits.count), digits.first != "0",
            digits.allSatisfy({ $0.isASCII && $0.isNumber })
        else { throw refuse("must be a phone number in E.164 form, such as +14155550123") }
        return text
    }

    /// An optional email address: at most 254 characters, one `@` with text
    /// before it and a dotted domain after it, no spaces.
    func optionalEmail() throws(UserInputError) -> String? {
        guard let text = try optionalText(maxLength: 254) else { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !text.contains(where: \.isWhitespace)
        else { throw refuse("must be an email address such as dana@example.com") }
        return text
    }

    /// An optional `DateTime`; nil when absent or null.
    func optionalDate() throws(UserInputError) -> BSONDate? {
        if isMissing { return nil }
        guard case .string(let text)? = value, let date = ISO8601.parse(text) else {
            throw refuse("must be an ISO 8601 date-time such as 2027-06-30T00:00:00Z")
        }
        return date
    }

    /// A required string checked as `text(maxLength:)` that is made only of
    /// the characters `isAllowed` accepts, `count` of them.
    func text(length count: ClosedRange<Int>, format: String, _ isAllowed: (Character) -> Bool)
        throws(UserInputError) -> String
    {
        let text = try text(maxLength: count.upperBound)
        guard count.contains(text.count), text.allSatisfy(isAllowed) else {
            throw refuse("must be \(format)")
        }
        return text
    }

    /// Refuses a string that holds what looks like a payment card number
    /// (`PersonalDataRules.looksLikeCardNumber`): only Stripe's ids and a
    /// card's last four digits are ever stored.
    func refusingCardNumbers() throws(UserInputError) -> InputReader {
        if case .string(let text)? = value, PeopleInputRules.looksLikeCardNumber(text) {
            throw refuse("must not hold a card number: send Stripe's payment method id instead")
        }
        return self
    }
}

/// Rules on people's input that do not depend on a reader.
enum PeopleInputRules {
    /// Whether `text` holds a run of 12 to 19 digits (spaces and hyphens
    /// between them allowed, as card numbers are written) that passes the
    /// Luhn check every payment card number passes.
    static func looksLikeCardNumber(_ text: String) -> Bool {
        var digits: [Int] = []
        func check() -> Bool { (12...19).contains(digits.count) && luhn(digits) }
        for character in text {
            if let digit = character.wholeNumberValue, character.isASCII {
                digits.append(digit)
            } else if character == " " || character == "-" {
                continue
            } else {
                if check() { return true }
                digits = []
            }
        }
        return check()
    }

    /// The Luhn (mod 10) check.
    static func luhn(_ digits: [Int]) -> Bool {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            if offset % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    /// Whether `character` is an ASCII letter or digit.
    static func isAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }

    /// Whether `character` is an ASCII digit.
    static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }
}
