import Enforcement
import Foundation
import Gateway
import GraphQLEngine
import MongoStore
import Resolvers
import Synchronization

/// A small schema whose resolvers the tests control: a plain field, a slow
/// one (timeouts, graceful shutdown), one that blocks its thread as a
/// database call does (answers while every execution thread is taken), one
/// that reads the database (round trips), one that shows the principal, and
/// a mutation (GET rules).
enum TestSchema {
    static let sdl = """
        type Query {
          hello(name: String): String!
          slow(ms: Int!): String!
          blocking(ms: Int!): String!
          userCount: Int!
          me: String
          broken: String
        }
        type Mutation {
          touch: Int!
        }
        """

    /// Counts resolver calls, so a test can see that none ran.
    final class Calls: Sendable {
        private let value = Atomic<Int>(0)
        private let finishedSlow = Atomic<Int>(0)
        private let finishedBlocking = Atomic<Int>(0)
        var count: Int { value.load(ordering: .relaxed) }
        /// `slow` calls that ran to their end.
        var slowFinished: Int { finishedSlow.load(ordering: .relaxed) }
        /// `blocking` calls that gave their thread back.
        var blockingFinished: Int { finishedBlocking.load(ordering: .relaxed) }
        func add() { value.add(1, ordering: .relaxed) }
        func finishSlow() { finishedSlow.add(1, ordering: .relaxed) }
        func finishBlocking() { finishedBlocking.add(1, ordering: .relaxed) }
    }

    /// An error whose text must never reach a client.
    struct RawDatabaseFailure: Error, CustomStringConvertible {
        var description: String { "E11000 duplicate key error collection: supportcarr.users index: phone_1 dup key" }
    }

    static func make(calls: Calls) throws -> ExecutableSchema {
        let resolvers: ResolverMap = [
            "Query": [
                "hello": .sync { field in
                    calls.add()
                    let name = field.arguments["name", as: String.self] ?? "world"
                    return .string("hello \(name)")
                },
                "slow": .async { field in
                    calls.add()
                    let ms = try field.arguments.require("ms", as: Int.self)
                    try? await Task.sleep(for: .milliseconds(ms))
                    calls.finishSlow()
                    return .string("slept \(ms)")
                },
                // Blocks the thread it runs on (a database thread: executions
                // run on the request executor) and ignores cancellation, as a
                // libmongoc call waiting for the server does.
                "blocking": .sync { field in
                    calls.add()
                    let ms = try field.arguments.require("ms", as: Int.self)
                    usleep(useconds_t(min(max(ms, 0), 60_000)) * 1_000)
                    calls.finishBlocking()
                    return .string("blocked \(ms)")
                },
                "userCount": .async { field in
                    calls.add()
                    let context = try field.context(as: AccessContext.self)
                    return .int(try await context.database.collection("users").countDocuments())
                },
                "broken": .async { _ in
                    calls.add()
                    throw RawDatabaseFailure()
                },
                "me": .sync { field in
                    calls.add()
                    let context = try field.context(as: AccessContext.self)
                    return context.principal.userID.map { .string($0.hex) } ?? .json(.null)
                },
            ],
            "Mutation": [
                "touch": .sync { _ in
                    calls.add()
                    return .int(1)
                }
            ],
        ]
        return try ExecutableSchema(schema: try buildSchema(sdl: sdl), resolvers: resolvers)
    }
}
