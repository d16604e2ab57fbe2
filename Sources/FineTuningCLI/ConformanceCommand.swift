import ArgumentParser
import FineTuningConformance
import FineTuningPlugins
import FineTuningProviders
import Foundation

/// `finetune conformance`: runs the conformance suite against a built-in provider or a plugin
/// over its recorded fixtures, prints the result table and optionally writes JUnit XML. Exits non-zero
/// when any scenario the provider must pass failed.
public struct ConformanceCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Run the conformance suite against a provider over its recorded HTTP fixtures.",
        discussion: """
            Scenarios are read from Conformance/Scenarios and fixtures from Conformance/Fixtures/<provider>,
            found in the current directory or the nearest parent. See Conformance/README.md.
            """)

    @Option(help: "The provider id to test (see `finetune providers`).")
    var provider: String?

    @Option(help: "A plugin library to load and test instead of a built-in provider; its HTTP calls go through the host.")
    var plugin: String?

    @Option(help: "The fixtures root (one folder per provider id) or one provider's fixture folder.")
    var fixtures: String?

    @Option(help: "The folder of scenario definitions.")
    var scenarios: String?

    @Option(help: "Write the results as JUnit XML to this file.")
    var junit: String?

    public init() {}

    public func validate() throws {
        guard (provider == nil) != (plugin == nil) else { throw ValidationError("give either --provider or --plugin") }
    }

    public func run() async throws {
        let layout = try layout()
        let target = try target()
        let runner = ConformanceRunner(scenarios: try ConformanceScenario.loadAll(from: layout.scenarios))
        let report = await runner.run(target, fixtures: layout.fixtureFolder(for: target.descriptor.id))
        print(report.table())
        if let junit {
            try JUnitReport.write([report], to: URL(fileURLWithPath: junit))
        }
        if !report.conforms { throw ExitCode.failure }
    }

    /// The plugin's provider (`--plugin`) or the built-in one (`--provider`).
    private func target() throws -> ConformanceTarget {
        if let plugin {
            let loaded = try PluginLoader().load(path: plugin)
            return ConformanceTarget(descriptor: loaded.descriptor, make: loaded.makeProvider)
        }
        let targets = ConformanceTarget.targets(from: BuiltInProviders.registrations)
        guard let target = targets.first(where: { $0.descriptor.id == provider }) else {
            throw ValidationError(
                "unknown provider '\(provider ?? "")'. Built-in providers: \(targets.map(\.descriptor.id).sorted().joined(separator: ", "))")
        }
        return target
    }

    private func layout() throws -> ConformanceLayout {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let found = ConformanceLayout.find(from: current)
        guard let scenarioFolder = scenarios.map(URL.init(fileURLWithPath:)) ?? found?.scenarios,
            let fixtureFolder = fixtures.map(URL.init(fileURLWithPath:)) ?? found?.fixtures
        else {
            throw ValidationError("no Conformance folder in \(current.path) or its parents: pass --scenarios and --fixtures")
        }
        return ConformanceLayout(scenarios: scenarioFolder, fixtures: fixtureFolder)
    }
}
