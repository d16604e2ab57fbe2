// swift-tools-version:6.0
// __NAME__ — a finetune provider plugin in Swift, scaffolded by `finetune plugin new __NAME__ --language swift`.
import PackageDescription

let package = Package(
    name: "__NAME__",
    platforms: [.macOS(.v15)],
    products: [
        // Dynamic: finetune loads lib__NAME__.so (.dylib on macOS) with dlopen.
        .library(name: "__NAME__", type: .dynamic, targets: ["__NAME__"]),
    ],
    dependencies: [
        // finetune's plugin kit, from the finetune checkout this plugin was scaffolded with (move it,
        // and this path moves with it; `finetune plugin new --finetune-package PATH` names another).
        .package(name: "FineTuning", path: "__FINETUNE_PACKAGE__"),
    ],
    targets: [
        .target(name: "__NAME__", dependencies: [.product(name: "FineTuningPluginKit", package: "FineTuning")]),
    ]
)
