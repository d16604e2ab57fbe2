@testable import FineTuningCLI
import Foundation
import Logging
import Synchronization
import Testing

/// `finetune serve`'s log: swift-log's stream format, written in batches that keep every line and its
/// order, with warnings written at once and scrubbed of known secrets.
@Suite struct ServerLogHandlerTests {
    /// A pipe whose write end a `BatchedLineWriter` writes to.
    final class Pipe: Sendable {
        let read: Int32, write: Int32

        init() throws {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw POSIXError(.EMFILE) }
            (read, write) = (ends[0], ends[1])
            _ = fcntl(read, F_SETFL, fcntl(read, F_GETFL) | O_NONBLOCK)
        }

        deinit {
            close(read)
            close(write)
        }

        /// What has been written so far.
        func available() -> String {
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBytes { Foundation.read(read, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                bytes += chunk[..<count]
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// What has been written once it holds `lines` lines, waiting up to 10 s.
        func lines(_ lines: Int) async throws -> [String] {
            var text = ""
            for _ in 0..<200 {
                text += available()
                if text.split(separator: "\n").count >= lines { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            return text.split(separator: "\n").map(String.init)
        }
    }

    /// What a `StreamLogHandler` writes.
    final class Stream: TextOutputStream, Sendable {
        private let text = Mutex("")
        var written: String { text.withLock { $0 } }
        func write(_ string: String) { text.withLock { $0 += string } }
    }

    @Test func linesAreWrittenInOrderAndAllOfThemByFlush() throws {
        let pipe = try Pipe()
        let writer = BatchedLineWriter(descriptor: pipe.write, delay: .seconds(60))
        for number in 0..<2000 { writer.append("line \(number)\n", urgent: false) }
        writer.flush()
        #expect(pipe.available() == (0..<2000).map { "line \($0)\n" }.joined())
    }

    @Test func aLineGoesOutWithoutAFlushAfterItsDelayAndAnUrgentOneAtOnce() async throws {
        let pipe = try Pipe()
        let writer = BatchedLineWriter(descriptor: pipe.write, delay: .milliseconds(100))
        writer.append("later\n", urgent: false)
        #expect(try await pipe.lines(1) == ["later"])
        let slow = BatchedLineWriter(descriptor: pipe.write, delay: .seconds(60))
        slow.append("info\n", urgent: false)
        slow.append("warning\n", urgent: true)
        #expect(try await pipe.lines(2) == ["info", "warning"])
    }

    @Test func aLineReadsAsStreamLogHandlersExceptForItsTimestamp() throws {
        let pipe = try Pipe()
        let writer = BatchedLineWriter(descriptor: pipe.write, delay: .seconds(60))
        let stream = Stream()
        let loggers = [
            Logger(label: "finetune.serve") { ServerLogHandler(label: $0, writer: writer) },
            Logger(label: "finetune.serve") { StreamLogHandler(label: $0, stream: stream) },
        ]
        for var logger in loggers {
            logger[metadataKey: "instance"] = "a"
            logger.info("request", metadata: ["status": "200", "path": "/v1/models", "method": "GET"])
            logger.warning("poll failed", metadata: ["instance": "b"])
            logger.info("plain")
        }
        writer.flush()
        let ours = pipe.available().split(separator: "\n").map { $0.drop { $0 != " " } }
        let theirs = stream.written.split(separator: "\n").map { $0.drop { $0 != " " } }
        #expect(ours.count == 3)
        #expect(ours == theirs)
        #expect(ours.first == " info finetune.serve: instance=a method=GET path=/v1/models status=200 [FineTuningCLITests] request")
    }

    @Test func warningsAreScrubbedOfKnownSecrets() throws {
        let pipe = try Pipe()
        let writer = BatchedLineWriter(descriptor: pipe.write, delay: .seconds(60))
        let logger = Logger(label: "finetune.serve") { ServerLogHandler(label: $0, writer: writer) }
        logger.warning("upstream said: invalid key sk-live1234567890abcdef")
        writer.flush()
        let line = pipe.available()
        #expect(line.contains("upstream said: invalid key"))
        #expect(!line.contains("sk-live1234567890abcdef"))
    }
}
