import FineTuning
import FineTuningConformance
import FineTuningHTTP
import FineTuningPlugins
import FineTuningTestSupport
import Foundation
import Testing

/// The `mistral` plugin, loaded from its built library, against a loopback server answering with
/// the Mistral fixtures: a dry run uploads the local file, creates the job with `auto_start: false`,
/// reports Mistral's price from the job's metadata and cancels the job (or keeps it, to be started
/// with `POST /fine_tuning/jobs/{id}/start`).
@Suite struct MistralDeferredStartTests {
    static let fixtures = BuiltPlugins.layout.fixtureFolder(for: "mistral")
    static let trainingFile = fixtures.appendingPathComponent("train.jsonl").path

    static func bodies(_ scenario: String) throws -> [String] {
        try HARArchive(contentsOf: fixtures.appendingPathComponent(scenario + ".har")).entries.map { $0.response.content.text ?? "" }
    }

    /// A client whose `mistral` provider is the built plugin, talking to `server` through libcurl.
    static func client(_ server: TestHTTPServer) throws -> FineTuningClient {
        let plugin = try PluginLoader(unknownKeys: .fail).load(path: try BuiltPlugins.path(of: BuiltPlugins.mistral))
        let registry = ProviderRegistry()
        try registry.register(plugin.registration(
            environment: ["MISTRAL_API_KEY": "mistral-preview-key", "MISTRAL_BASE_URL": server.url("/v1").absoluteString], transport: CurlTransport()))
        return FineTuningClient(registry: registry)
    }

    /// Mistral's answers: the upload, the unstarted job (with its price), cancel and start of that job.
    static func server() throws -> (TestHTTPServer, jobID: String) {
        let upload = try bodies("file_upload")[0]
        let unstarted = try bodies("deferred_start")[0]
        let jobID = try #require(JSONValue(parsing: unstarted)["id"]?.stringValue)
        let cancelled = try bodies("cancel")[0]
        let cancelledID = try #require(JSONValue(parsing: cancelled)["id"]?.stringValue)
        let started = try bodies("deferred_start")[1]
        let startedID = try #require(JSONValue(parsing: started)["id"]?.stringValue)
        let server = try TestHTTPServer { request in
            switch (request.method, request.path) {
            case ("POST", "/v1/files"): .json(upload)
            case ("POST", "/v1/fine_tuning/jobs"): .json(unstarted)
            case ("POST", "/v1/fine_tuning/jobs/\(jobID)/cancel"): .json(cancelled.replacingOccurrences(of: cancelledID, with: jobID))
            case ("POST", "/v1/fine_tuning/jobs/\(jobID)/start"): .json(started.replacingOccurrences(of: startedID, with: jobID))
            default: .json(#"{"detail":"Not Found"}"#, status: 404)
            }
        }
        return (server, jobID)
    }

    @Test func aDryRunUploadsCreatesUnstartedReportsThePriceAndCancels() async throws {
        let (server, jobID) = try Self.server()
        defer { server.stop() }
        let preview = try await Self.client(server).previewJob(
            CreateJobRequest(model: "mistral/open-mistral-7b", trainingData: .localFile(path: Self.trainingFile), hyperparameters: Hyperparameters(epochs: 3)))

        #expect(preview.source == .provider)
        #expect(preview.cost == 2.0)
        #expect(preview.currency == "EUR")
        #expect(preview.trainTokens == 13_107_200)
        #expect(preview.dataTokens == 305_375)
        #expect(preview.expectedDurationSeconds == 220)
        #expect(preview.epochs == 3)
        #expect(!preview.kept)
        #expect(preview.job?.status == .cancelling)  // Mistral answers a cancel with CANCELLATION_REQUESTED
        #expect(server.requests.map { "\($0.method) \($0.path)" } == [
            "POST /v1/files", "POST /v1/fine_tuning/jobs", "POST /v1/fine_tuning/jobs/\(jobID)/cancel",
        ])
        let upload = String(decoding: server.requests[0].body, as: UTF8.self)
        #expect(upload.contains("name=\"purpose\"\r\n\r\nfine-tune"))
        #expect(upload.contains(try String(contentsOfFile: Self.trainingFile, encoding: .utf8)))
        let create = try JSONValue(parsing: String(decoding: server.requests[1].body, as: UTF8.self))
        #expect(create["auto_start"] == false)
        let uploadedID = try JSONValue(parsing: try Self.bodies("file_upload")[0])["id"]
        #expect(create["training_files"]?.arrayValue?.first?["file_id"] == uploadedID)
    }

    @Test func aKeptJobIsNotCancelledAndStartsLater() async throws {
        let (server, jobID) = try Self.server()
        defer { server.stop() }
        let client = try Self.client(server)
        let preview = try await client.previewJob(
            CreateJobRequest(model: "mistral/open-mistral-7b", trainingData: .providerFile(id: "e1b6a57d-4b41-4c4b-9d1e-7f0d0a1b2c3d")), keep: true)
        #expect(preview.kept)
        #expect(preview.cost == 2.0)
        let job = try #require(preview.job)
        #expect(job.id == JobID(provider: "mistral", native: jobID))

        let started = try await client.startJob(job.id)
        #expect(started.status == .validating)
        #expect(started.providerStatus == "STARTED")
        #expect(server.requests.map { "\($0.method) \($0.path)" } == [
            "POST /v1/fine_tuning/jobs", "POST /v1/fine_tuning/jobs/\(jobID)/start",
        ])
    }

    /// A server whose job is created unpriced and, polled, answers `polled` (a state of the
    /// `deferred_start` job, priced or not); cancel answers as Mistral does.
    static func pricingServer(polled: (_ unpriced: String, _ priced: String) -> String) throws -> (TestHTTPServer, jobID: String) {
        let priced = try Self.bodies("deferred_start")[0]
        let jobID = try #require(JSONValue(parsing: priced)["id"]?.stringValue)
        let unpriced = priced.replacingOccurrences(of: #""cost": 2.0"#, with: #""cost": null"#)
        #expect(unpriced != priced)
        let answer = polled(unpriced, priced).replacingOccurrences(of: #""status": "QUEUED""#, with: #""status": "VALIDATED""#)
        let cancelled = try Self.bodies("cancel")[0]
        let cancelledID = try #require(JSONValue(parsing: cancelled)["id"]?.stringValue)
        let server = try TestHTTPServer { request in
            switch (request.method, request.path) {
            case ("POST", "/v1/fine_tuning/jobs"): .json(unpriced)
            case ("GET", "/v1/fine_tuning/jobs/\(jobID)"): .json(answer)
            case ("POST", "/v1/fine_tuning/jobs/\(jobID)/cancel"): .json(cancelled.replacingOccurrences(of: cancelledID, with: jobID))
            default: .json(#"{"detail":"Not Found"}"#, status: 404)
            }
        }
        return (server, jobID)
    }

    /// Mistral may price a job only once it has validated the data: the dry run polls the job
    /// (at the provider's poll interval, on the clock it is given) until its metadata carries the cost.
    @Test func aJobPricedAfterValidationIsPolledForItsPrice() async throws {
        let (server, jobID) = try Self.pricingServer { _, priced in priced }
        defer { server.stop() }
        let clock = ImmediateClock()
        let preview = try await Self.client(server).previewJob(
            CreateJobRequest(model: "mistral/open-mistral-7b", trainingData: .providerFile(id: "e1b6a57d-4b41-4c4b-9d1e-7f0d0a1b2c3d")), clock: clock)
        #expect(preview.cost == 2.0)
        #expect(preview.notes.isEmpty, "\(preview.notes)")
        #expect(clock.sleeps == [.seconds(10)])
        #expect(server.requests.map { "\($0.method) \($0.path)" } == [
            "POST /v1/fine_tuning/jobs", "GET /v1/fine_tuning/jobs/\(jobID)", "POST /v1/fine_tuning/jobs/\(jobID)/cancel",
        ])
    }

    /// A job that is never priced is polled until the pricing timeout, on the clock given, then
    /// reported unpriced and cancelled. (A poll that ignored the clock would wait for real, forever on
    /// this clock: the time limit ends it.)
    @Test(.timeLimit(.minutes(1))) func aJobNeverPricedIsPolledUntilThePricingTimeout() async throws {
        let (server, jobID) = try Self.pricingServer { unpriced, _ in unpriced }
        defer { server.stop() }
        let clock = ImmediateClock()
        let preview = try await Self.client(server).previewJob(
            CreateJobRequest(model: "mistral/open-mistral-7b", trainingData: .providerFile(id: "e1b6a57d-4b41-4c4b-9d1e-7f0d0a1b2c3d")),
            pricingTimeout: .seconds(45), clock: clock)
        #expect(preview.cost == nil)
        #expect(preview.notes.contains { $0.contains("did not price job mistral:\(jobID) within 45.0 seconds") }, "\(preview.notes)")
        #expect(clock.sleeps == Array(repeating: .seconds(10), count: 5))
        #expect(server.requests.filter { $0.method == "GET" }.count == 5)
        #expect(server.requests.last.map { "\($0.method) \($0.path)" } == "POST /v1/fine_tuning/jobs/\(jobID)/cancel")
    }

    /// A plugin without `deferred_start` (echo_c leaves start_job NULL) answers start with a clear
    /// unsupported error.
    @Test func aPluginWithoutDeferredStartCannotStart() async throws {
        let plugin = try PluginLoader().load(path: try BuiltPlugins.path(of: BuiltPlugins.echoC))
        let registry = ProviderRegistry()
        try registry.register(plugin.registration(environment: ["ECHO_C_API_KEY": "echo-test"], transport: CurlTransport()))
        let failure = try await #require(throws: FineTuningError.self) {
            try await FineTuningClient(registry: registry).startJob(JobID(provider: plugin.descriptor.id, native: "job-1"))
        }
        #expect(failure.code == .unsupported)
        #expect(failure.message.contains("deferred_start"))
    }

    /// The suite fails a plugin that starts the job it was asked to create unstarted: the fixture
    /// recording `auto_start: true` (what the plugin sent before) makes the scenario fail.
    @Test func theSuiteFailsAPluginThatIgnoresDeferredStart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mistral-broken-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: Self.fixtures, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let har = folder.appendingPathComponent("deferred_start.har")
        let text = try String(contentsOf: har, encoding: .utf8)
        try text.replacingOccurrences(of: #"{\"auto_start\":false"#, with: #"{\"auto_start\":true"#).write(to: har, atomically: true, encoding: .utf8)

        let plugin = try PluginLoader(unknownKeys: .fail).load(path: try BuiltPlugins.path(of: BuiltPlugins.mistral))
        let target = ConformanceTarget(descriptor: plugin.descriptor) { try plugin.makeProvider(transport: $0, environment: $1) }
        let report = await ConformanceRunner(scenarios: try ConformanceScenario.embedded()).run(target, fixtures: folder)
        let failed = report.failures.map(\.scenario)
        #expect(failed == ["deferred_start"], "\(report.failures.map(\.reason))")
        let intact = await ConformanceRunner(scenarios: try ConformanceScenario.embedded()).run(target, fixtures: Self.fixtures)
        #expect(intact.conforms, "\(intact.failures.map(\.reason))")
    }
}
