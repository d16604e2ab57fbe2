import FineTuningHTTP
import FineTuningPluginABI
import Foundation

/// Where plugins' log lines go (`finetune_host_v1.log`). Every line is redacted before the
/// handler sees it, and prefixed with the provider id.
public struct PluginLog: Sendable {
    /// The `FINETUNE_LOG_*` levels.
    public enum Level: Int32, Sendable, Comparable {
        case debug = 0, info, warning, error

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public typealias Handler = @Sendable (_ level: Level, _ line: String) -> Void

    private let handler: Handler

    public init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    /// Warnings and errors to standard error; debug and info lines are dropped.
    public static let standardError = PluginLog { level, line in
        guard level >= .warning else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// A warning of the host about plugins (not a plugin's own line), redacted.
    func warning(_ line: String) {
        handler(.warning, Redaction.standard.text(line))
    }

    func write(_ level: Level, provider: String, _ message: String) {
        handler(level, "\(provider): " + Redaction.standard.text(message))
    }
}
