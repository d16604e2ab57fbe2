public import Foundation

/// Where the suite's data lives: `Conformance/Scenarios/*.json` and
/// `Conformance/Fixtures/<provider-id>/{target.json, <scenario-id>.har}`.
public struct ConformanceLayout: Sendable, Hashable {
    public var scenarios: URL
    /// The fixtures root (one folder per provider id), or a single provider's folder.
    public var fixtures: URL

    public init(scenarios: URL, fixtures: URL) {
        self.scenarios = scenarios
        self.fixtures = fixtures
    }

    /// The layout of a `Conformance` folder.
    public init(root: URL) {
        self.init(scenarios: root.appendingPathComponent("Scenarios"), fixtures: root.appendingPathComponent("Fixtures"))
    }

    /// The `Conformance` folder in `directory` or the nearest parent that has one.
    public static func find(from directory: URL) -> ConformanceLayout? {
        var candidate = directory.standardizedFileURL
        while true {
            let root = candidate.appendingPathComponent("Conformance")
            if FileManager.default.fileExists(atPath: root.appendingPathComponent("Scenarios").path) {
                return ConformanceLayout(root: root)
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { return nil }
            candidate = parent
        }
    }

    /// The fixture folder of `provider`: `fixtures` itself when it holds a `target.json` (a plugin
    /// author's single folder), else `fixtures/<provider>`.
    public func fixtureFolder(for provider: String) -> URL {
        if FileManager.default.fileExists(atPath: fixtures.appendingPathComponent(FixtureTarget.fileName).path) {
            return fixtures
        }
        return fixtures.appendingPathComponent(provider)
    }

    /// The provider ids that have a fixture folder under `fixtures`, sorted.
    public func providersWithFixtures() -> [String] {
        let folders = (try? FileManager.default.contentsOfDirectory(at: fixtures, includingPropertiesForKeys: nil)) ?? []
        return folders
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent(FixtureTarget.fileName).path) }
            .map(\.lastPathComponent)
            .sorted()
    }
}
