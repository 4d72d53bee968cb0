import Foundation

/// The parts of a Stripe event (https://docs.stripe.com/api/events/object)
/// the gateway acts on, read from a body whose signature has been verified.
/// Unknown fields are ignored; a field of an unexpected shape reads as nil
/// rather than failing the event (an expanded object where an id was
/// expected, say), except the event's own `id` and `type`.
public struct StripeEvent: Sendable, Equatable {
    /// `evt_...`: the same for every delivery of one event, hence the key
    /// of idempotency.
    public var id: String
    /// Such as `payment_intent.succeeded`.
    public var type: String
    /// When Stripe created the event (seconds since 1970).
    public var created: Int64?
    /// `data.object`: a PaymentIntent or a Charge, by `type`.
    public var object: StripeObject

    public init(id: String, type: String, created: Int64?, object: StripeObject) {
        self.id = id
        self.type = type
        self.created = created
        self.object = object
    }

    /// The event in `body` (JSON), or nil when it is not a Stripe event.
    public init?(json body: [UInt8]) {
        guard let decoded = try? JSONDecoder().decode(Wire.self, from: Data(body)), !decoded.id.isEmpty,
            !decoded.type.isEmpty
        else { return nil }
        self.init(id: decoded.id, type: decoded.type, created: decoded.created, object: decoded.data.object)
    }

    /// The PaymentIntent (`pi_...`) the event is about: the object itself for
    /// `payment_intent.*`, the charge's `payment_intent` for `charge.*`.
    public var paymentIntentId: String? {
        object.object == "payment_intent" || type.hasPrefix("payment_intent.") ? object.id : object.paymentIntent
    }

    struct Wire: Decodable {
        struct Payload: Decodable {
            var object: StripeObject
        }
        var id: String
        var type: String
        var created: Int64?
        var data: Payload
    }
}

/// `data.object` of a Stripe event: the fields of a PaymentIntent and of a
/// Charge the gateway reads.
public struct StripeObject: Sendable, Equatable, Decodable {
    public var id: String?
    /// `payment_intent` or `charge`.
    public var object: String?
    /// Cents.
    public var amount: Int64?
    /// A charge's total refunded so far, in cents (Stripe's `amount_refunded`).
    public var amountRefunded: Int64?
    /// A charge's PaymentIntent id.
    public var paymentIntent: String?
    /// A PaymentIntent's latest charge id (`ch_...`).
    public var latestCharge: String?
    /// A failed PaymentIntent's error code (`card_declined`), else its message.
    public var failureCode: String?

    public init(
        id: String? = nil, object: String? = nil, amount: Int64? = nil, amountRefunded: Int64? = nil,
        paymentIntent: String? = nil, latestCharge: String? = nil, failureCode: String? = nil
    ) {
        self.id = id
        self.object = object
        self.amount = amount
        self.amountRefunded = amountRefunded
        self.paymentIntent = paymentIntent
        self.latestCharge = latestCharge
        self.failureCode = failureCode
    }

    enum Keys: String, CodingKey {
        case id, object, amount
        case amountRefunded = "amount_refunded"
        case paymentIntent = "payment_intent"
        case latestCharge = "latest_charge"
        case lastPaymentError = "last_payment_error"
        case failureCode = "failure_code"
    }

    struct PaymentError: Decodable {
        var code: String?
        var declineCode: String?
        var message: String?
        enum CodingKeys: String, CodingKey {
            case code, message
            case declineCode = "decline_code"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        id = try? container.decodeIfPresent(String.self, forKey: .id)
        object = try? container.decodeIfPresent(String.self, forKey: .object)
        amount = try? container.decodeIfPresent(Int64.self, forKey: .amount)
        amountRefunded = try? container.decodeIfPresent(Int64.self, forKey: .amountRefunded)
        paymentIntent = try? container.decodeIfPresent(String.self, forKey: .paymentIntent)
        latestCharge = try? container.decodeIfPresent(String.self, forKey: .latestCharge)
        let error = try? container.decodeIfPresent(PaymentError.self, forKey: .lastPaymentError)
        let code = error?.declineCode ?? error?.code ?? error?.message
        failureCode = code ?? (try? container.decodeIfPresent(String.self, forKey: .failureCode))
    }
}
