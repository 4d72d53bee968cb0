public import GraphQLEngine
import Security

/// A request's whole path through the security layer, for the HTTP server:
/// authenticate first, then run. A request without a valid key is answered
/// with the one `UNAUTHENTICATED` error and no `data`, before its document is
/// even parsed, so it reaches no resolver (`README.md`, "Permissions").
///
/// The server may call `authenticator` and `service` itself instead (for
/// example to let anonymous introspection through in development); this type
/// is the default wiring and what the tests prove.
public struct AuthenticatedService: Sendable {
    public let service: GraphQLService
    public let authenticator: any RequestAuthenticator

    public init(service: GraphQLService, authenticator: any RequestAuthenticator) {
        self.service = service
        self.authenticator = authenticator
    }

    /// The response to `request`, sent with `headers` from `client`.
    ///
    /// - Throws: what the authenticator throws other than an authentication
    ///   refusal (the database is unreachable): the server's own error, to be
    ///   answered as such, never as `UNAUTHENTICATED`.
    public func execute(
        _ request: GraphQLRequest, headers: [(name: String, value: String)], client: ClientInfo
    ) async throws -> GraphQLResponse {
        let access: AccessContext
        do {
            access = try await authenticator.authenticate(headers: headers, client: client)
        } catch is AuthenticationError {
            return GraphQLResponse(errors: [SecurityErrors.unauthenticated])
        }
        switch await service.prepare(request) {
        case .refused(let errors):
            return GraphQLResponse(errors: errors)
        case .ready(let operation):
            let context = try await access.preparing(
                forTypes: operation.selectedTypeNames, fields: operation.selectedFields)
            return await service.execute(operation, variables: request.variables, context: context)
        }
    }
}
