import FineTuning
import Foundation
import Testing

@testable import FineTuningHTTP

/// `HARRecordingTransport` appends each exchange to its file instead of rewriting it, and the file
/// is a complete archive after every exchange.
@Suite struct HARAppendTests {
    /// Answers every request with a JSON body naming the request's last path component.
    struct Answering: HTTPTransport {
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(#"{"id":"\#(request.url.lastPathComponent)"}"#.utf8))
        }
    }

    static func request(_ index: Int) -> HTTPRequest {
        HTTPRequest(method: .get, url: URL(string: "https://api.example.test/v1/jobs/job-\(index)")!)
    }

    @Test func afterEachExchangeTheFileIsAnArchiveOfAllExchangesSoFar() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let output = directory.url.appendingPathComponent("run.har")
        let recorder = HARRecordingTransport(base: Answering(), output: output)
        for count in 1...4 {
            _ = try await recorder.send(Self.request(count))
            let archive = try HARArchive(contentsOf: output)
            #expect(archive.entries.map(\.request.url) == (1...count).map { "https://api.example.test/v1/jobs/job-\($0)" })
            #expect(archive == recorder.archive)
        }
        // Laid out exactly as `HARArchive.write` lays out the whole archive (stable fixture diffs).
        let rewritten = directory.url.appendingPathComponent("rewritten.har")
        try recorder.archive.write(to: rewritten)
        #expect(try String(contentsOf: output, encoding: .utf8) == String(contentsOf: rewritten, encoding: .utf8))
    }

    /// Bytes already in the file are never written again: a mark put into the first entry on disk
    /// is still there after more exchanges, in the same file (inode).
    @Test func earlierEntriesAreNotRewritten() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let output = directory.url.appendingPathComponent("run.har")
        let recorder = HARRecordingTransport(base: Answering(), output: output)
        _ = try await recorder.send(Self.request(1))
        let inode = try Self.inode(output)
        let marked = try String(contentsOf: output, encoding: .utf8).replacingOccurrences(of: "jobs/job-1", with: "jobs/JOB-1")
        let handle = try FileHandle(forWritingTo: output)
        try handle.write(contentsOf: Data(marked.utf8))
        try handle.close()

        for index in 2...3 { _ = try await recorder.send(Self.request(index)) }
        let entries = try HARArchive(contentsOf: output).entries.map(\.request.url)
        #expect(entries == ["https://api.example.test/v1/jobs/JOB-1", "https://api.example.test/v1/jobs/job-2", "https://api.example.test/v1/jobs/job-3"])
        #expect(try Self.inode(output) == inode)
    }

    @Test func aRecordingWhoseFirstExchangeFailedIsAnEmptyArchive() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let output = directory.url.appendingPathComponent("run.har")
        let recorder = HARRecordingTransport(base: HARReplayTransport(archive: HARArchive()), output: output)
        await #expect(throws: FineTuningError.self) { _ = try await recorder.send(Self.request(1)) }
        #expect(try HARArchive(contentsOf: output).entries.isEmpty)
    }

    static func inode(_ file: URL) throws -> UInt64? {
        (try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? NSNumber)?.uint64Value
    }
}
