import GraphQLEngine
import MongoStore

/// A subscriber's share of the hub, as a subscription's source stream: each
/// change as a `ChangeEventSource`, and the hub's reasons for ending it as
/// errors a client can act on.
struct HubEvents: AsyncSequence, Sendable {
    typealias Element = ChangeEventSource
    let changes: AsyncThrowingStream<ChangeStreamEvent, any Error>

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<ChangeStreamEvent, any Error>.AsyncIterator

        mutating func next() async throws -> ChangeEventSource? {
            do {
                return try await base.next().map { ChangeEventSource(event: $0) }
            } catch let error as ChangeStreamHubError {
                throw LiveUpdatesInterrupted(reason: error)
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: changes.makeAsyncIterator()) }
}

/// Why the hub ended a subscription, for the client: subscribe again (and
/// read the current state) is the answer to each.
struct LiveUpdatesInterrupted: ClientFacingError {
    let reason: ChangeStreamHubError

    var graphQLError: GraphQLError {
        let message: String
        switch reason {
        case .historyLost:
            message = "Live updates were interrupted and changes may have been missed; subscribe again."
        case .subscriberTooSlow:
            message = "Events came faster than this connection read them; subscribe again."
        case .stopped:
            message = "The server is shutting down; subscribe again."
        case .unavailable, .unknownCollection:
            message = "Live updates are unavailable right now; subscribe again later."
        }
        return GraphQLError(message: message, extensions: [("code", .string("SUBSCRIPTION_INTERRUPTED"))])
    }
}
