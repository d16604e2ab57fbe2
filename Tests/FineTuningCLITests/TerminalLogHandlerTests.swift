import FineTuning
import FineTuningCLI
import Foundation
import Logging
import Synchronization
import Testing

/// The `finetune` command's log handler writes the library's warnings and errors as the CLI always
/// has: a plugin's line named by its plugin, any other by its level, scrubbed and printable.
@Suite struct TerminalLogHandlerTests {
    /// The lines a handler wrote.
    final class Written: Sendable {
        private let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }

        func logger() -> Logger {
            Logger(label: "test") { _ in TerminalLogHandler { line in self.lines.withLock { $0.append(line) } } }
        }
    }

    @Test func aPluginsLineIsNamedByItsPluginAndAnyOtherByItsLevel() {
        let written = Written()
        let logger = written.logger()
        logger.warning("retrying after a 503", metadata: ["plugin": "mistral"])
        logger.warning("skipped plugin /p/libold.so: built for plugin ABI 2")
        logger.error("poll failed", metadata: ["retry_in_seconds": "30", "job": "ftjob-1"])
        logger.critical("store lost")
        #expect(written.all == [
            "mistral: retrying after a 503",
            "warning: skipped plugin /p/libold.so: built for plugin ABI 2",
            "error: poll failed job=ftjob-1 retry_in_seconds=30",
            "error: store lost",
        ])
    }

    @Test func debugAndInfoLinesAreDroppedUnlessTheLoggerAsksForThem() {
        let written = Written()
        var logger = written.logger()
        logger.debug("GET https://api.openai.com/v1/models -> 200")
        logger.info("started", metadata: ["plugin": "echo_c"])
        logger.logLevel = .info
        logger.info("request", metadata: ["status": "200"])
        #expect(written.all == ["info: request status=200"])
    }

    @Test func secretsAndControlCharactersNeverReachTheTerminal() {
        KnownSecrets.shared.register("plugin-key-5d1e0c7a")
        let written = Written()
        written.logger().warning("calling with plugin-key-5d1e0c7a and Authorization: Bearer abc.def\u{1B}[2J", metadata: ["plugin": "leaky"])
        #expect(written.all == ["leaky: calling with REDACTED and Authorization: Bearer REDACTED\\u{1B}[2J"])
    }

    /// Through the executable: a file in the user plugin folder that is no plugin is skipped with
    /// today's one warning line on stderr, and the command still succeeds.
    @Test func theExecutableWritesALibraryWarningAsBefore() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("finetune-log-\(UUID().uuidString)")
        let plugins = home.appendingPathComponent("plugins")
        try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let bogus = plugins.appendingPathComponent("libbogus.so")
        try Data("not a shared library".utf8).write(to: bogus)
        let run = try FinetuneProcess.run(["providers"], environment: ["FINETUNE_HOME": home.path, "PATH": "/usr/bin:/bin"])
        #expect(run.status == 0, "\(run.errors)")
        let warnings = run.errors.split(separator: "\n").filter { $0.contains("libbogus.so") }
        #expect(warnings.count == 1, "\(run.errors)")
        #expect(warnings.first?.hasPrefix("warning: skipped plugin \(bogus.path): ") == true, "\(run.errors)")
    }
}
