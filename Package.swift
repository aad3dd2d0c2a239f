// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "EZBuilt",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ezbuilt", targets: ["ezbuilt"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Configuration: the daemon's YAML config, validated with key paths and lines.
        .target(
            name: "Configuration",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // Store: SQLite records of repositories, stacks, proposals, deployments, drift, logs.
        .target(
            name: "Store",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The command-line entry point.
        .executableTarget(
            name: "ezbuilt",
            dependencies: [
                "Configuration",
                "Store",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration"]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        .testTarget(name: "CLITests", dependencies: ["ezbuilt"]),
    ]
)
