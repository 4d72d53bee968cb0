/// The events of one subscription as its field's subscribe resolver produces
/// them: the "source stream" of
/// https://spec.graphql.org/October2021/#sec-Source-Stream.
///
/// Each event becomes the root value of one execution of the subscription's
/// selection set (`Subscription.execute(event:context:)`), so an event is a
/// `FieldSource`: a JSON object, a stored document, any value the root
/// field's resolver knows how to read.
///
/// It erases the sequence's type so that resolvers can hand back whatever
/// they build (an `AsyncStream`, a filtered hub feed, a test's array), and it
/// is `Sendable` because the transport iterates it on a task of its own. The
/// stream ends when its sequence ends; a sequence that throws ends the
/// subscription with that error (`SubscriptionEnd.failed`).
public struct SourceEventStream: AsyncSequence, Sendable {
    public typealias Element = any FieldSource
    private let make: @Sendable () -> AsyncIterator

    /// Wraps any sendable sequence of events.
    public init<Events: AsyncSequence & Sendable>(_ events: Events) where Events.Element: FieldSource {
        make = {
            var base = events.makeAsyncIterator()
            return AsyncIterator { try await base.next() }
        }
    }

    /// Wraps a sequence whose events are already type-erased.
    public init<Events: AsyncSequence & Sendable>(erasing events: Events) where Events.Element == any FieldSource {
        make = {
            var base = events.makeAsyncIterator()
            return AsyncIterator { try await base.next() }
        }
    }

    /// A stream of the given events, then its end (tests, fixed feeds).
    public init(_ events: [any FieldSource]) {
        make = {
            var remaining = events[...]
            return AsyncIterator { remaining.popFirst() }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { make() }

    /// Reads the underlying sequence from one task at a time, as any async iterator.
    public struct AsyncIterator: AsyncIteratorProtocol {
        private var step: () async throws -> (any FieldSource)?

        init(_ step: @escaping () async throws -> (any FieldSource)?) { self.step = step }

        public mutating func next() async throws -> (any FieldSource)? { try await step() }
    }
}
