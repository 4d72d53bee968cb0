// swift-tools-version:6.0
//
// Benchmarks: a separate package, so the product never depends on a peer library.
// Each executable is self-contained (its own target and sources folder), so more
// benchmarks can be added beside it without touching the others.
import PackageDescription

let package = Package(
    name: "SupportCarrBenchmarks",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "graphql-bench", targets: ["graphql-bench"])
    ],
    dependencies: [
        // The product under test; `graphql-bench` imports its `GraphQLEngine` once the
        // engine has an executor (see Sources/graphql-bench/Engines/EngineRegistry.swift),
        // as `.product(name: "GraphQLEngine", package: "SupportCarrGateway")`. The name
        // fixes the package's identity, which would otherwise be the folder the
        // repository happens to be cloned into.
        .package(name: "SupportCarrGateway", path: ".."),
        // The Swift peer measured against.
        .package(url: "https://github.com/GraphQLSwift/GraphQL", from: "4.3.0"),
        // GraphQLSwift's own dependency; its `Map` objects are `OrderedDictionary`s.
        .package(url: "https://github.com/apple/swift-collections", from: "1.0.0"),
    ],
    targets: [
        // MARK: graphql-bench: parse + validate + execute + serialize, ours vs GraphQLSwift
        .executableTarget(
            name: "graphql-bench",
            dependencies: [
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            path: "Sources/graphql-bench",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "graphql-benchTests",
            dependencies: ["graphql-bench"],
            path: "Tests/graphql-benchTests",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
