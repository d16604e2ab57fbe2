import FineTuning
import FineTuningEval
import FineTuningHTTP
import FineTuningOpenAI
import FineTuningTestSupport
import Foundation
import Testing

/// A sweep's time limit and the pauses between its polls run on the clock it is given: against an
/// OpenAI-compatible server on loopback whose jobs never finish, a 30 s limit polled every 10 s ends
/// after three pauses of the clock (none of them real), cancelling the running trial and never
/// starting the next.
@Suite struct SweepTimeLimitTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Conformance/Fixtures/openai")

    @Test func theTimeLimitIsMeasuredOnTheGivenClock() async throws {
        let running = try #require(HARArchive(contentsOf: Self.fixtures.appendingPathComponent("get_running.har")).entries.first?.response.content.text)
        let jobID = try #require(JSONValue(parsing: running)["id"]?.stringValue)
        let server = try TestHTTPServer { request in
            switch (request.method, request.path) {
            case ("POST", "/v1/fine_tuning/jobs"), ("GET", "/v1/fine_tuning/jobs/\(jobID)"): .json(running)
            case ("GET", "/v1/fine_tuning/jobs/\(jobID)/events"): .json(#"{"object":"list","data":[],"has_more":false}"#)
            case ("POST", "/v1/fine_tuning/jobs/\(jobID)/cancel"): .json(running.replacingOccurrences(of: #""status": "running""#, with: #""status": "cancelled""#))
            default: .json(#"{"error":{"message":"unexpected","type":"invalid_request_error","param":null,"code":null}}"#, status: 404)
            }
        }
        defer { server.stop() }
        let registry = ProviderRegistry()
        let environment = ["OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": server.url("/v1").absoluteString]
        for registration in OpenAIAdapter.registrations(environment: environment, transport: CurlTransport()) {
            try registry.register(registration)
        }
        let clock = ImmediateClock()
        let runner = SweepRunner(
            client: FineTuningClient(registry: registry),
            base: CreateJobRequest(model: "openai/gpt-4o-mini-2024-07-18", trainingData: .providerFile(id: "file-RCnFCYRhFDcq1aHxiYkBHw")),
            maxTime: .seconds(30), pollInterval: .seconds(10), clock: clock)

        let trials = try await runner.run([["epochs": 1], ["epochs": 2]])

        #expect(trials.map(\.outcome) == [.outOfTime, .outOfTime])
        #expect(trials[1].job == nil)
        #expect(clock.sleeps == [.seconds(10), .seconds(10), .seconds(10)])
        #expect(server.requests.filter { $0.method == "POST" }.map(\.path) == ["/v1/fine_tuning/jobs", "/v1/fine_tuning/jobs/\(jobID)/cancel"])
    }
}
