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
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // libgit2 from the system (Debian: libgit2-dev), with shims for its variadic calls.
        .systemLibrary(name: "CLibgit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        // Git: repositories, trees, commits without a working tree, fast-forward pushes.
        // EZBuiltCore: the small pure core every target may use: Markdown escaping, safe names,
        // URL credential scrubbing (one of each).
        .target(name: "EZBuiltCore"),
        .target(name: "Git", dependencies: ["CLibgit2", "EZBuiltCore"]),
        // Requirements: plain English → spec → Terraform; parser, catalog, HCL printer (pure).
        .target(
            name: "Requirements",
            dependencies: ["HCL", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // HCL: the one strict reader of HCL native syntax (lexer, bodies) and the one string
        // escaper, shared by the guard and the runtime override writer so they never disagree (pure).
        .target(name: "HCL"),
        // PlanModel: the decoded, redacted plan that Policy and Cost read (pure).
        .target(name: "PlanModel"),
        // Secrets: the one redactor every sink (logs, store, API, git) applies.
        .target(name: "Secrets", dependencies: ["EZBuiltCore"]),
        // Policy: the guard, security checks, compliance presets; a typed report (pure).
        .target(name: "Policy", dependencies: ["PlanModel", "HCL"]),
        // Cost: offline price table, monthly estimates, PLAN.md and CLI rendering (pure).
        .target(name: "Cost", dependencies: ["PlanModel", "EZBuiltCore"]),
        // EZBuiltConfiguration: the daemon's YAML config, validated with key paths and lines.
        // (Not "Configuration": Hummingbird's dependency swift-configuration has that target.)
        .target(
            name: "EZBuiltConfiguration",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // Store: records of repositories, stacks, proposals, deployments, drift, logs, in SQLite
        // (one daemon) or PostgreSQL (several replicas).
        .target(
            name: "Store",
            dependencies: [
                "Secrets",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Sandbox: the AWS emulator (moto) as a child process on a free loopback port.
        .target(
            name: "Sandbox",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Terraform: workspaces, runtime injection, the runner, typed plans, drift, state safety.
        .target(
            name: "Terraform",
            dependencies: [
                "EZBuiltCore",
                "HCL",
                "PlanModel",
                "Secrets",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Forge: commit statuses on GitHub, GitLab and Gitea, posted in the background with retries.
        .target(
            name: "Forge",
            dependencies: ["EZBuiltConfiguration", .product(name: "Logging", package: "swift-log")]
        ),
        // Telemetry: the daemon's Prometheus metrics (reconciles, terraform, git, drift, HTTP).
        .target(
            name: "Telemetry",
            dependencies: [
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // LanguageModel: the optional model backend that fills the spec (never the Terraform) for
        // sentences the rules did not understand: an OpenAI-compatible chat-completions client,
        // the answer's schema check and the repair loop.
        .target(
            name: "LanguageModel",
            dependencies: [
                "Requirements", "PlanModel", "Secrets", "EZBuiltConfiguration",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Reconciler: watcher, work queue, proposer, deployer, drift checker, status reporter.
        .target(
            name: "Reconciler",
            dependencies: [
                "EZBuiltConfiguration",
                "EZBuiltCore",
                "Store",
                "Sandbox",
                "Git",
                "Requirements",
                "Terraform",
                "PlanModel",
                "Policy",
                "Cost",
                "Telemetry",
                "Forge",
                "LanguageModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Server: HTTP API, live logs, webhooks, auth, metrics endpoint, status page.
        .target(
            name: "Server",
            dependencies: [
                "EZBuiltConfiguration", "EZBuiltCore", "Store", "Telemetry", "Secrets",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Benchmarks (run by the scripts in Benchmarks/).
        .executableTarget(name: "RequirementsBenchmark", dependencies: ["Requirements"], path: "Benchmarks/RequirementsBenchmark"),
        .executableTarget(
            name: "TerraformBenchmark",
            dependencies: ["Terraform", .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "ServerBenchmark",
            dependencies: [
                "Server", "Store", "EZBuiltConfiguration", "Telemetry",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The command-line entry point.
        .executableTarget(
            name: "ezbuilt",
            dependencies: [
                "EZBuiltConfiguration",
                "EZBuiltCore",
                "LanguageModel",
                "Secrets",
                "Store",
                "Requirements",
                "Reconciler",
                "Sandbox",
                "Server",
                "Telemetry",
                "Terraform",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "EZBuiltConfigurationTests", dependencies: ["EZBuiltConfiguration"]),
        // A PostgreSQL cluster of a test's own (initdb on a free loopback port), shared by the tests.
        .target(name: "PostgresFixture", dependencies: ["Store"], path: "Tests/PostgresFixture"),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Secrets", "PostgresFixture", .product(name: "Subprocess", package: "swift-subprocess")]),
        .testTarget(name: "CLITests", dependencies: ["ezbuilt", "Sandbox", "HostileFixtures", "ForgeStub"]),
        .testTarget(name: "GitTests", dependencies: ["Git"]),
        .testTarget(name: "EZBuiltCoreTests", dependencies: ["EZBuiltCore"]),
        .testTarget(name: "HCLTests", dependencies: ["HCL"]),
        .testTarget(
            name: "RequirementsTests",
            dependencies: ["Requirements", "GeneratorCorpus", "Terraform", "Policy", "PlanModel", "Sandbox", "HCL", .product(name: "Logging", package: "swift-log")]
        ),
        // Plans captured from real terraform and a builder of minimal ones, shared by the tests.
        .target(name: "PlanFixtures", dependencies: ["PlanModel"], path: "Tests/PlanFixtures"),
        // The hostile suite's loader (cases kept as data in Tests/Fixtures/hostile), shared by the
        // guard's unit pass and the CLI's heavy pass.
        .target(name: "HostileFixtures", path: "Tests/HostileFixtures"),
        .testTarget(name: "PlanModelTests", dependencies: ["PlanModel", "PlanFixtures"]),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "HCL", "PlanModel", "PlanFixtures", "HostileFixtures"]),
        // The documents the generator is run on to learn what it can emit, shared by the pricing
        // and the deployer-role coverage tests.
        .target(name: "GeneratorCorpus", dependencies: ["Requirements"], path: "Tests/GeneratorCorpus"),
        .testTarget(name: "CostTests", dependencies: ["Cost", "PlanModel", "PlanFixtures", "Requirements"]),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox"]),
        // A forge stand-in on a loopback port that records the commit statuses it is sent.
        .target(
            name: "ForgeStub",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Tests/ForgeStub"
        ),
        .testTarget(name: "ForgeTests", dependencies: ["Forge", "ForgeStub", "EZBuiltConfiguration", .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "LanguageModelTests",
            dependencies: ["LanguageModel", "Requirements", "PlanModel", "Secrets", "ForgeStub", "EZBuiltConfiguration", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "ReconcilerTests", dependencies: ["Reconciler", "Sandbox", "Store", "ezbuilt", "ForgeStub", "PostgresFixture", "PlanFixtures"]),
        .testTarget(name: "TerraformTests", dependencies: ["Terraform", "HCL", "PlanModel", "Sandbox", .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Store", "EZBuiltConfiguration", "Telemetry", "Reconciler", "Terraform",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ]
)
