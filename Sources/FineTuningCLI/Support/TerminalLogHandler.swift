import Foundation
public import Logging

/// How the library's log lines reach the terminal in the `finetune` command: warnings and errors on
/// stderr, one line each, as the CLI has always written them; debug and info lines are dropped unless a
/// logger lowers its level. A plugin's line reads `<plugin id>: message`; any other `warning: message`
/// or `error: message`, followed by its other metadata as `key=value`. Lines are scrubbed of known
/// secrets and control characters are escaped (`Terminal.printable`).
public struct TerminalLogHandler: LogHandler {
    public var logLevel: Logger.Level = .warning
    public var metadata: Logger.Metadata = [:]
    private let write: @Sendable (String) -> Void

    /// A handler passing each printable line to `write` (which writes it to standard error when nil).
    public init(write: (@Sendable (String) -> Void)? = nil) {
        self.write = write ?? { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    }

    /// Makes every `Logger` of the process log through this handler. Call once, first thing in `main`.
    public static func bootstrap() {
        LoggingSystem.bootstrap { _ in TerminalLogHandler() }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        write(Terminal.printable(Self.line(event, metadata: metadata.merging(event.metadata ?? [:]) { $1 })))
    }

    /// The text of one event.
    static func line(_ event: LogEvent, metadata: Logger.Metadata) -> String {
        var metadata = metadata
        let prefix = metadata.removeValue(forKey: "plugin").map { "\($0)" } ?? Self.label(event.level)
        let fields = metadata.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        return "\(prefix): \(event.message)\(fields)"
    }

    private static func label(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug, .info, .notice: "\(level)"
        case .warning: "warning"
        case .error, .critical: "error"
        }
    }
}
