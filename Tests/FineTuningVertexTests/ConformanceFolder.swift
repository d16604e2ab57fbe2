import Foundation

/// The repository's `Conformance` folder (scenarios and fixtures). The suite itself runs over
/// every provider's fixtures in `BuiltInConformanceTests`.
enum ConformanceFolder {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Conformance")
}
