import FineTuningConformance
import Foundation

/// The repository's plugin libraries as `swift build` (or `swift build --build-tests`, or
/// `swift test`) leaves them: beside the test bundle, in the build products folder.
enum BuiltPlugins {
    static let echoC = "FineTuningExampleCPlugin"
    static let mistral = "MistralPlugin"

    /// The path of dynamic library product `product`, found by walking up from the test bundle
    /// (on Linux the test executable's folder; on macOS the `.xctest` bundle that `xctest` loaded).
    static func path(of product: String) throws -> String {
        try path(named: ["lib\(product).so", "lib\(product).dylib"])
    }

    /// The path of the built executable `product` (`finetune`).
    static func executable(_ product: String) throws -> String {
        try path(named: [product])
    }

    private static func path(named names: [String]) throws -> String {
        let product = names[0]
        let starts = Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" } + [Bundle.main.bundleURL]
        for start in starts {
            var folder = start
            for _ in 0..<4 {
                for name in names where FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
                    return folder.appendingPathComponent(name).path
                }
                folder.deleteLastPathComponent()
            }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [
            NSLocalizedDescriptionKey: "\(product) was not built next to \(Bundle.main.bundleURL.path): run swift build first",
        ])
    }

    /// The repository's `Conformance` folder.
    static let layout: ConformanceLayout = {
        guard let layout = ConformanceLayout.find(from: URL(fileURLWithPath: #filePath).deletingLastPathComponent()) else {
            fatalError("no Conformance folder above \(#filePath)")
        }
        return layout
    }()

    /// The plugin ABI header's folder, for plugins the tests compile.
    static let headerFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/CFineTuningPlugin/include").path
}
