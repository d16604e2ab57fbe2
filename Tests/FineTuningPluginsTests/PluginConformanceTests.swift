import FineTuning
import FineTuningConformance
import FineTuningPlugins
import Foundation
import Testing

/// The first-party plugins, loaded from their built libraries, pass the conformance suite with
/// every HTTP call made by the host (HAR replay behind the host's retry layer, in process and live
/// from 127.0.0.1 through libcurl).
@Suite struct PluginConformanceTests {
    @Test(arguments: [(BuiltPlugins.echoC, "echo_c"), (BuiltPlugins.mistral, "mistral")], ConformanceMode.allCases)
    func thePluginPassesTheSuite(_ plugin: (product: String, provider: String), _ mode: ConformanceMode) async throws {
        try await Self.passesTheSuite(try BuiltPlugins.path(of: plugin.product), plugin.provider, mode: mode)
    }

    /// echo_c, written in C against the header, the schemas and Plugins/REFERENCE.md, builds with
    /// the strictest portable flags and passes with unknown keys counted as failures.
    @Test func theCPluginBuiltWithStrictC11FlagsPassesTheSuite() async throws {
        let folder = try temporaryPluginFolder()
        let library = folder.appendingPathComponent("libecho_c_strict.so").path
        let source = URL(fileURLWithPath: BuiltPlugins.headerFolder)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Plugins/EchoCPlugin/echo_c.c").path
        let compiler = Process()
        compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compiler.arguments = [
            TestPluginSource.compiler, "-std=c11", "-Wall", "-Wextra", "-pedantic", "-Werror", "-shared", "-fPIC",
            "-I", BuiltPlugins.headerFolder, "-o", library, source,
        ]
        try compiler.run()
        compiler.waitUntilExit()
        #expect(compiler.terminationStatus == 0, "echo_c.c does not build with -std=c11 -Wall -Wextra -pedantic -Werror")
        try await Self.passesTheSuite(library, "echo_c")
    }

    static func passesTheSuite(_ path: String, _ provider: String, mode: ConformanceMode = .replay) async throws {
        let plugin = try PluginLoader(unknownKeys: .fail).load(path: path)
        #expect(plugin.descriptor.id == provider)
        let target = ConformanceTarget(descriptor: plugin.descriptor, make: { try plugin.makeProvider(transport: $0, environment: $1) })
        let scenarios = try ConformanceScenario.loadAll(from: BuiltPlugins.layout.scenarios)
        let report = await ConformanceRunner(scenarios: scenarios, mode: mode).run(target, fixtures: BuiltPlugins.layout.fixtureFolder(for: provider))

        #expect(report.requiredFailures.map { "\($0.scenario): \($0.reason)" } == [])
        #expect(report.conforms, "\(report.table())")
        let passed = Set(report.results.filter { $0.outcome == .passed }.map(\.scenario))
        for capability in plugin.descriptor.capabilities {
            #expect(passed.contains(capability.rawValue), "the scenario of declared capability \(capability.rawValue) must run and pass")
        }
    }

    /// The one-call API a plugin author uses from a Swift test target: the built-in scenarios
    /// over the author's fixture folder, throwing the table when the provider does not conform.
    @Test func theSuiteRunsFromAnAuthorsTestTarget() async throws {
        let plugin = try PluginLoader(unknownKeys: .fail).load(path: try BuiltPlugins.path(of: BuiltPlugins.mistral))
        let target = ConformanceTarget(descriptor: plugin.descriptor) { try plugin.makeProvider(transport: $0, environment: $1) }
        try await ConformanceSuite.requireConformance(of: target, fixtures: BuiltPlugins.layout.fixtureFolder(for: "mistral"))
        // The wrong fixtures: the same call throws the table.
        let failure = try await #require(throws: ConformanceFailure.self) {
            try await ConformanceSuite.requireConformance(of: target, fixtures: BuiltPlugins.layout.fixtureFolder(for: "echo_c"))
        }
        #expect(failure.reason.hasPrefix("mistral does not conform:\nscenario"), "\(failure.reason)")
    }
}
