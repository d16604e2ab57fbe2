import FineTuning
public import Foundation
import Synchronization

/// Answers requests from a HAR archive, strictly: a request must match a recorded one on method,
/// URL (query order ignored) and body (JSON semantically, multipart by fields, otherwise as
/// text). Identical requests get the recorded responses in order, so polling replays. A request
/// with no recorded match throws a `transport` error that names the closest recorded request and
/// how it differs. Responses replay exactly: status, headers and body, even truncated bodies.
///
/// Live requests are scrubbed with the same rules as the recording before they are compared, so
/// real keys and project numbers match their scrubbed fixtures.
public final class HARReplayTransport: HTTPTransport {
    public let archive: HARArchive
    public let scrubbing: HARScrubRules
    /// Which entries were served.
    private let served: Mutex<[Bool]>

    public init(archive: HARArchive, scrubbing: HARScrubRules = .standard) {
        self.archive = archive
        self.scrubbing = scrubbing
        served = Mutex(Array(repeating: false, count: archive.entries.count))
    }

    /// Replays the HAR file at `url`; throws a `configuration` error if it cannot be read.
    public convenience init(contentsOf url: URL, scrubbing: HARScrubRules = .standard) throws {
        try self.init(archive: HARArchive(contentsOf: url), scrubbing: scrubbing)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try response(to: HARArchive.Request(request, scrubbing: scrubbing))
    }

    /// The recorded response to `sent` (a request already in scrubbed HAR form), marking its entry
    /// served; throws the `notRecorded` error `send` throws. A server replaying the archive over
    /// real HTTP answers with it, so both ways of replaying match requests the same way.
    public func response(to sent: HARArchive.Request) throws -> HTTPResponse {
        let entries = archive.entries
        return try served.withLock { served in
            var closest: (index: Int, difference: HARRequestComparison.Difference)?
            var alreadyServed = 0
            for (index, entry) in entries.enumerated() {
                guard let difference = HARRequestComparison.difference(recorded: entry.request, sent: sent) else {
                    if served[index] {
                        alreadyServed += 1
                        continue
                    }
                    served[index] = true
                    return entry.response.httpResponse
                }
                if difference.weight < closest?.difference.weight ?? .infinity { closest = (index, difference) }
            }
            throw unmatched(sent, alreadyServed: alreadyServed, closest: closest)
        }
    }

    /// Recorded entries that no request has asked for (a scenario that ended early, or a
    /// fixture with stale entries).
    public func unusedEntries() -> [HARArchive.Entry] {
        let served = served.withLock { $0 }
        return zip(archive.entries, served).filter { !$0.1 }.map(\.0)
    }

    private func unmatched(
        _ sent: HARArchive.Request, alreadyServed: Int, closest: (index: Int, difference: HARRequestComparison.Difference)?
    ) -> FineTuningError {
        var message = "no recorded response for \(sent.method) \(sent.url)"
        if alreadyServed > 0 {
            message += ": all \(alreadyServed) recorded responses to this request were already served"
        } else if let closest {
            let entry = archive.entries[closest.index].request
            message += "; closest recorded request is #\(closest.index + 1) \(entry.method) \(entry.url), which differs in \(closest.difference.description)"
        } else {
            message += "; the archive holds no requests"
        }
        return TransportFailure.notRecorded.error(message)
    }
}
