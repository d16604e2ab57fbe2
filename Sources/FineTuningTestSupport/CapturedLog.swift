public import Logging
import Synchronization

/// The lines logged through `logger`, kept in order with their level and metadata, for tests that
/// check what a library logs (from any thread).
public final class CapturedLog: Sendable {
    /// One logged line.
    public struct Record: Sendable, Equatable {
        public var level: Logger.Level
        public var message: String
        public var metadata: [String: String]

        public init(level: Logger.Level, message: String, metadata: [String: String] = [:]) {
            self.level = level
            self.message = message
            self.metadata = metadata
        }
    }

    private let captured = Mutex<[Record]>([])

    public init() {}

    /// Everything logged so far.
    public var records: [Record] { captured.withLock { $0 } }

    /// The messages logged so far.
    public var messages: [String] { records.map(\.message) }

    /// A logger at `level` whose lines are kept here.
    public func logger(label: String = "test", level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: label) { _ in Handler(log: self) }
        logger.logLevel = level
        return logger
    }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }.mapValues { "\($0)" }
            log.captured.withLock { $0.append(Record(level: event.level, message: "\(event.message)", metadata: merged)) }
        }
    }
}
