// swift-tools-version:6.0
//
// SupportCarr Gateway: one package. Dependencies point one way:
// CLI -> (server -> resolvers ->) security -> engine and MongoDB layer.
// The engine (`GraphQLEngine`) has no dependency at all, so it stays reusable and
// fast to build; only the CLI pulls in argument parsing.
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
        // For the load benchmark's in-process peer, which must issue the resolvers' own reads.
        .library(name: "Resolvers", targets: ["Resolvers"]),
        .library(name: "Gateway", targets: ["Gateway"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        // MARK: GraphQL engine (pure Swift, no I/O)
        .target(name: "GraphQLEngine", swiftSettings: strict),
        .testTarget(
            name: "GraphQLEngineTests", dependencies: ["GraphQLEngine"], exclude: ["Validation/Oracle"],
            swiftSettings: strict),

        // MARK: MongoDB layer
        .systemLibrary(
            name: "CMongoc",
            pkgConfig: "libmongoc-1.0",
            providers: [.apt(["libmongoc-dev"])]
        ),
        .target(
            name: "MongoStore",
            dependencies: ["CMongoc", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(name: "MongoStoreTests", dependencies: ["MongoStore", "TestSupport"], swiftSettings: strict),
        // What the test targets share: the live database, scripts/db.
        .target(name: "TestSupport", dependencies: ["MongoStore"], path: "Tests/TestSupport", swiftSettings: strict),

        // MARK: Security (API keys, permissions, field encryption)
        .target(
            name: "Security",
            dependencies: ["MongoStore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SecurityTests", dependencies: ["Security", "MongoStore", "TestSupport"], exclude: ["Fixtures"], swiftSettings: strict),

        // MARK: The SupportCarr data model: collections, indexes, migrations, demo data
        .target(
            name: "SupportCarrData",
            dependencies: ["MongoStore", "Security", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SupportCarrDataTests", dependencies: ["SupportCarrData", "MongoStore", "Security", "TestSupport"], swiftSettings: strict),

        // MARK: Resolvers: Schema.graphql over MongoDB, batched per request (issue 5)
        .target(
            name: "Resolvers", dependencies: ["GraphQLEngine", "MongoStore", "Security", "SupportCarrData"], path: "Resolvers",
            exclude: ["README.md"], swiftSettings: strict),
        .testTarget(
            name: "ResolversTests",
            dependencies: ["Resolvers", "GraphQLEngine", "MongoStore", "Security", "SupportCarrData", "TestSupport"],
            swiftSettings: strict),

        // MARK: HTTP gateway: GraphQL over HTTP, APQ, health, metrics, limits (issue 7)
        .target(
            name: "Gateway",
            dependencies: [
                "GraphQLEngine", "MongoStore", "Security", "Resolvers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "GraphQLEngine", "MongoStore", "Security", "Resolvers", "SupportCarrData", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // MARK: The browser playground (Playground/), embedded at build time (issue 7)
        // PlaygroundFilesPlugin runs PlaygroundFilesGenerator over Playground/ on each build.
        // Sources/PlaygroundFiles/Playground is a symlink to ../../Playground, excluded from
        // the sources: it puts the folder inside the target, so SwiftPM notices a file added
        // or removed there and re-plans (re-running the plugin); edits are the command's inputs.
        .executableTarget(name: "PlaygroundFilesGenerator", swiftSettings: strict),
        .plugin(
            name: "PlaygroundFilesPlugin", capability: .buildTool(),
            dependencies: ["PlaygroundFilesGenerator"]),
        .target(name: "PlaygroundFiles", exclude: ["Playground"], swiftSettings: strict, plugins: ["PlaygroundFilesPlugin"]),
        .testTarget(name: "PlaygroundFilesTests", dependencies: ["PlaygroundFiles"], swiftSettings: strict),

        // MARK: CLI
        .executableTarget(
            name: "supportcarr",
            dependencies: [
                "SupportCarrData", "MongoStore", "Security", "Gateway", "Resolvers", "GraphQLEngine", "PlaygroundFiles",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
