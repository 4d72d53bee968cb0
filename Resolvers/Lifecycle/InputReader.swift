import Foundation
import GraphQLEngine
import MongoStore

/// Reads one coerced argument (a scalar, or an input object and what it
/// nests) and checks what the schema's types cannot say: ranges, lengths,
/// formats, ids. Every refusal is a `BAD_USER_INPUT` naming the path of the
/// argument at fault (`input.pickup.lat`), and it comes before anything is
/// written. Input coercion has already checked types, required fields and
/// enum values (https://spec.graphql.org/October2021/#sec-Input-Objects.Input-Coercion);
/// this reader still refuses a value of the wrong shape rather than trusting
/// it, so a schema change cannot turn into a crash.
struct InputReader: Sendable {
    /// The path of the value read (`input`, `input.pickup`).
    let path: String
    /// The value, nil when the argument or field is absent; `.null` when given as null.
    let value: JSONValue?

    init(path: String, value: JSONValue?) {
        self.path = path
        self.value = value
    }

    /// A root argument of `arguments`.
    init(_ arguments: ArgumentValues, _ name: String) {
        self.init(path: name, value: arguments[name])
    }

    /// Whether the value is absent or null.
    var isMissing: Bool {
        switch value {
        case nil, .null?: true
        default: false
        }
    }

    /// The input field `name` of this input object.
    func field(_ name: String) throws(UserInputError) -> InputReader {
        switch value {
        case .object(let entries)?:
            return InputReader(path: path + "." + name, value: entries.first { $0.key == name }?.value)
        case nil, .null?:
            return InputReader(path: path + "." + name, value: nil)
        default:
            throw UserInputError(argument: path, "must be an input object")
        }
    }

    func refuse(_ problem: String) -> UserInputError { UserInputError(argument: path, problem) }

    /// A required `Float` within `range`: a latitude, a longitude. NaN and
    /// infinities cannot arrive through JSON but are refused all the same.
    func double(in range: ClosedRange<Double>) throws(UserInputError) -> Double {
        let number: Double
        switch value {
        case .double(let d)?: number = d
        case .int(let i)?: number = Double(i)
        default: throw refuse("is required")
        }
        guard number.isFinite, range.contains(number) else {
            throw refuse(
                "must be between \(Self.text(range.lowerBound)) and \(Self.text(range.upperBound)); got \(number)")
        }
        return number
    }

    /// A required `Boolean`.
    func bool() throws(UserInputError) -> Bool {
        guard case .bool(let flag)? = value else { throw refuse("is required") }
        return flag
    }

    /// An optional `Boolean`.
    func optionalBool() throws(UserInputError) -> Bool? {
        if isMissing { return nil }
        return try bool()
    }

    /// A required string, trimmed of surrounding white space, of
    /// `1...maxLength` characters, without control characters.
    func text(maxLength: Int) throws(UserInputError) -> String {
        guard case .string(let raw)? = value else { throw refuse("is required") }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw refuse("must not be empty") }
        guard trimmed.count <= maxLength else {
            throw refuse("must be at most \(maxLength) characters; got \(trimmed.count)")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw refuse("must not contain control characters")
        }
        return trimmed
    }

    /// An optional string checked as ``text(maxLength:)``; nil when absent or null.
    func optionalText(maxLength: Int) throws(UserInputError) -> String? {
        if isMissing { return nil }
        return try text(maxLength: maxLength)
    }

    /// An optional string that `isValid` accepts (a ZIP code, a state's
    /// code); `format` says what is expected.
    func optionalText(format: String, _ isValid: (String) -> Bool) throws(UserInputError) -> String? {
        guard let text = try optionalText(maxLength: 32) else { return nil }
        guard isValid(text) else { throw refuse("must be \(format); got \"\(text)\"") }
        return text
    }

    /// Whether `text` is a US ZIP code: five digits, or five, a hyphen and four.
    static func isZipCode(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let digits = { (part: Substring, count: Int) in
            part.count == count && part.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return (parts.count == 1 && digits(parts[0], 5))
            || (parts.count == 2 && digits(parts[0], 5) && digits(parts[1], 4))
    }

    /// Whether `text` is a state's two-letter code (`CA`).
    static func isStateCode(_ text: String) -> Bool {
        text.count == 2 && text.allSatisfy { $0.isASCII && $0.isUppercase }
    }

    /// A required enum value among `allowed` (GraphQL spelling), returned as
    /// stored (lower case, `docs/DATA-MODEL.md`, "Conventions").
    func storedEnum(_ allowed: [String]) throws(UserInputError) -> String {
        guard case .string(let name)? = value else { throw refuse("is required") }
        guard allowed.contains(name) else {
            throw refuse("must be one of \(allowed.joined(separator: ", ")); got \"\(name)\"")
        }
        return name.lowercased()
    }

    /// An optional enum value, or `fallback` (GraphQL spelling) when absent.
    func storedEnum(_ allowed: [String], default fallback: String) throws(UserInputError) -> String {
        if isMissing { return fallback.lowercased() }
        return try storedEnum(allowed)
    }

    /// A required `ObjectID` (24 hexadecimal digits).
    func objectID() throws(UserInputError) -> ObjectID {
        guard case .string(let text)? = value else { throw refuse("is required") }
        guard let id = ObjectID(text) else {
            throw refuse("is not an ObjectID (24 hexadecimal digits): \"\(text.prefix(40))\"")
        }
        return id
    }

    /// An optional `ObjectID`; nil when absent or null.
    func optionalObjectID() throws(UserInputError) -> ObjectID? {
        if isMissing { return nil }
        return try objectID()
    }

    /// A GeoJSON point from an input object with `lng` and `lat` in range.
    func point() throws(UserInputError) -> (lng: Double, lat: Double) {
        if isMissing { throw refuse("is required") }
        let lng = try field("lng").double(in: -180...180)
        let lat = try field("lat").double(in: -90...90)
        return (lng, lat)
    }

    static func text(_ bound: Double) -> String {
        bound.rounded() == bound ? String(Int(bound)) : String(bound)
    }
}
