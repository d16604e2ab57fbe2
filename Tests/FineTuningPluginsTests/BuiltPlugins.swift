import FineTuningConformance
import FineTuningTestSupport
import Foundation

/// The repository's plugin libraries and `finetune` as the build leaves them (`BuiltProducts`).
enum BuiltPlugins {
    static let echoC = "FineTuningExampleCPlugin"
    static let mistral = "MistralPlugin"

    /// The path of dynamic library product `product`.
    static func path(of product: String) throws -> String {
        try BuiltProducts.library(product)
    }

    /// The path of the built executable `product` (`finetune`).
    static func executable(_ product: String) throws -> String {
        try BuiltProducts.executable(product)
    }

    /// The repository's `Conformance` folder.
    static let layout: ConformanceLayout = {
        guard let layout = ConformanceLayout.find(from: URL(fileURLWithPath: #filePath).deletingLastPathComponent()) else {
            fatalError("no Conformance folder above \(#filePath)")
        }
        return layout
    }()

    /// The plugin ABI header's folder, for plugins the tests compile.
    static let headerFolder = CPluginCompiler.headerFolder
}
