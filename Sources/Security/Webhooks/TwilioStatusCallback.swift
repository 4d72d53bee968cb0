/// A Twilio message status callback (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status),
/// read from form parameters whose signature has been verified.
public struct TwilioStatusCallback: Sendable, Equatable {
    /// `SM...` or `MM...` (a message), the key the log is kept by.
    public var messageSid: String
    /// As Twilio sent it (`MessageStatus`, or the older `SmsStatus`):
    /// `queued`, `sent`, `delivered`, `undelivered`...
    public var status: String
    public var to: String?
    public var from: String?
    public var errorCode: String?
    public var errorMessage: String?
    /// Every parameter as received, in order.
    public var parameters: [Parameter]

    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(
        messageSid: String, status: String, to: String? = nil, from: String? = nil, errorCode: String? = nil,
        errorMessage: String? = nil, parameters: [Parameter] = []
    ) {
        self.messageSid = messageSid
        self.status = status
        self.to = to
        self.from = from
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.parameters = parameters
    }

    /// The callback in `parameters`, or nil without a well-formed
    /// `MessageSid` (two letters and 32 hexadecimal digits) and a status.
    public init?(parameters: [(name: String, value: String)]) {
        func first(_ name: String) -> String? {
            parameters.first { $0.name == name }.map(\.value).flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let sid = first("MessageSid") ?? first("SmsSid"), Self.isSid(sid),
            let status = first("MessageStatus") ?? first("SmsStatus"), status.count <= 32,
            status.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_") })
        else { return nil }
        self.init(
            messageSid: sid, status: status.lowercased(), to: first("To"), from: first("From"),
            errorCode: first("ErrorCode"), errorMessage: first("ErrorMessage"),
            parameters: parameters.map { Parameter(name: $0.name, value: $0.value) })
    }

    /// Whether `text` is a Twilio SID: two upper-case letters and 32 hexadecimal digits.
    public static func isSid(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count == 34 else { return false }
        return utf8[0..<2].allSatisfy { (65...90).contains($0) } && utf8[2...].allSatisfy { Hex.isDigit($0) }
    }
}
