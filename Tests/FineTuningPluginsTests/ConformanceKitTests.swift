import FineTuning
import FineTuningConformance
import FineTuningPlugins
import Foundation
import Testing

/// The conformance kit works outside this repository: the built `finetune` binary, run in an
/// empty folder, tests a plugin with nothing but the plugin file and its fixtures, and a plugin
/// that does not load ends the run with exit 9.
@Suite struct ConformanceKitTests {
    /// Runs the built `finetune` with `arguments` in `folder`; its exit status and output (both
    /// streams). The child runs on a thread of its own: the test never blocks the cooperative pool.
    static func finetune(_ arguments: [String], in folder: URL) async throws -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder.path
        environment["FINETUNE_PLUGIN_PATH"] = nil
        environment["FINETUNE_HOME"] = nil
        // `cd` into the folder: the command must work from any folder.
        let child = ChildProcess(
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", #"cd "$0" && exec "$@""#, folder.path, try BuiltPlugins.executable("finetune")] + arguments,
            environment: environment)
        let (ending, output, errors) = await child.run(timeout: .seconds(120))
        guard case .status(let status) = ending else { return (-1, "\(ending)") }
        return (status, String(decoding: output + errors, as: UTF8.self))
    }

    @Test func aPluginPassesFromAnEmptyFolderWithTheBuiltInScenarios() async throws {
        let folder = try temporaryPluginFolder()
        let fixtures = BuiltPlugins.layout.fixtureFolder(for: "echo_c").path
        let (status, output) = try await Self.finetune(
            ["conformance", "--plugin", try BuiltPlugins.path(of: BuiltPlugins.echoC), "--fixtures", fixtures], in: folder)
        #expect(status == 0, "\(output)")
        #expect(output.contains("rate_limited_retry"), "\(output)")
    }

    @Test func aPluginThatDoesNotLoadExitsNine() async throws {
        let folder = try temporaryPluginFolder()
        let stale = try TestPluginSource(abiVersion: "2").build(named: "stale", in: folder)
        let (status, output) = try await Self.finetune(["conformance", "--plugin", stale, "--fixtures", folder.path], in: folder)
        #expect(status == 9, "\(output)")
        #expect(output.contains("plugin \(stale): built for plugin ABI 2"), "\(output)")
    }

    @Test func aStalePluginInTheUserFolderDoesNotBreakOtherCommands() async throws {
        let home = try temporaryPluginFolder()
        let plugins = home.appendingPathComponent(".finetune/plugins")
        try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
        let stale = try TestPluginSource(abiVersion: "2").build(named: "stale", in: plugins)
        let (status, output) = try await Self.finetune(["providers"], in: home)
        #expect(status == 0, "\(output)")
        #expect(output.contains("warning: skipped plugin \(stale): built for plugin ABI 2"), "\(output)")
        #expect(output.contains("openai"), "\(output)")
    }

    @Test func aHangingPluginOperationExitsEightNamingTheOperation() async throws {
        let folder = try temporaryPluginFolder()
        let hanging = try TestPluginSource(providerID: "hang", getSleepSeconds: 300).build(named: "hang", in: folder)
        let started = Date()
        let (status, output) = try await Self.finetune(["get", "hang:job-1", "--plugin", hanging, "--plugin-timeout", "0.5"], in: folder)
        #expect(Date().timeIntervalSince(started) < 100, "it waited for the plugin, not the timeout")
        #expect(status == 8, "\(output)")
        #expect(output.contains("plugin \(hanging): get_job did not return within 0.5 s"), "\(output)")
    }

    /// Runs conformance on a test plugin posing as echo_c over echo_c's fixtures; the table and
    /// the JUnit file must list every scenario whatever the plugin does.
    static func isolatedRun(
        _ source: TestPluginSource, timeout: String, scenarios: [String]? = nil
    ) async throws -> (status: Int32, output: String, junit: String, path: String) {
        let folder = try temporaryPluginFolder()
        let path = try source.build(named: "misbehaving", in: folder)
        let junit = folder.appendingPathComponent("out.xml").path
        var arguments = [
            "conformance", "--plugin", path, "--fixtures", BuiltPlugins.layout.fixtureFolder(for: "echo_c").path,
            "--scenario-timeout", timeout, "--junit", junit,
        ]
        if let scenarios {
            // A few of the repository's scenarios, so that a generous timeout keeps the test short.
            let chosen = folder.appendingPathComponent("scenarios")
            try FileManager.default.createDirectory(at: chosen, withIntermediateDirectories: true)
            for id in scenarios {
                try FileManager.default.copyItem(
                    at: BuiltPlugins.layout.scenarios.appendingPathComponent("\(id).json"), to: chosen.appendingPathComponent("\(id).json"))
            }
            arguments += ["--scenarios", chosen.path]
        }
        let (status, output) = try await finetune(arguments, in: folder)
        return (status, output, (try? String(contentsOfFile: junit, encoding: .utf8)) ?? "", path)
    }

    @Test func aCrashingPluginFailsItsScenariosNamingTheSignalAndTheRunGoesOn() async throws {
        let (status, output, junit, path) = try await Self.isolatedRun(TestPluginSource(providerID: "echo_c", getCrashes: true), timeout: "20")
        #expect(status == 1, "\(output)")
        #expect(output.contains("plugin \(path) crashed with signal 6 (SIGABRT) in operation get (step 1)"), "\(output)")
        let scenarios = try ConformanceScenario.embedded()
        for scenario in scenarios { #expect(output.contains(scenario.id), "the table lacks \(scenario.id)") }
        #expect(junit.contains(#"tests="\#(scenarios.count)""#), "\(junit)")
    }

    @Test func aHangingPluginTimesOutNamingTheOperation() async throws {
        let (status, output, junit, path) = try await Self.isolatedRun(
            TestPluginSource(providerID: "echo_c", getSleepSeconds: 300), timeout: "10", scenarios: ["get_running", "cancel"])
        #expect(status == 1, "\(output)")
        #expect(output.contains("timed out after 10 s in operation get (step 1) of plugin \(path)"), "\(output)")
        #expect(output.contains("cancel"), "\(output)")
        #expect(junit.contains(#"tests="2""#), "\(junit)")
    }

    @Test func aScaffoldedCPluginBuildsStrictAndPassesItsFirstConformanceRun() async throws {
        let folder = try temporaryPluginFolder()
        let (created, createdOutput) = try await Self.finetune(["plugin", "new", "acme", "--language", "c"], in: folder)
        #expect(created == 0, "\(createdOutput)")
        let plugin = folder.appendingPathComponent("acme")
        // The scaffold carries this header: it must be the one the host was built with.
        let header = try String(contentsOf: plugin.appendingPathComponent("finetune_plugin.h"), encoding: .utf8)
        #expect(header == (try String(contentsOfFile: BuiltPlugins.headerFolder + "/finetune_plugin.h", encoding: .utf8)), "run python3 scripts/embed-json.py")
        let build = ChildProcess(executable: URL(fileURLWithPath: "/bin/sh"), arguments: [plugin.appendingPathComponent("build.sh").path])
        let (built, _, buildErrors) = await build.run(timeout: .seconds(120))
        #expect(built == .status(0), "\(String(decoding: buildErrors, as: UTF8.self))")
        let (status, output) = try await Self.finetune(
            ["conformance", "--plugin", "acme/libacme.so", "--fixtures", "acme/fixtures"], in: folder)
        #expect(status == 0, "\(output)")
        #expect(output.contains("acme: 8 passed, 0 FAILED"), "\(output)")
    }

    @Test func aNameThatIsNotAProviderIDIsAUsageError() async throws {
        let (status, output) = try await Self.finetune(["plugin", "new", "Acme-1", "--language", "c"], in: try temporaryPluginFolder())
        #expect(status == 64, "\(output)")
        #expect(output.contains("'Acme-1' is not a provider id"), "\(output)")
    }
}
