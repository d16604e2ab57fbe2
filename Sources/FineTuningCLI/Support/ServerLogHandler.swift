import FineTuningBase
import Foundation
public import Logging
import Synchronization

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
    private let clock: SecondTimestamps

    /// A handler for `label` writing to standard error.
    public init(label: String) {
        self.init(label: label, writer: Self.standardError)
    }

    init(label: String, writer: BatchedLineWriter) {
        self.label = label
        self.writer = writer
        clock = Self.timestamps
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
        var line = "\(clock.now()) \(event.level) \(label):"
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        line += " [\(event.source)] \(event.message)"
        let urgent = event.level >= .warning
        writer.append((urgent ? KnownSecrets.shared.scrub(line) : line) + "\n", urgent: urgent)
    }
}

/// The local time as `2026-11-30T12:28:32+0000`, formatted once per second.
final class SecondTimestamps: Sendable {
    private let last = Mutex<(second: time_t, text: String)>((-1, ""))

    func now() -> String {
        let second = time(nil)
        if let text = last.withLock({ $0.second == second ? $0.text : nil }) { return text }
        var moment = second
        var local = tm()
        localtime_r(&moment, &local)
        var buffer = [CChar](repeating: 0, count: 64)
        strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        last.withLock { $0 = (second, text) }
        return text
    }
}
