// swift-tools-version:6.0
import PackageDescription

/// Strict Swift 6 settings shared by every Swift target.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "FineTuning",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "FineTuning", targets: ["FineTuning"]),
        .executable(name: "finetune", targets: ["finetune"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Core: normalized model, provider protocol, hyperparameter table, registry, facade, datasets.
        .target(name: "FineTuning", swiftSettings: strictSettings),
        // Transport: HTTPTransport, libcurl implementation, retries, HAR record/replay.
        .target(name: "FineTuningHTTP", dependencies: ["FineTuning"], swiftSettings: strictSettings),
        // Every built-in adapter, registered in one place.
        .target(name: "FineTuningProviders", dependencies: ["FineTuning", "FineTuningHTTP"], swiftSettings: strictSettings),
        .target(
            name: "FineTuningCLI",
            dependencies: [
                "FineTuning",
                "FineTuningHTTP",
                "FineTuningProviders",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // OpenAI-style adapter: openai, azure, openai_compatible.
        .target(name: "FineTuningOpenAI", dependencies: ["FineTuning", "FineTuningHTTP"], swiftSettings: strictSettings),
        .testTarget(name: "FineTuningOpenAITests", dependencies: ["FineTuningOpenAI", "FineTuning", "FineTuningHTTP"], swiftSettings: strictSettings),
        .executableTarget(name: "finetune", dependencies: ["FineTuningCLI"], swiftSettings: strictSettings),
        .testTarget(name: "FineTuningTests", dependencies: ["FineTuning"], swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
