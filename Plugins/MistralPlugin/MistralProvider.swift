import FineTuning
import FineTuningHTTP
import Foundation

/// Mistral's own fine-tuning API (`/v1/fine_tuning/jobs`), as a plugin provider. Only
/// translation lives here: HTTP, credentials and error mapping are `ProviderHTTPClient`'s, and
/// the transport is the host's.
///
/// Mistral jobs carry no user labels, so a create cannot be looked up by client token: it is sent
/// once and never re-sent (the host's retry layer does not repeat a non-idempotent POST). Uploads
/// and starts are sent once too.
struct MistralProvider: FineTuningProvider {
    var descriptor: ProviderDescriptor { Self.descriptor }
    private let client: ProviderHTTPClient

    /// Reads `MISTRAL_API_KEY` (required) and `MISTRAL_BASE_URL` (default the public API).
    init(environment: [String: String], transport: any HTTPTransport) throws {
        guard let key = environment["MISTRAL_API_KEY"], !key.isEmpty else {
            throw FineTuningError(.configuration, "set MISTRAL_API_KEY to a Mistral API key", provider: "mistral", parameter: "MISTRAL_API_KEY")
        }
        guard let baseURL = URL(string: environment["MISTRAL_BASE_URL"] ?? "https://api.mistral.ai/v1") else {
            throw FineTuningError(.configuration, "MISTRAL_BASE_URL is not a URL", provider: "mistral", parameter: "MISTRAL_BASE_URL")
        }
        client = ProviderHTTPClient(
            provider: "mistral", baseURL: baseURL, transport: transport,
            authorize: { ["Authorization": "Bearer \(key)"] }, parseError: MistralErrorParsing.parse)
    }

    /// Uploads local files first; with `startsImmediately == false` the job is created with
    /// `auto_start: false`, priced by Mistral (`metadata`), and started later with `startJob`.
    func createJob(_ request: ProviderJobRequest) async throws -> FineTuningJob {
        let training = try await FilesEndpointUpload.fileID(for: request.trainingData, parameter: "training_file", client: client)
        var validation: String?
        if let validationData = request.validationData {
            validation = try await FilesEndpointUpload.fileID(for: validationData, parameter: "validation_file", client: client)
        }
        let body = MistralRequestEncoding.create(request, trainingFile: training, validationFile: validation)
        return try MistralJobDecoding.job(await client.post("/fine_tuning/jobs", body: body))
    }

    /// `POST /fine_tuning/jobs/{id}/start`: starts a job created with `auto_start: false`.
    func startJob(id: String) async throws -> FineTuningJob {
        try MistralJobDecoding.job(await client.post("/fine_tuning/jobs/\(id)/start", body: nil))
    }

    func getJob(id: String) async throws -> FineTuningJob {
        try MistralJobDecoding.job(await detail(id))
    }

    /// Mistral pages by number: the cursor is the next page's number.
    func listJobs(_ page: PageRequest, filter: JobFilter) async throws -> Page<FineTuningJob> {
        let number = page.cursor.flatMap(Int.init) ?? 0
        var query = [URLQueryItem(name: "page", value: String(number))]
        if let limit = page.limit { query.append(URLQueryItem(name: "page_size", value: String(limit))) }
        let answer = try await client.get("/fine_tuning/jobs", query: query)
        let data = answer["data"]?.arrayValue ?? []
        let jobs = try data.map(MistralJobDecoding.job)
        let seen = (number + 1) * (page.limit ?? data.count)
        let more = !data.isEmpty && seen < Int(answer["total"]?.int64Value ?? 0)
        return Page(items: jobs.filter(filter.matches), nextCursor: more ? String(number + 1) : nil)
    }

    func cancelJob(id: String) async throws -> FineTuningJob {
        try MistralJobDecoding.job(await client.post("/fine_tuning/jobs/\(id)/cancel", body: nil, idempotent: true))
    }

    /// The job detail's events, and one metrics event per checkpoint; all on one page.
    func listEvents(jobID: String, page: PageRequest) async throws -> Page<JobEvent> {
        Page(items: MistralJobDecoding.events(try await detail(jobID)), nextCursor: nil)
    }

    /// The job detail's checkpoints, on one page.
    func listCheckpoints(jobID: String, page: PageRequest) async throws -> Page<Checkpoint> {
        Page(items: MistralJobDecoding.checkpoints(try await detail(jobID)), nextCursor: nil)
    }

    private func detail(_ id: String) async throws -> JSONValue {
        try await client.get("/fine_tuning/jobs/\(id)")
    }
}
