import FineTuning
public import Foundation
import Synchronization

/// Passes every request to `base` and records the exchange, scrubbed of secrets and project
/// identifiers, into a HAR file. Each exchange is appended to the file (`HARFileAppender`), which
/// is a complete archive after every exchange, so it is usable even when the run stops half way.
/// Exchanges that produced no response are not recorded.
///
/// The archive and the file are guarded by a mutex, held while an entry is written so concurrent
/// exchanges never interleave writes.
public final class HARRecordingTransport: HTTPTransport {
    /// The environment variable that switches recording on: `FINETUNE_HAR_RECORD=path.har`.
    public static let environmentVariable = "FINETUNE_HAR_RECORD"

    public let base: any HTTPTransport
    public let output: URL
    public let scrubbing: HARScrubRules
    private let recorded = Mutex(Recording())

    /// The entries so far and the file they are written to (nil until the first request).
    private struct Recording {
        var archive = HARArchive()
        var file: HARFileAppender?
    }

    /// Records to `output`, replacing any file there.
    public init(base: any HTTPTransport, output: URL, scrubbing: HARScrubRules = .standard) {
        self.base = base
        self.output = output
        self.scrubbing = scrubbing
    }

    /// `base` wrapped in a recorder when `FINETUNE_HAR_RECORD` names a file, `base` otherwise.
    public static func wrappingIfRequested(
        _ base: any HTTPTransport, environment: [String: String] = ProcessInfo.processInfo.environment,
        scrubbing: HARScrubRules = .standard
    ) -> any HTTPTransport {
        guard let path = environment[environmentVariable], !path.isEmpty else { return base }
        return HARRecordingTransport(base: base, output: URL(fileURLWithPath: path), scrubbing: scrubbing)
    }

    /// What has been recorded so far.
    public var archive: HARArchive { recorded.withLock { $0.archive } }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        // An unwritable recording fails before the first request goes out, not after a job was created.
        try recorded.withLock { recording in
            if recording.file == nil { recording.file = try fileSystemFailure { try HARFileAppender(creating: output) } }
        }
        let startedAt = Date()
        let started = ContinuousClock.now
        let response = try await base.send(request)
        let entry = HARArchive.Entry(
            request: HARArchive.Request(request, scrubbing: scrubbing),
            response: HARArchive.Response(response, scrubbing: scrubbing),
            startedDateTime: ISO8601DateFormatter().string(from: startedAt),
            time: ((ContinuousClock.now - started).inSeconds * 1000).rounded())
        try recorded.withLock { recording in
            recording.archive.entries.append(entry)
            try fileSystemFailure { try recording.file?.append(entry) }
        }
        return response
    }

    /// `body`'s failure as a `FineTuningError` naming the recording.
    private func fileSystemFailure<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch {
            var failure = FineTuningError.fileSystem(error, path: output.path, action: "write the HAR recording (\(Self.environmentVariable))")
            if failure.code == .notFound { failure.code = .configuration }
            throw failure
        }
    }
}
