import GraphQLEngine
import Testing

@testable import Gateway

/// The `graphql-transport-ws` rules, one by one, on the state machine alone
/// (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md).
@Suite struct GraphQLWSConnectionStateTests {
    /// What the actions say, as short text: `send connection_ack`, `close 4400 ...`.
    static func describe(_ actions: [GraphQLWSConnectionState.Action]) -> [String] {
        actions.map { action in
            switch action {
            case .send(let message): return "send " + message.text
            case .close(let code, let reason): return "close \(code.rawValue) \(reason)"
            case .authenticate(let payload): return "authenticate " + payload.map(\.key).joined(separator: ",")
            case .start(let id, _): return "start \(id)"
            case .stop(let id): return "stop \(id)"
            }
        }
    }

    static func ready(maxOperations: Int = 2) -> GraphQLWSConnectionState {
        var state = GraphQLWSConnectionState(maxOperations: maxOperations)
        _ = state.receive(#"{"type":"connection_init","payload":{"Authorization":"Bearer k"}}"#)
        _ = state.authenticated(.accepted)
        return state
    }

    static let subscribe = #"{"type":"subscribe","id":"1","payload":{"query":"subscription { a }"}}"#

    @Test func initIsAuthenticatedThenAcknowledged() {
        var state = GraphQLWSConnectionState(maxOperations: 2)
        #expect(
            Self.describe(state.receive(#"{"type":"connection_init","payload":{"Authorization":"Bearer k"}}"#))
                == ["authenticate Authorization"])
        #expect(state.phase == .authenticating)
        #expect(Self.describe(state.authenticated(.accepted)) == [#"send {"type":"connection_ack"}"#])
        #expect(state.phase == .ready)
    }

    @Test func refusedCredentialsCloseWith4403AndTooManyConnectionsWith1013() {
        var refused = GraphQLWSConnectionState(maxOperations: 2)
        _ = refused.receive(#"{"type":"connection_init"}"#)
        #expect(Self.describe(refused.authenticated(.refused)) == ["close 4403 Forbidden"])
        #expect(refused.phase == .closed)
        var crowded = GraphQLWSConnectionState(maxOperations: 2)
        _ = crowded.receive(#"{"type":"connection_init","payload":null}"#)
        #expect(
            Self.describe(crowded.authenticated(.tooManyConnections))
                == ["close 1013 Too many connections for this API key"])
        var failed = GraphQLWSConnectionState(maxOperations: 2)
        _ = failed.receive(#"{"type":"connection_init"}"#)
        #expect(Self.describe(failed.authenticated(.failed)) == ["close 4500 Internal server error"])
    }

    @Test func aSecondInitClosesWith4429EvenWhileTheFirstIsChecked() {
        var state = GraphQLWSConnectionState(maxOperations: 2)
        _ = state.receive(#"{"type":"connection_init"}"#)
        #expect(
            Self.describe(state.receive(#"{"type":"connection_init"}"#))
                == ["close 4429 Too many initialisation requests"])
        // The first check's answer comes too late to matter.
        #expect(state.authenticated(.accepted).isEmpty)
    }

    @Test func theInitTimeoutClosesWith4408UnlessAcknowledged() {
        var waiting = GraphQLWSConnectionState(maxOperations: 2)
        #expect(Self.describe(waiting.initTimeoutPassed()) == ["close 4408 Connection initialisation timeout"])
        var ready = Self.ready()
        #expect(ready.initTimeoutPassed().isEmpty)
    }

    @Test func subscribeBeforeTheAcknowledgementClosesWith4401() {
        var state = GraphQLWSConnectionState(maxOperations: 2)
        #expect(Self.describe(state.receive(Self.subscribe)) == ["close 4401 Unauthorized"])
        var checking = GraphQLWSConnectionState(maxOperations: 2)
        _ = checking.receive(#"{"type":"connection_init"}"#)
        #expect(Self.describe(checking.receive(Self.subscribe)) == ["close 4401 Unauthorized"])
    }

    @Test func aRunningIdReusedClosesWith4409AndStopsTheOperations() {
        var state = Self.ready()
        #expect(Self.describe(state.receive(Self.subscribe)) == ["start 1"])
        #expect(
            Self.describe(state.receive(Self.subscribe)) == ["stop 1", "close 4409 Subscriber for 1 already exists"])
    }

    @Test func anIdMayBeReusedOnceItsOperationEnded() {
        var state = Self.ready()
        _ = state.receive(Self.subscribe)
        let first = state.ended("1")
        let second = state.ended("1")
        #expect(first)
        #expect(!second, "an operation ends once")
        #expect(Self.describe(state.receive(Self.subscribe)) == ["start 1"])
    }

    @Test func operationsBeyondTheLimitAreAnsweredWithAnErrorAndTheSocketStays() {
        var state = Self.ready(maxOperations: 1)
        _ = state.receive(Self.subscribe)
        let refused = Self.describe(
            state.receive(#"{"type":"subscribe","id":"2","payload":{"query":"subscription { a }"}}"#))
        #expect(refused.count == 1)
        #expect(
            refused.first?.hasPrefix(#"send {"type":"error","id":"2","payload":[{"message":"Too many operations"#)
                == true)
        #expect(refused.first?.contains(#""code":"TOO_MANY_SUBSCRIPTIONS""#) == true)
        #expect(state.phase == .ready)
    }

    @Test func completeFromTheClientStopsItsOperationAndAnUnknownIdIsIgnored() {
        var state = Self.ready()
        _ = state.receive(Self.subscribe)
        #expect(Self.describe(state.receive(#"{"type":"complete","id":"1"}"#)) == ["stop 1"])
        let ended = state.ended("1")
        #expect(!ended, "nothing is sent for an operation the client completed")
        #expect(state.receive(#"{"type":"complete","id":"9"}"#).isEmpty)
    }

    @Test func pingIsAnsweredWithPongAtAnyTimeAndPongNeedsNoAnswer() {
        var state = GraphQLWSConnectionState(maxOperations: 2)
        #expect(Self.describe(state.receive(#"{"type":"ping","payload":{"x":1}}"#)) == [#"send {"type":"pong"}"#])
        #expect(state.receive(#"{"type":"pong"}"#).isEmpty)
    }

    @Test(arguments: [
        ("not json", "Message is not valid JSON"),
        ("[1]", "Message must be a JSON object"),
        (#"{"id":"1"}"#, #"Message is missing a "type" string"#),
        (#"{"type":"hello"}"#, "Unknown message type"),
        (#"{"type":"subscribe","payload":{}}"#, #""subscribe" message needs a non-empty "id" string"#),
        (#"{"type":"subscribe","id":"","payload":{}}"#, #""subscribe" message needs a non-empty "id" string"#),
        (#"{"type":"subscribe","id":"1"}"#, #""subscribe" message needs a "payload" object"#),
        (#"{"type":"subscribe","id":"1","payload":"q"}"#, #""subscribe" message needs a "payload" object"#),
        (#"{"type":"connection_init","payload":[1]}"#, #""connection_init" payload must be an object"#),
        (#"{"type":"next","id":"1","payload":{}}"#, #""next" is a message the server sends, not the client"#),
        (#"{"type":"complete","id":7}"#, #""complete" message needs a non-empty "id" string"#),
    ])
    func invalidMessagesCloseWith4400AndTheirReason(_ text: String, _ reason: String) {
        var state = Self.ready()
        #expect(Self.describe(state.receive(text)) == ["close 4400 \(reason)"])
        #expect(state.phase == .closed)
        #expect(state.receive(Self.subscribe).isEmpty, "nothing is done once closing")
    }

    @Test func binaryFramesCloseWith4400() {
        var state = Self.ready()
        #expect(Self.describe(state.receiveBinary()) == ["close 4400 Messages must be text frames"])
    }

    @Test func lapsedCredentialsStopEveryOperationAndCloseWith4403() {
        var state = Self.ready()
        _ = state.receive(Self.subscribe)
        _ = state.receive(#"{"type":"subscribe","id":"2","payload":{"query":"subscription { a }"}}"#)
        #expect(Self.describe(state.credentialsLapsed()) == ["stop 1", "stop 2", "close 4403 Forbidden"])
    }

    @Test func serverMessagesAreWrittenAsTheProtocolSpells() {
        #expect(
            GraphQLWSServerMessage.next(id: "a\"b", result: Array(#"{"data":{}}"#.utf8)).text
                == #"{"type":"next","id":"a\"b","payload":{"data":{}}}"#)
        #expect(
            GraphQLWSServerMessage.error(id: "1", errors: [GraphQLError(message: "No.")]).text
                == #"{"type":"error","id":"1","payload":[{"message":"No."}]}"#)
        #expect(GraphQLWSServerMessage.complete(id: "1").text == #"{"type":"complete","id":"1"}"#)
        #expect(SubscriptionRoutes.offersSubprotocol(["graphql-ws, graphql-transport-ws"]))
        #expect(!SubscriptionRoutes.offersSubprotocol(["graphql-ws"]))
    }
}
