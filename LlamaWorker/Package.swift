// swift-tools-version:6.0
import PackageDescription

// The llama.cpp side of the `llamacpp` provider, in its own package so that the root package has no
// environment-dependent targets and no unsafe flags: it depends on the root package by path, and
// finds llama.cpp through the `llama.pc` that `scripts/setup-llama.sh` writes into `.deps/llama`.
// Build it with `scripts/build-llama-worker.sh`, which sets PKG_CONFIG_PATH and the run-time library path.
let package = Package(
    name: "FineTuningLlamaWorker",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "finetune-llama-worker", targets: ["finetune-llama-worker"]),
        .executable(name: "finetune-llama-bench", targets: ["finetune-llama-bench"]),
    ],
    dependencies: [.package(name: "FineTuning", path: "..")],
    targets: [
        // llama.cpp's C API (libllama, libggml, libggml-base).
        .systemLibrary(name: "CLlama", pkgConfig: "llama"),
        .executableTarget(
            name: "finetune-llama-worker",
            dependencies: [
                "CLlama",
                .product(name: "FineTuning", package: "FineTuning"),
                .product(name: "FineTuningLlamaCpp", package: "FineTuning"),
            ],
            path: "Sources/FineTuneLlamaWorker"
        ),
        // `scripts/bench-llama.sh`: training speed through the provider, against scripts/bench/direct-loop.c.
        .executableTarget(
            name: "finetune-llama-bench",
            dependencies: [
                .product(name: "FineTuning", package: "FineTuning"),
                .product(name: "FineTuningLlamaCpp", package: "FineTuning"),
            ],
            path: "Sources/FineTuneLlamaBench"
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The root package's strict settings, on every Swift target (as swift-log's manifest does).
for target in package.targets where [.regular, .executable, .test].contains(target.type) {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ]
}
