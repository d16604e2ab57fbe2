// swift-tools-version:6.0
import PackageDescription

/// Strict Swift 6 settings, applied to every Swift target by the loop at the end of this file.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "FineTuning",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "FineTuning", targets: ["FineTuning"]),
        // Every built-in adapter, registered in one place (the README's library quick start uses it).
        .library(name: "FineTuningProviders", targets: ["FineTuningProviders"]),
        .library(name: "FineTuningDataset", targets: ["FineTuningDataset"]),
        .library(name: "FineTuningConformance", targets: ["FineTuningConformance"]),
        .executable(name: "finetune", targets: ["finetune"]),
        // Dynamic plugins: the loader, the kit that exports a Swift provider, and two first-party plugins.
        .library(name: "FineTuningPlugins", targets: ["FineTuningPlugins"]),
        .library(name: "FineTuningPluginKit", targets: ["FineTuningPluginKit"]),
        .library(name: "FineTuningExampleCPlugin", type: .dynamic, targets: ["FineTuningExampleCPlugin"]),
        .library(name: "MistralPlugin", type: .dynamic, targets: ["MistralPlugin"]),
        // The local backend; its llama.cpp worker is the nested package LlamaWorker/, which depends on this one.
        .library(name: "FineTuningLlamaCpp", targets: ["FineTuningLlamaCpp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Core: normalized model, provider protocol, hyperparameter table, registry, facade.
        .target(name: "FineTuning", dependencies: ["FineTuningBase", "FineTuningDataset"]),
        // The values every module shares: FineTuningError (with DataLocation) and JSONValue.
        .target(name: "FineTuningBase"),
        // Dataset toolkit: read, validate, convert, split, statistics and pricing of training data files.
        .target(name: "FineTuningDataset", dependencies: ["FineTuningBase"]),
        .testTarget(name: "FineTuningDatasetTests", dependencies: ["FineTuningDataset", "FineTuning"]),
        // Transport: HTTPTransport, libcurl implementation, retries, HAR record/replay.
        .target(
            name: "FineTuningHTTP",
            dependencies: [
                "FineTuning", "CCurlShim", .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log"),
            ]),
        // Typed shims over libcurl's variadic C API (libcurl4-openssl-dev / curl from Homebrew).
        .systemLibrary(name: "CCurlShim", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
        // A real in-process HTTP/1.1 server on 127.0.0.1 for transport, adapter and CLI tests.
        .target(name: "FineTuningTestSupport", dependencies: [.product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "FineTuningHTTPTests",
            dependencies: ["FineTuningHTTP", "FineTuning", "FineTuningTestSupport", .product(name: "Logging", package: "swift-log")]
        ),
        // `scripts/bench-transport.sh`: 1,000 loopback GETs through CurlTransport.
        .executableTarget(
            name: "transport-bench",
            dependencies: ["FineTuningHTTP", "FineTuningTestSupport"]
        ),
        // Every built-in adapter, registered in one place.
        .target(
            name: "FineTuningProviders",
            dependencies: ["FineTuning", "FineTuningHTTP", "FineTuningOpenAI", "FineTuningVertex", "FineTuningLlamaCpp", "FineTuningBedrock"]),
        .testTarget(name: "FineTuningProvidersTests", dependencies: ["FineTuningProviders", "FineTuning", "FineTuningHTTP"]),
        .target(
            name: "FineTuningCLI",
            dependencies: [
                "FineTuning",
                "FineTuningHTTP",
                "FineTuningProviders",
                "FineTuningConformance",
                "FineTuningPlugins",
                "FineTuningLlamaCpp",
                "FineTuningEval",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Vertex AI adapters: Gemini tuning (vertex_ai) and open models (model_garden).
        .target(
            name: "FineTuningVertex",
            dependencies: ["FineTuning", "FineTuningHTTP", .product(name: "_CryptoExtras", package: "swift-crypto")]
        ),
        .testTarget(
            name: "FineTuningVertexTests",
            dependencies: [
                "FineTuningVertex", "FineTuning", "FineTuningHTTP", "FineTuningConformance", "FineTuningTestSupport",
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // OpenAI-style adapter: openai, azure, openai_compatible.
        .target(name: "FineTuningOpenAI", dependencies: ["FineTuning", "FineTuningHTTP"]),
        .testTarget(
            name: "FineTuningOpenAITests",
            dependencies: ["FineTuningOpenAI", "FineTuningConformance", "FineTuning", "FineTuningHTTP", "FineTuningTestSupport"]
        ),
        // Conformance suite: scenarios as data, HAR replay of each provider's fixtures, table and JUnit XML.
        // Its live mode serves the recordings from FineTuningTestSupport's loopback server.
        .target(name: "FineTuningConformance", dependencies: ["FineTuning", "FineTuningHTTP", "FineTuningTestSupport"]),
        .testTarget(
            name: "FineTuningConformanceTests",
            dependencies: [
                "FineTuningConformance", "FineTuning", "FineTuningHTTP", "FineTuningOpenAI", "FineTuningVertex", "FineTuningCLI", "FineTuningBedrock",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Fixtures")]
        ),
        // The plugin ABI: the public C header finetune_plugin.h, nothing else.
        .target(name: "CFineTuningPlugin"),
        // Plugin host: dlopen loader, ABI checks, host services, PluginProvider.
        .target(
            name: "FineTuningPlugins",
            dependencies: [
                "FineTuning", "FineTuningHTTP", "CFineTuningPlugin", "FineTuningPluginABI", .product(name: "Logging", package: "swift-log"),
                // The Vertex adapter-size names that ABI 1.0's deprecated `vertex_adapter_size` encoding stands for.
                "FineTuningVertex",
            ]),
        // What the plugin host and the kit both need (documents, operations, the blocking bridge),
        // so a Swift plugin does not link the loader.
        .target(name: "FineTuningPluginABI", dependencies: ["FineTuning", "FineTuningHTTP", "CFineTuningPlugin"]),
        // Plugin kit: one conformance to FineTuningProvider plus one export line make a plugin.
        .target(
            name: "FineTuningPluginKit",
            dependencies: ["FineTuning", "FineTuningHTTP", "FineTuningPluginABI", "CFineTuningPlugin"]
        ),
        // First-party plugins: echo_c in plain C against the header, mistral in Swift with the kit.
        .target(name: "FineTuningExampleCPlugin", dependencies: ["CFineTuningPlugin"], path: "Plugins/EchoCPlugin", publicHeadersPath: "."),
        .target(
            name: "MistralPlugin",
            dependencies: ["FineTuningPluginKit", "FineTuning", "FineTuningHTTP"],
            path: "Plugins/MistralPlugin"
        ),
        .testTarget(
            name: "FineTuningPluginsTests",
            dependencies: [
                "FineTuningPlugins", "FineTuningPluginABI", "FineTuningConformance", "FineTuning", "FineTuningHTTP", "FineTuningTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Local llama.cpp backend: provider, job store, worker control, GGUF and adapter extraction (no llama.cpp import).
        .target(name: "FineTuningLlamaCpp", dependencies: ["FineTuning"]),
        .testTarget(name: "FineTuningLlamaCppTests", dependencies: ["FineTuningLlamaCpp", "FineTuning", "FineTuningConformance"]),
        .executableTarget(
            name: "finetune",
            dependencies: ["FineTuningCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "FineTuningTests", dependencies: ["FineTuning"]),
        // Amazon Bedrock model customization: SigV4, the AWS credential chain, S3 staging.
        .target(
            name: "FineTuningBedrock",
            dependencies: ["FineTuning", "FineTuningHTTP", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(
            name: "FineTuningBedrockTests",
            dependencies: ["FineTuningBedrock", "FineTuning", "FineTuningHTTP", "FineTuningProviders", "FineTuningCLI", "FineTuningConformance", "FineTuningTestSupport"]),
        .testTarget(
            name: "FineTuningCLITests",
            dependencies: [
                "FineTuningCLI", "FineTuning", "FineTuningHTTP", "FineTuningTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Logging", package: "swift-log"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)

// `finetune serve`: the OpenAI-compatible gateway (Hummingbird server, GRDB store, keys, pollers, dashboard).
package.dependencies += [
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
]
package.products.append(.library(name: "FineTuningGateway", targets: ["FineTuningGateway"]))
if let cli = package.targets.first(where: { $0.name == "FineTuningCLI" }) {
    cli.dependencies += [
        "FineTuningGateway",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
    ]
}
package.targets += [
    .target(
        name: "FineTuningGateway",
        dependencies: [
            "FineTuning",
            "FineTuningEval",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ],
        // The gateway's HTTP interface, kept beside the routes; tests hold the two together.
        exclude: ["openapi.json"]
    ),
    .testTarget(
        name: "FineTuningGatewayTests",
        dependencies: [
            "FineTuningGateway", "FineTuning", "FineTuningHTTP", "FineTuningOpenAI", "FineTuningTestSupport", "FineTuningPlugins",
            .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]
    ),
]

// `finetune eval` and `finetune sweep`: metrics, bootstrap intervals, answering through each provider's
// inference API, native metrics called through libffi (libffi-dev / libffi from Homebrew), the HTML report.
package.targets += [
    .systemLibrary(name: "CFFI", pkgConfig: "libffi", providers: [.apt(["libffi-dev"]), .brew(["libffi"])]),
    .target(
        name: "FineTuningEval",
        dependencies: ["FineTuning", "FineTuningHTTP", "FineTuningLlamaCpp", "FineTuningOpenAI", "FineTuningVertex", "CFFI"]),
    .testTarget(
        name: "FineTuningEvalTests", dependencies: ["FineTuningEval", "FineTuning", "FineTuningHTTP", "FineTuningOpenAI", "FineTuningTestSupport"]),
]

// The strict settings, on every Swift target (as swift-log's manifest does). Keep this loop last, after
// every target is declared.
for target in package.targets where [.regular, .executable, .test].contains(target.type) {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
