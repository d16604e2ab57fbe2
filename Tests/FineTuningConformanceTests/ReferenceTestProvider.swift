import FineTuning
import FineTuningConformance
import FineTuningHTTP
import Foundation

/// A tiny provider speaking a minimal JSON API, used only to test the conformance runner before
/// (and independently of) the real adapters. Its fixtures live in `Fixtures/reference`.
///
/// API at `https://reference.test/v1`: `POST /jobs`, `GET /jobs/{id}`, `GET /jobs?limit=&cursor=`
/// (`{"jobs": [...], "next": cursor-or-null}`), `POST /jobs/{id}/cancel`, `GET /jobs/{id}/events`
/// (`{"events": [...], "next": ...}`); errors `{"error": {"message", "code", "field"}}`.
struct ReferenceTestProvider: FineTuningProvider {
    static let descriptor = ProviderDescriptor(
        id: "reference", displayName: "Reference test provider", capabilities: [.events],
        hyperparameters: HyperparameterTable(
            provider: "reference", api: "reference test API",
            rules: [.native(.epochs, "epochs", .integer, minimum: 1, maximum: 100)]),
        dataset: DatasetRequirements(format: .openAIChat), environment: ["REFERENCE_API_KEY"])

    /// The registrations a module would expose, as the adapters do.
    static func registrations(environment: [String: String], transport: any HTTPTransport) -> [ProviderRegistration] {
        [ProviderRegistration(descriptor: descriptor, origin: .builtIn) {
            try ReferenceTestProvider(environment: environment, transport: transport)
        }]
    }

    var descriptor: ProviderDescriptor { Self.descriptor }
    let client: ProviderHTTPClient

    init(environment: [String: String], transport: any HTTPTransport) throws {
        guard let key = environment["REFERENCE_API_KEY"] else {
            throw FineTuningError(.configuration, "REFERENCE_API_KEY is not set", provider: "reference")
        }
        client = ProviderHTTPClient(
            provider: "reference", baseURL: URL(string: "https://reference.test/v1")!, transport: transport,
            authorize: { ["Authorization": "Bearer \(key)"] },
            parseError: { body in
                guard let error = body["error"], let message = error["message"]?.stringValue else { return nil }
                return ProviderErrorBody(message: message, code: error["code"]?.stringValue, parameter: error["field"]?.stringValue)
            })
    }

    func createJob(_ request: ProviderJobRequest) async throws -> FineTuningJob {
        var body: [String: JSONValue] = [
            "model": .string(request.baseModel), "training_data": .string(request.trainingData.description),
            "client_token": .string(request.clientToken),
        ]
        for (name, value) in request.hyperparameters.native { body[name] = value }
        return try job(from: await client.post("jobs", body: .object(body)))
    }

    func getJob(id: String) async throws -> FineTuningJob {
        try job(from: await client.get("jobs/\(id)"))
    }

    func listJobs(_ page: PageRequest, filter: JobFilter) async throws -> Page<FineTuningJob> {
        let answer = try await client.get("jobs", query: query(page))
        return Page(items: try (answer["jobs"]?.arrayValue ?? []).map(job(from:)), nextCursor: answer["next"]?.stringValue)
    }

    func cancelJob(id: String) async throws -> FineTuningJob {
        try job(from: await client.post("jobs/\(id)/cancel", body: nil, idempotent: true))
    }

    func listEvents(jobID: String, page: PageRequest) async throws -> Page<JobEvent> {
        let answer = try await client.get("jobs/\(jobID)/events", query: query(page))
        let events = (answer["events"]?.arrayValue ?? []).map { event in
            JobEvent(
                id: event["id"]?.stringValue ?? "", message: event["message"]?.stringValue ?? "",
                metrics: event["step"].map { TrainingMetrics(step: $0.int64Value.map(Int.init), trainLoss: event["loss"]?.doubleValue) })
        }
        return Page(items: events, nextCursor: answer["next"]?.stringValue)
    }

    private func query(_ page: PageRequest) -> [URLQueryItem] {
        [page.limit.map { URLQueryItem(name: "limit", value: String($0)) }, page.cursor.map { URLQueryItem(name: "cursor", value: $0) }]
            .compactMap { $0 }
    }

    private func job(from json: JSONValue) throws -> FineTuningJob {
        guard let id = json["id"]?.stringValue, let state = json["state"]?.stringValue else {
            throw FineTuningError(.transport, "reference job without id or state: \(json.jsonText)", provider: "reference")
        }
        return FineTuningJob(
            id: JobID(provider: "reference", native: id), baseModel: json["model"]?.stringValue ?? "",
            status: Self.states[state] ?? .unknown(state), providerStatus: state,
            tunedModel: json["result_model"]?.stringValue.map { TunedModel(name: $0) },
            error: json["error"]?["message"]?.stringValue.map { JobError(message: $0) }, raw: json)
    }

    private static let states: [String: JobStatus] = [
        "pending": .queued, "checking": .validating, "training": .running, "done": .succeeded, "failed": .failed,
        "stopping": .cancelling, "stopped": .cancelled,
    ]
}
