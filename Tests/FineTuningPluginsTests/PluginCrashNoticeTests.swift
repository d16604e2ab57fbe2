import FineTuningTestSupport
import Foundation
import Testing

/// A plugin that crashes a `finetune` command (which loads plugins in its own process) ends it with
/// one error line naming the plugin, the operation and the signal, never a crash dump that names
/// none of them; the process still ends with the signal, so a parent sees what happened.
@Suite struct PluginCrashNoticeTests {
    @Test func aCrashingPluginEndsTheCommandWithOneLineNamingIt() throws {
        let path = try TestPluginSource(getCrashes: true).build(named: "crashing", in: try temporaryPluginFolder())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try BuiltPlugins.executable("finetune"))
        process.arguments = ["get", "broken:job-1", "--plugin", path]
        process.environment = ["HOME": "/nonexistent", "PATH": "/usr/bin:/bin"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGABRT, "\(process.terminationStatus): \(text)")
        #expect(text == "error: plugin_abi: plugin \(path) crashed with signal 6 (SIGABRT) in get_job (provider broken); finetune ends with the plugin's signal\n")
    }
}
