import FineTuningBase
import Foundation
public import Logging

/// The log of `finetune serve` (an access line per request, the pollers' warnings) on stderr, in
/// swift-log's `StreamLogHandler` format (`TIMESTAMP LEVEL LABEL: k=v ... [SOURCE] MESSAGE`), made
/// cheap enough for a line per request: the timestamp is formatted once a second, and info lines are
/// written in batches at most 100 ms late (`BatchedLineWriter`) rather than a `write` each, so a
/// `kill -9` can lose the last 100 ms of access lines. Warnings and errors are written at once, and
/// scrubbed of known secrets (they may quote a backend's answer).
public struct ServerLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let writer: BatchedLineWriter

    /// A handler for `label` writing to standard error.
    public init(label: String) {
        self.init(label: label, writer: Self.standardError)
    }

    init(label: String, writer: BatchedLineWriter) {
        self.label = label
        self.writer = writer
    }

    /// Writes every line logged so far; call before the process exits.
    public static func flush() {
        standardError.flush()
    }

    private static let standardError = BatchedLineWriter(descriptor: STDERR_FILENO, delay: .milliseconds(100))
    private static let timestamps = SecondTimestamps()

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let explicit = event.metadata { fields.merge(explicit) { $1 } }
        if let error = event.error {
            fields["error.message"] = "\(error)"
            fields["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        var line = "\(Self.timestamps.now()) \(event.level) \(label):"
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        line += " [\(event.source)] \(event.message)"
        let urgent = event.level >= .warning
        writer.append((urgent ? KnownSecrets.shared.scrub(line) : line) + "\n", urgent: urgent)
    }
}
