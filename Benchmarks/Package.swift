// swift-tools-version:6.0
//
// Benchmarks: a separate package, so the product never depends on a peer library.
// Each executable is self-contained (its own target and sources folder), so more
// benchmarks can be added beside it without touching the others.
//   graphql-bench: our engine against GraphQLSwift (and graphql-js via node/).
//   mongo-bench:   the MongoStore layer against raw libmongoc in the same process.
//   validation-bench: parse + validate of 2,000-field selections, ours vs graphql-js (node/).
//   load-peer:     the gateway load test's MongoDB reads issued in-process (load/run.sh runs both).
//   locator-bench: nearbyDrivers from the driver locator against the database query, 10,000 drivers.
import PackageDescription

let package = Package(
    name: "SupportCarrBenchmarks",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "graphql-bench", targets: ["graphql-bench"]),
        .executable(name: "mongo-bench", targets: ["mongo-bench"]),
        .executable(name: "validation-bench", targets: ["validation-bench"]),
        .executable(name: "load-peer", targets: ["load-peer"]),
        .executable(name: "locator-bench", targets: ["locator-bench"]),
    ],
    dependencies: [
        // The product under test. The name fixes the package's identity, which would
        // otherwise be the folder the repository happens to be cloned into.
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
                .product(name: "GraphQLEngine", package: "SupportCarrGateway"),
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
        // MARK: mongo-bench: MongoStore against raw libmongoc
        .executableTarget(
            name: "mongo-bench",
            dependencies: [.product(name: "MongoStore", package: "SupportCarrGateway")],
            path: "Sources/mongo-bench"
        ),
        // MARK: validation-bench: parse + validate of hostile selections, ours vs graphql-js
        .executableTarget(
            name: "validation-bench",
            dependencies: [.product(name: "GraphQLEngine", package: "SupportCarrGateway")],
            path: "Sources/validation-bench"
        ),
        // MARK: load-peer: the gateway load test's reads straight through MongoStore (libmongoc)
        .executableTarget(
            name: "load-peer",
            dependencies: [
                .product(name: "MongoStore", package: "SupportCarrGateway"),
                .product(name: "Resolvers", package: "SupportCarrGateway"),
            ],
            path: "Sources/load-peer"
        ),
        // MARK: locator-bench: the driver locator against the database query, and its staleness and memory
        .executableTarget(
            name: "locator-bench",
            dependencies: [
                .product(name: "MongoStore", package: "SupportCarrGateway"),
                .product(name: "Resolvers", package: "SupportCarrGateway"),
            ],
            path: "Sources/locator-bench"
        ),
    ],
    swiftLanguageModes: [.v6]
)
