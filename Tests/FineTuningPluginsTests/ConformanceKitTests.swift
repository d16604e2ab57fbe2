import Foundation
import Testing

/// The conformance kit works outside this repository: the built `finetune` binary, run in an
/// empty folder, tests a plugin with nothing but the plugin file and its fixtures, and a plugin
/// that does not load ends the run with exit 9.
@Suite struct ConformanceKitTests {
    /// Runs the built `finetune` with `arguments` in `folder`; its exit status and output.
    static func finetune(_ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try BuiltPlugins.executable("finetune"))
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder.path
        environment["FINETUNE_PLUGIN_PATH"] = nil
        environment["FINETUNE_HOME"] = nil
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test func aPluginPassesFromAnEmptyFolderWithTheBuiltInScenarios() throws {
        let folder = try temporaryPluginFolder()
        let fixtures = BuiltPlugins.layout.fixtureFolder(for: "echo_c").path
        let (status, output) = try Self.finetune(
            ["conformance", "--plugin", try BuiltPlugins.path(of: BuiltPlugins.echoC), "--fixtures", fixtures], in: folder)
        #expect(status == 0, "\(output)")
        #expect(output.contains("rate_limited_retry"), "\(output)")
    }

    @Test func aPluginThatDoesNotLoadExitsNine() throws {
        let folder = try temporaryPluginFolder()
        let stale = try TestPluginSource(abiVersion: "2").build(named: "stale", in: folder)
        let (status, output) = try Self.finetune(["conformance", "--plugin", stale, "--fixtures", folder.path], in: folder)
        #expect(status == 9, "\(output)")
        #expect(output.contains("plugin \(stale): built for plugin ABI 2"), "\(output)")
    }

    @Test func aStalePluginInTheUserFolderDoesNotBreakOtherCommands() throws {
        let home = try temporaryPluginFolder()
        let plugins = home.appendingPathComponent(".finetune/plugins")
        try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
        let stale = try TestPluginSource(abiVersion: "2").build(named: "stale", in: plugins)
        let (status, output) = try Self.finetune(["providers"], in: home)
        #expect(status == 0, "\(output)")
        #expect(output.contains("warning: skipped plugin \(stale): built for plugin ABI 2"), "\(output)")
        #expect(output.contains("openai"), "\(output)")
    }

    @Test func aHangingPluginOperationExitsEightNamingTheOperation() throws {
        let folder = try temporaryPluginFolder()
        let hanging = try TestPluginSource(providerID: "hang", getSleepSeconds: 40).build(named: "hang", in: folder)
        let started = Date()
        let (status, output) = try Self.finetune(["get", "hang:job-1", "--plugin", hanging, "--plugin-timeout", "0.5"], in: folder)
        #expect(Date().timeIntervalSince(started) < 15, "it waited for the plugin, not the timeout")
        #expect(status == 8, "\(output)")
        #expect(output.contains("plugin \(hanging): get_job did not return within 0.5 seconds"), "\(output)")
    }
}
