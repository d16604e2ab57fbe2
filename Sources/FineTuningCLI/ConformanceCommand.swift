import ArgumentParser
import FineTuning
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
            Fixtures are read from --fixtures, else Conformance/Fixtures/<provider> in the current directory or
            the nearest parent. Scenarios are read from --scenarios, else that Conformance/Scenarios folder, else
            the scenarios built into finetune, so `finetune conformance --plugin ./libx.so --fixtures ./fixtures`
            works from any folder. See Conformance/README.md.
            """)

    @Option(help: "The provider id to test (see `finetune providers`).")
    var provider: String?

    @Option(help: "A plugin library to load and test instead of a built-in provider; its HTTP calls go through the host.")
    var plugin: String?

    @Option(help: "The fixtures root (one folder per provider id) or one provider's fixture folder.")
    var fixtures: String?

    @Option(help: "The folder of scenario definitions (default: the Conformance folder found, else the built-in scenarios).")
    var scenarios: String?

    @Option(help: "Write the results as JUnit XML to this file.")
    var junit: String?

    public init() {}

    public func validate() throws {
        guard (provider == nil) != (plugin == nil) else { throw ValidationError("give either --provider or --plugin") }
    }

    public func run() async throws {
        let (fixtureRoot, scenarioList) = try suite()
        let target: ConformanceTarget
        do {
            target = try self.target()
        } catch let error as FineTuningError {
            // A plugin that does not load exits 9, as in every other command.
            Terminal.error("error: \(error)")
            throw ExitCode(ExitCodes.code(for: error.code))
        }
        let runner = ConformanceRunner(scenarios: scenarioList)
        let layout = ConformanceLayout(scenarios: fixtureRoot, fixtures: fixtureRoot)
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
            let loaded = try PluginLoader(unknownKeys: .fail).load(path: plugin)
            return ConformanceTarget(descriptor: loaded.descriptor, make: { try loaded.makeProvider(transport: $0, environment: $1) })
        }
        let targets = ConformanceTarget.targets(from: BuiltInProviders.registrations)
        guard let target = targets.first(where: { $0.descriptor.id == provider }) else {
            throw ValidationError(
                "unknown provider '\(provider ?? "")'. Built-in providers: \(targets.map(\.descriptor.id).sorted().joined(separator: ", "))")
        }
        return target
    }

    /// The fixtures root and the scenarios: the options, else the nearest Conformance folder,
    /// else (scenarios only) the built-in ones.
    private func suite() throws -> (fixtures: URL, scenarios: [ConformanceScenario]) {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let found = ConformanceLayout.find(from: current)
        guard let fixtureFolder = fixtures.map(URL.init(fileURLWithPath:)) ?? found?.fixtures else {
            throw ValidationError("no Conformance folder in \(current.path) or its parents: pass --fixtures FOLDER (the provider's target.json and HAR files)")
        }
        if let folder = scenarios.map(URL.init(fileURLWithPath:)) ?? found?.scenarios {
            return (fixtureFolder, try ConformanceScenario.loadAll(from: folder))
        }
        return (fixtureFolder, try ConformanceScenario.embedded())
    }
}
