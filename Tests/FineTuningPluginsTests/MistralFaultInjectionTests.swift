import FineTuning
import FineTuningHTTP
import FineTuningPlugins
import FineTuningTestSupport
import Foundation
import Testing

/// The fault matrix for the `mistral` plugin, loaded from its built library, with every HTTP call made
/// by the host (libcurl behind the host's retry layer) against the shared faulty loopback server in
/// Mistral's dialect: every fault on the first request of upload (a create from a local file), create,
/// get, list and cancel. An upload and a create are never re-sent, so they store at most one file and
/// make at most one job (Mistral jobs carry no metadata to look a lost answer up by); reads and cancels
/// recover by retrying or fail with a transport or timeout error.
@Suite struct MistralFaultInjectionTests {
    static let fixtures = BuiltPlugins.layout.fixtureFolder(for: "mistral")

    static func jobTemplate() throws -> String {
        try HARArchive(contentsOf: fixtures.appendingPathComponent("get_running.har")).entries[0].response.content.text ?? "{}"
    }

    @Test(arguments: [FaultedOperation.upload, .create, .get, .list, .cancel])
    func everyFaultOnEveryOperation(operation: FaultedOperation) async throws {
        let plugin = try PluginLoader().load(path: try BuiltPlugins.path(of: BuiltPlugins.mistral))
        for fault in InjectedFault.allCases {
            let server = try FaultyFineTuningServer(
                prefix: "/v1", fault: (operation, fault), stallSeconds: 3, jobTemplate: Self.jobTemplate(), existingJob: operation != .create,
                dialect: .mistral)
            defer { server.server.stop() }
            let deadline: Duration = fault == .stall ? .seconds(2) : .seconds(30)
            let transport = RetryingTransport(
                base: CurlTransport(), policy: RetryPolicy(deadline: deadline, backoff: RetryBackoff(initial: .milliseconds(10), maximum: .milliseconds(20))))
            let registry = ProviderRegistry()
            try registry.register(plugin.registration(
                environment: ["MISTRAL_API_KEY": "mistral-fault-key-1", "MISTRAL_BASE_URL": server.server.url("/v1").absoluteString], transport: transport))
            let client = FineTuningClient(registry: registry)
            let existing = JobID(provider: "mistral", native: FaultyFineTuningServer.existingJobID)
            var failure: FineTuningError?
            do {
                switch operation {
                case .create: _ = try await client.createJob(CreateJobRequest(model: "mistral/open-mistral-7b", trainingData: .providerFile(id: "file-abc")))
                case .get: #expect(try await client.job(existing).id == existing)
                case .list: for try await _ in try client.jobs(provider: "mistral") {}
                case .cancel: #expect(try await client.cancelJob(existing).status == .cancelled)
                case .upload:
                    let file = Self.fixtures.appendingPathComponent("train.jsonl")
                    _ = try await client.createJob(CreateJobRequest(model: "mistral/open-mistral-7b", trainingData: .localFile(path: file.path)))
                }
            } catch let error as FineTuningError {
                failure = error
            }
            let cell = "mistral \(operation.rawValue) \(fault.rawValue): files stored \(server.storedFiles), jobs created \(server.createdJobs), "
                + (failure.map { "error \($0.code)" } ?? "success")
            print("fault matrix: \(cell)")
            let sentOnce = operation == .create || operation == .upload
            #expect(server.storedFiles <= (operation == .upload ? 1 : 0), "\(cell)")
            if let failure {
                #expect([.transport, .timeout, .providerUnavailable].contains(failure.code), "\(cell): \(failure)")
                #expect(server.createdJobs <= (operation == .create ? 1 : 0), "\(cell)")
                if !sentOnce { #expect(fault == .stall || fault == .garble, "\(cell): an idempotent call recovers") }
            } else {
                #expect(server.createdJobs == (sentOnce ? 1 : 0), "\(cell)")
            }
        }
    }
}
