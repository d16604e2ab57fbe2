import FineTuning
import FineTuningHTTP
import FineTuningPlugins
import Foundation
import Testing

/// Many operations at once on one Swift plugin instance: each runs on its own thread and waits
/// for the host's async transport, so none may block the cooperative pool. On a 2-core machine
/// the pool has 2 threads: a bridge that blocked them would deadlock here (checked by making the
/// kit call the host on the pool thread: the run hangs).
@Suite(.timeLimit(.minutes(1))) struct PluginConcurrencyTests {
    /// Answers every GET of a Mistral job with that job, running, after a short async pause.
    struct SlowMistralService: HTTPTransport {
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            try await Task.sleep(nanoseconds: 20_000_000)
            let id = request.url.lastPathComponent
            return HTTPResponse(status: 200, body: Data(#"{"id":"\#(id)","model":"open-mistral-7b","status":"RUNNING"}"#.utf8))
        }
    }

    @Test func concurrentOperationsOnOneInstanceAllComplete() async throws {
        let plugin = try PluginLoader().load(path: try BuiltPlugins.path(of: BuiltPlugins.mistral))
        let provider = try plugin.makeProvider(transport: SlowMistralService(), environment: ["MISTRAL_API_KEY": "m"])
        let ids = (0..<24).map { "job-\($0)" }
        let jobs = try await withThrowingTaskGroup(of: FineTuningJob.self) { group in
            for id in ids { group.addTask { try await provider.getJob(id: id) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(jobs.map(\.id.native)) == Set(ids))
        #expect(jobs.allSatisfy { $0.status == .running })
    }
}
