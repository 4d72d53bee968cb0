// swift-tools-version:6.0
//
// SupportCarr Gateway: one package. Dependencies point one way, each target
// above only the ones after it (docs/ARCHITECTURE.md draws the picture):
//
//   supportcarr (CLI) -> Gateway (HTTP) -> Enforcement -> Security -> DataModel -> MongoStore
//                     -> Resolvers ------> Enforcement            GraphQLEngine (no dependency)
//                     -> SupportCarrData (migrate, seed, rotate) -> Security, DataModel
//
// Resolvers reach the database and the caller only through Enforcement's
// request context: they do not depend on Security, so they cannot check a
// permission or open a ciphertext themselves (`scripts/test` builds with
// `--explicit-target-dependency-import-check error`, which makes an
// undeclared `import Security` a build error).
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "SupportCarrGateway",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "supportcarr", targets: ["supportcarr"]),
        .library(name: "GraphQLEngine", targets: ["GraphQLEngine"]),
        .library(name: "MongoStore", targets: ["MongoStore"]),
        .library(name: "Enforcement", targets: ["Enforcement"]),
        // For the load benchmark's in-process peer, which must issue the resolvers' own reads.
        .library(name: "Resolvers", targets: ["Resolvers"]),
        .library(name: "Gateway", targets: ["Gateway"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
        // GraphQL subscriptions: the graphql-transport-ws protocol on a WebSocket at /graphql.
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        // The gateway's connection handler (timeouts, closing after `Connection: close`) is a NIO channel handler.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        // Metrics and traces through the ecosystem's APIs (Hummingbird already depends on both);
        // the Prometheus backend renders /metrics. No OTLP library: see README, "Tracing".
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // MARK: GraphQL engine (pure Swift, no I/O)
        .target(name: "GraphQLEngine", swiftSettings: strict),
        .testTarget(
            name: "GraphQLEngineTests", dependencies: ["GraphQLEngine", "TestNode"], exclude: ["Validation/Oracle"],
            swiftSettings: strict),
        // Node.js for the comparisons with graphql-js and the Node services, off Swift's cooperative pool.
        .target(name: "TestNode", path: "Tests/TestNode", swiftSettings: strict),

        // MARK: MongoDB layer
        .systemLibrary(
            name: "CMongoc",
            pkgConfig: "libmongoc-1.0",
            providers: [.apt(["libmongoc-dev"])]
        ),
        .target(
            name: "MongoStore",
            dependencies: [
                "CMongoc", .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "MongoStoreTests", dependencies: ["MongoStore", "TestSupport"], swiftSettings: strict),
        // What the test targets share: the live database, scripts/db.
        .target(name: "TestSupport", dependencies: ["MongoStore"], path: "Tests/TestSupport", swiftSettings: strict),

        // MARK: The data model: collections, entity types, encrypted fields, indexes, the rescue lifecycle
        .target(name: "DataModel", dependencies: ["MongoStore"], swiftSettings: strict),
        .testTarget(name: "DataModelTests", dependencies: ["DataModel", "MongoStore"], swiftSettings: strict),

        // MARK: Security (API keys, permissions, row rules, field encryption)
        .target(
            name: "Security",
            dependencies: [
                "MongoStore", "DataModel", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SecurityTests", dependencies: ["Security", "DataModel", "MongoStore", "TestSupport", "TestNode"],
            exclude: ["Fixtures"], swiftSettings: strict),

        // MARK: Enforcement: authentication, the request context, the field pipeline (permissions,
        // write policies, decryption, PII audit)
        .target(
            name: "Enforcement", dependencies: ["GraphQLEngine", "MongoStore", "DataModel", "Security"],
            swiftSettings: strict),
        .testTarget(
            name: "EnforcementTests", dependencies: ["Enforcement", "GraphQLEngine", "Security"],
            swiftSettings: strict),

        // MARK: Operations on the data: migrations, demo data, key rotation
        .target(
            name: "SupportCarrData",
            dependencies: ["MongoStore", "DataModel", "Security", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SupportCarrDataTests",
            dependencies: ["SupportCarrData", "DataModel", "MongoStore", "Security", "TestSupport"],
            swiftSettings: strict),

        // MARK: Resolvers: Schema.graphql over MongoDB, batched per request. No Security:
        // whatever they read reaches the client through Enforcement's field pipeline.
        .target(
            name: "Resolvers", dependencies: ["GraphQLEngine", "MongoStore", "DataModel", "Enforcement"],
            path: "Resolvers", exclude: ["README.md"],
            swiftSettings: strict + [.enableUpcomingFeature("MemberImportVisibility")]),
        .testTarget(
            name: "ResolversTests",
            dependencies: [
                "Resolvers", "Enforcement", "GraphQLEngine", "MongoStore", "DataModel", "Security", "SupportCarrData",
                "TestSupport", "TestNode",
            ],
            swiftSettings: strict),

        // MARK: HTTP gateway: GraphQL over HTTP, APQ, health, metrics, limits
        .target(
            name: "Gateway",
            dependencies: [
                "GraphQLEngine", "MongoStore", "Security", "Enforcement",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "GraphQLEngine", "MongoStore", "Security", "Enforcement", "Resolvers", "DataModel",
                "SupportCarrData", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strict
        ),

        // MARK: The browser playground (Playground/), embedded at build time
        // PlaygroundFilesPlugin runs PlaygroundFilesGenerator over Playground/ on each build.
        // Sources/PlaygroundFiles/Playground is a symlink to ../../Playground, excluded from
        // the sources: it puts the folder inside the target, so SwiftPM notices a file added
        // or removed there and re-plans (re-running the plugin); edits are the command's inputs.
        .executableTarget(name: "PlaygroundFilesGenerator", swiftSettings: strict),
        .plugin(
            name: "PlaygroundFilesPlugin", capability: .buildTool(),
            dependencies: ["PlaygroundFilesGenerator"]),
        .target(
            name: "PlaygroundFiles", exclude: ["Playground"], swiftSettings: strict, plugins: ["PlaygroundFilesPlugin"]),
        .testTarget(name: "PlaygroundFilesTests", dependencies: ["PlaygroundFiles"], swiftSettings: strict),

        // MARK: CLI
        .executableTarget(
            name: "supportcarr",
            dependencies: [
                "SupportCarrData", "DataModel", "MongoStore", "Security", "Enforcement", "Gateway", "Resolvers",
                "GraphQLEngine", "PlaygroundFiles",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
