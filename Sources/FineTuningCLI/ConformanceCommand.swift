public import ArgumentParser
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

    @Option(help: "How the fixtures reach the provider: replay (in process) or live (a server on 127.0.0.1, through libcurl; needs `loopback` in target.json).")
    var mode: ConformanceMode = .replay

    @Option(help: "Write the results as JUnit XML to this file.")
    var junit: String?

    @Option(help: "Seconds one scenario of a plugin may take; each runs in its own process, killed after this.")
    var scenarioTimeout: Double = 60

    /// Set in the child process that runs one scenario of a plugin for its parent.
    @Option(help: .hidden)
    var runScenario: String?

    public init() {}

    public func validate() throws {
        guard (provider == nil) != (plugin == nil) else { throw ValidationError("give either --provider or --plugin") }
        guard scenarioTimeout > 0 else { throw ValidationError("--scenario-timeout must be more than 0 seconds") }
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
        let fixtureFolder = ConformanceLayout(scenarios: fixtureRoot, fixtures: fixtureRoot).fixtureFolder(for: target.descriptor.id)
        if let runScenario {
            try await runOneScenario(runScenario, of: scenarioList, on: target, fixtures: fixtureFolder)
            return
        }
        let report: ConformanceReport
        if let plugin {
            report = await isolatedReport(plugin: plugin, scenarios: scenarioList, provider: target.descriptor.id, fixtureRoot: fixtureRoot)
        } else {
            report = await ConformanceRunner(scenarios: scenarioList, mode: mode).run(target, fixtures: fixtureFolder)
        }
        print(report.table())
        if let junit {
            try JUnitReport.write([report], to: URL(fileURLWithPath: junit))
        }
        if !report.conforms { throw ExitCode.failure }
    }

    /// Runs every scenario of `plugin` in a child process of its own, one after the other.
    private func isolatedReport(plugin: String, scenarios list: [ConformanceScenario], provider: String, fixtureRoot: URL) async -> ConformanceReport {
        var arguments = ["conformance", "--plugin", plugin, "--fixtures", fixtureRoot.path, "--mode", mode.rawValue]
        if let scenarios { arguments += ["--scenarios", scenarios] }
        let child = ScenarioProcess(
            executable: Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]), arguments: arguments, plugin: plugin,
            timeout: .milliseconds(Int64(scenarioTimeout * 1000)))
        var results: [ScenarioResult] = []
        for scenario in list {
            results.append(await child.run(scenario))
        }
        return ConformanceReport(provider: provider, results: results)
    }

    /// The child's side: runs one scenario, reporting each step on standard error, and prints its
    /// result as one JSON line.
    private func runOneScenario(_ id: String, of list: [ConformanceScenario], on target: ConformanceTarget, fixtures: URL) async throws {
        guard let scenario = list.first(where: { $0.id == id }) else { throw ValidationError("no scenario '\(id)'") }
        let runner = ConformanceRunner(scenarios: [scenario], mode: mode) { index, step in
            FileHandle.standardError.write(Data("\(ScenarioProcess.stepMarker)\(step.operation.rawValue) (step \(index + 1))\n".utf8))
        }
        let report = await runner.run(target, fixtures: fixtures)
        let line = try JSONEncoder().encode(report.results.first ?? ScenarioResult(scenario: id, tier: scenario.tier, outcome: .failed(reasons: ["did not run"])))
        FileHandle.standardOutput.write(line + Data("\n".utf8))
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
