import FineTuning
public import Foundation
import Synchronization
/// Passes every request to `base` and records the exchange, scrubbed of secrets and project
/// identifiers, into a HAR file. The file is rewritten after each exchange, so it is complete
/// even when the run stops half way. Exchanges that produced no response are not recorded.
///
/// The archive is guarded by a mutex, held while the file is written so concurrent exchanges never
/// interleave writes.
public final class HARRecordingTransport: HTTPTransport {
    /// The environment variable that switches recording on: `FINETUNE_HAR_RECORD=path.har`.
    public static let environmentVariable = "FINETUNE_HAR_RECORD"

    public let base: any HTTPTransport
    public let output: URL
    public let scrubbing: HARScrubRules
    private let recorded = Mutex(HARArchive())

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
    public var archive: HARArchive { recorded.withLock { $0 } }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        // An unwritable recording fails before the first request goes out, not after a job was created.
        try recorded.withLock { archive in
            if archive.entries.isEmpty { try write(archive) }
        }
        let started = Date()
        let response = try await base.send(request)
        let entry = HARArchive.Entry(
            request: HARArchive.Request(request, scrubbing: scrubbing),
            response: HARArchive.Response(response, scrubbing: scrubbing),
            startedDateTime: ISO8601DateFormatter().string(from: started),
            time: (Date().timeIntervalSince(started) * 1000).rounded())
        try recorded.withLock { archive in
            archive.entries.append(entry)
            try write(archive)
        }
        return response
    }

    private func write(_ archive: HARArchive) throws {
        do {
            try archive.write(to: output)
        } catch {
            var failure = FineTuningError.fileSystem(error, path: output.path, action: "write the HAR recording (\(Self.environmentVariable))")
            if failure.code == .notFound { failure.code = .configuration }
            throw failure
        }
    }
}
