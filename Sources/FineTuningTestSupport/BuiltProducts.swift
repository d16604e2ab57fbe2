import Foundation

/// The products `swift build` (or `swift build --build-tests`, or `swift test`) leaves beside the
/// test bundle, in the build products folder: the `finetune` executable and plugin libraries.
public enum BuiltProducts {
    /// The path of dynamic library product `product`.
    public static func library(_ product: String) throws -> String {
        try path(named: ["lib\(product).so", "lib\(product).dylib"])
    }

    /// The path of the built executable `product` (`finetune`).
    public static func executable(_ product: String) throws -> String {
        try path(named: [product])
    }

    /// Found by walking up from the test bundle (on Linux the test executable's folder; on macOS
    /// the `.xctest` bundle that `xctest` loaded).
    private static func path(named names: [String]) throws -> String {
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
            NSLocalizedDescriptionKey: "\(names[0]) was not built next to \(Bundle.main.bundleURL.path): run swift build first",
        ])
    }
}
