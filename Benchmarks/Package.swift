// swift-tools-version:6.0
//
// Benchmarks, a package of their own so the product never depends on what they
// compare against. `mongo-bench`: the MongoStore layer against raw libmongoc.
import PackageDescription

let package = Package(
    name: "SupportCarrBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "SupportCarrGateway", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "mongo-bench",
            dependencies: [.product(name: "MongoStore", package: "SupportCarrGateway")]
        )
    ],
    swiftLanguageModes: [.v6]
)
