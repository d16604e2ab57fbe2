import FineTuning
import FineTuningHTTP
import FineTuningPlugins
import FineTuningTestSupport
import Foundation
import Testing
import Logging

/// What the host does with a loaded plugin's answers: the documented JSON becomes normalized
/// values, the plugin's own errors pass through, anything else is a plugin_abi error naming the
/// file, and cancelling the calling task reaches the plugin.
@Suite struct PluginOperationTests {
    private func provider(_ source: TestPluginSource) throws -> (PluginProvider, String) {
        let path = try source.build(named: "operations", in: try temporaryPluginFolder())
        return (try PluginLoader().load(path: path).makeProvider(transport: RefusingTransport(), environment: [:]), path)
    }

    @Test func aJobAnswerBecomesTheNormalizedJob() async throws {
        let (provider, _) = try provider(TestPluginSource())
        let job = try await provider.getJob(id: "job-1")
        #expect(job.id == JobID(provider: "broken", native: "job-1"))
        #expect(job.status == .running)
        #expect(job.providerStatus == "RUNNING")
    }

    @Test func malformedJSONFromAnOperationIsAPluginABIError() async throws {
        let (provider, path) = try provider(TestPluginSource(getResponse: #"{"format_version":1,"job":{"id":"#))
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(error.code == .pluginABI)
        #expect(error.message.hasPrefix("plugin \(path): get_job answered with malformed JSON: "), "\(error.message)")
    }

    @Test func aJobOfAnotherProviderIsAPluginABIError() async throws {
        let (provider, path) = try provider(TestPluginSource(
            getResponse: #"{"format_version":1,"job":{"id":"openai:job-1","base_model":"m","status":"running","provider_status":"x"}}"#))
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(error.code == .pluginABI)
        #expect(error.message.contains("plugin \(path): "))
        #expect(error.message.contains("job id 'openai:job-1' is not qualified with the plugin's provider id 'broken'"), "\(error.message)")
    }

    @Test func thePluginsErrorPassesThrough() async throws {
        let (provider, _) = try provider(TestPluginSource(
            getStatus: "FINETUNE_ERROR", getResponse: #"{"code":"not_found","message":"no job job-1","http_status":404}"#))
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(error == FineTuningError(.notFound, "no job job-1", provider: "broken", httpStatus: 404))
    }

    @Test func anErrorThatIsNotAnErrorDocumentIsAPluginABIError() async throws {
        let (provider, path) = try provider(TestPluginSource(getStatus: "FINETUNE_ERROR", getResponse: "it broke"))
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(error.code == .pluginABI)
        #expect(error.message.hasPrefix("plugin \(path): get_job answered with malformed JSON: its error is not a FineTuningError document"), "\(error.message)")
    }

    @Test func aStatusOtherThanOKOrErrorIsAPluginABIError() async throws {
        let (provider, _) = try provider(TestPluginSource(getStatus: "7"))
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(error.code == .pluginABI)
        #expect(error.message.contains("returned status 7"), "\(error.message)")
    }

    @Test func anUndeclaredOptionalOperationIsUnsupported() async throws {
        let (provider, _) = try provider(TestPluginSource())
        let error = try await #require(throws: FineTuningError.self) { try await provider.listEvents(jobID: "job-1", page: PageRequest()) }
        #expect(error == FineTuningError.unsupported(.events, provider: "broken"))
    }

    @Test func aModelOutsideTheManifestsPrefixesIsRefusedBeforeThePluginIsCalled() async throws {
        let (provider, _) = try provider(TestPluginSource(modelPrefixes: #"["good-"]"#))
        let request = ProviderJobRequest(
            baseModel: "other-model", trainingData: .providerFile(id: "file-1"),
            hyperparameters: try provider.descriptor.hyperparameters.translate(Hyperparameters()), clientToken: "t")
        let error = try await #require(throws: FineTuningError.self) { try await provider.createJob(request) }
        #expect(error.code == .invalidRequest)
        #expect(error.message.contains("takes base models starting with good-, not 'other-model'"), "\(error.message)")
    }

    @Test func cancellingTheTaskReachesThePlugin() async throws {
        let (provider, _) = try provider(TestPluginSource(getWaitsForCancellation: true))
        let call = Task { try await provider.getJob(id: "job-1") }
        try await Task.sleep(nanoseconds: 50_000_000)
        call.cancel()
        let error = try await #require(throws: FineTuningError.self) { try await call.value }
        #expect(error == FineTuningError(.cancelled, "stopped on request", provider: "broken"))
    }

    @Test func logLinesReachTheHostsLogRedactedAndNamed() async throws {
        let log = CapturedLog()
        let path = try TestPluginSource(getLogs: "retrying with Authorization: Bearer sk-secret-123").build(named: "logs", in: try temporaryPluginFolder())
        let provider = try PluginLoader(logger: log.logger())
            .load(path: path).makeProvider(transport: RefusingTransport(), environment: [:])
        _ = try await provider.getJob(id: "job-1")
        #expect(log.records == [CapturedLog.Record(level: .warning, message: "retrying with Authorization: Bearer REDACTED", metadata: ["plugin": "broken"])])
    }

    @Test func aTransportFailureReachesThePluginAndComesBack() async throws {
        let plugin = try PluginLoader().load(path: try BuiltPlugins.path(of: BuiltPlugins.echoC))
        let provider = try plugin.makeProvider(transport: RefusingTransport(), environment: ["ECHO_C_API_KEY": "k"])
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(error == FineTuningError(.transport, "this test sends no HTTP request", provider: "echo_c"))
    }

    /// The kind travels as `transport_failure` through the host HTTP service and the plugin's error
    /// document, so the host can still tell a request that never left from one that may have arrived.
    @Test func theKindOfATransportFailureSurvivesThePluginBoundary() async throws {
        let plugin = try PluginLoader().load(path: try BuiltPlugins.path(of: BuiltPlugins.echoC))
        let provider = try plugin.makeProvider(transport: FailingTransport(failure: .connectionRefused), environment: ["ECHO_C_API_KEY": "k"])
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(error.transportFailure == .connectionRefused)
        #expect(error.providerCode == nil)
    }

    @Test(arguments: [
        ("{not json", "host http: the request is not the documented JSON", nil),
        (#"{"method":"GET","url":"jobs/1"}"#, "host http: 'jobs/1' is not an absolute URL", "url"),
        (#"{"method":"GET","url":"https://x.test/","headers":[["Accept"]]}"#, "host http: each header must be [name, value]", "headers"),
    ] as [(String, String, String?)])
    func aMalformedHTTPRequestFromAPluginIsRefusedByTheHost(_ request: String, _ message: String, _ parameter: String?) async throws {
        let (provider, _) = try provider(TestPluginSource(getSendsHTTP: request))
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(error.code == .invalidRequest)
        #expect(error.message.hasPrefix(message), "\(error.message)")
        #expect(error.parameter == parameter)
    }

    @Test func aConfigurationErrorFromCreateInstancePassesThrough() throws {
        let plugin = try PluginLoader().load(path: try BuiltPlugins.path(of: BuiltPlugins.echoC))
        let error = try #require(throws: FineTuningError.self) { try plugin.makeProvider(transport: RefusingTransport(), environment: [:]) }
        #expect(error.code == .configuration)
        #expect(error.parameter == "ECHO_C_API_KEY")
    }
}
