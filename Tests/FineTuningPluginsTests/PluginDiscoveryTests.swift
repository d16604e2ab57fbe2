import FineTuning
import FineTuningPlugins
import FineTuningTestSupport
import Foundation
import Testing
import Logging

/// Discovery degrades: a plugin found implicitly that fails to load is skipped with one warning
/// line naming the file and the reason, while a plugin named with `--plugin` still fails hard.
@Suite struct PluginDiscoveryTests {
    /// A user folder holding a good plugin and a stale one built for ABI 2.
    func userFolderWithAStalePlugin() throws -> (home: URL, good: String, stale: String) {
        let home = try temporaryPluginFolder()
        let folder = home.appendingPathComponent("plugins")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let good = try TestPluginSource(providerID: "good").build(named: "good", in: folder)
        let stale = try TestPluginSource(providerID: "stale", abiVersion: "2").build(named: "stale", in: folder)
        return (home, good, stale)
    }

    @Test func aStalePluginInTheUserFolderIsSkippedWithOneWarning() throws {
        let (home, _, stale) = try userFolderWithAStalePlugin()
        let log = CapturedLog()
        let registry = ProviderRegistry()
        try registry.register(StubProvider(id: "openai"))
        let loaded = try PluginLoader(logger: log.logger()).register(
            .standard(environment: ["FINETUNE_HOME": home.path]), into: registry, environment: [:], transport: RefusingTransport())
        #expect(loaded.map { $0.descriptor.id } == ["good"])
        #expect(registry.providerIDs == ["good", "openai"])
        #expect(log.records == [CapturedLog.Record(level: .warning, message: "skipped plugin \(stale): built for plugin ABI 2, newer than this host's ABI 1: upgrade finetune or use a plugin built for ABI 1")])
    }

    @Test func theSameStalePluginNamedWithPluginFailsHard() throws {
        let (_, _, stale) = try userFolderWithAStalePlugin()
        let error = try #require(throws: FineTuningError.self) {
            try PluginLoader(logger: CapturedLog().logger()).register(
                .standard(options: [stale], environment: ["HOME": "/nonexistent"]), into: ProviderRegistry(), environment: [:],
                transport: RefusingTransport())
        }
        #expect(error.code == .pluginABI)
        #expect(error.message.hasPrefix("plugin \(stale): built for plugin ABI 2"))
    }

    /// The gateway's registration, which runs every plugin in child processes, degrades the same way.
    @Test func theIsolatedRegistrationSkipsAStaleImplicitPluginAndRefusesExplicitOnes() async throws {
        let (home, _, stale) = try userFolderWithAStalePlugin()
        let executable = URL(fileURLWithPath: try BuiltPlugins.executable("finetune"))
        let environment = ["HOME": "/nonexistent", "PATH": "/usr/bin:/bin"]
        let log = CapturedLog()
        let registry = ProviderRegistry()
        try registry.register(StubProvider(id: "openai"))
        let loaded = try await PluginLoader(logger: log.logger()).registerIsolated(
            .standard(environment: ["FINETUNE_HOME": home.path]), into: registry, executable: executable, environment: environment)
        #expect(loaded.map(\.descriptor.id) == ["good"])
        #expect(registry.providerIDs == ["good", "openai"])
        #expect(log.messages == ["skipped plugin \(stale): built for plugin ABI 2, newer than this host's ABI 1: upgrade finetune or use a plugin built for ABI 1"])

        let explicitStale = try await #require(throws: FineTuningError.self) {
            try await PluginLoader(logger: CapturedLog().logger()).registerIsolated(
                .standard(options: [stale], environment: environment), into: ProviderRegistry(), executable: executable, environment: environment)
        }
        #expect(explicitStale.code == .pluginABI)
        #expect(explicitStale.message.hasPrefix("plugin \(stale): built for plugin ABI 2"))
        let clash = try TestPluginSource(providerID: "openai").build(named: "clash", in: try temporaryPluginFolder())
        let explicitClash = try await #require(throws: FineTuningError.self) {
            try await PluginLoader(logger: CapturedLog().logger()).registerIsolated(
                .standard(options: [clash], environment: environment), into: registry, executable: executable, environment: environment)
        }
        #expect(explicitClash.code == .configuration)
        #expect(explicitClash.message.hasPrefix("plugin \(clash): "), "\(explicitClash.message)")
    }

    @Test func aMissingEntryOfThePluginPathVariableIsAWarning() throws {
        let log = CapturedLog()
        let loaded = try PluginLoader(logger: log.logger()).load(
            .standard(environment: ["FINETUNE_PLUGIN_PATH": "/nonexistent/libgone.so", "HOME": "/nonexistent"]))
        #expect(loaded.isEmpty)
        #expect(log.messages == ["skipped plugin /nonexistent/libgone.so: no such plugin file"])
    }

    @Test func anImplicitPluginWhoseIDIsTakenIsSkipped() throws {
        let folder = try temporaryPluginFolder()
        let clash = try TestPluginSource(providerID: "openai").build(named: "clash", in: folder)
        let log = CapturedLog()
        let registry = ProviderRegistry()
        try registry.register(StubProvider(id: "openai"))
        let loaded = try PluginLoader(logger: log.logger()).register(
            .standard(environment: ["FINETUNE_PLUGIN_PATH": folder.path, "HOME": "/nonexistent"]), into: registry, environment: [:],
            transport: RefusingTransport())
        #expect(loaded.isEmpty)
        #expect(log.messages.count == 1)
        #expect(log.messages.first?.hasPrefix("skipped plugin \(clash): ") == true, "\(log.messages)")
    }

    @Test func thePluginFolderHonoursFinetuneHomeThenHome() {
        #expect(PluginSearchPath.userFolder(environment: ["FINETUNE_HOME": "/data/ft", "HOME": "/home/a"]) == "/data/ft/plugins")
        #expect(PluginSearchPath.userFolder(environment: ["HOME": "/home/a"]) == "/home/a/.finetune/plugins")
        #expect(PluginSearchPath.userFolder(environment: ["FINETUNE_HOME": "", "HOME": "/home/b"]) == "/home/b/.finetune/plugins")
    }
}
