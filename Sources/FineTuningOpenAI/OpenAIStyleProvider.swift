import FineTuning
import FineTuningHTTP
import Foundation

/// The fine-tuning provider for every API that speaks OpenAI's fine-tuning protocol: OpenAI,
/// Azure OpenAI and compatible servers. The differences live in `OpenAIFlavor` (as data) and
/// `OpenAIConfiguration` (from the environment); this type only routes operations.
struct OpenAIStyleProvider: FineTuningProvider {
    let flavor: OpenAIFlavor
    let configuration: OpenAIConfiguration
    let client: ProviderHTTPClient
    /// The waits between create attempts after an ambiguous failure.
    let backoff: RetryBackoff

    init(flavor: OpenAIFlavor, environment: [String: String], transport: any HTTPTransport, backoff: RetryBackoff = RetryBackoff()) throws {
        let configuration = try OpenAIConfiguration(flavor: flavor, environment: environment)
        self.flavor = flavor
        self.configuration = configuration
        self.backoff = backoff
        self.client = ProviderHTTPClient(
            provider: flavor.id, baseURL: configuration.baseURL, transport: transport, commonQuery: configuration.commonQuery,
            authorize: { configuration.headers }, parseError: OpenAIErrorParsing.parse)
    }

    var descriptor: ProviderDescriptor { flavor.descriptor }

    /// Checks the request, uploads local files, then creates the job. Where jobs carry metadata,
    /// the create is made idempotent: after an ambiguous failure the job is looked up by the
    /// request's client token before the create is re-sent. Without metadata (Azure classic) it is
    /// sent exactly once.
    func createJob(_ request: ProviderJobRequest) async throws -> FineTuningJob {
        var fields = try OpenAIRequestEncoding.createBody(request, flavor: flavor, sendsMethod: configuration.sendsMethod)
        fields["training_file"] = .string(try await FilesEndpointUpload.fileID(for: request.trainingData, parameter: "training_file", client: client))
        if let validation = request.validationData {
            fields["validation_file"] = .string(try await FilesEndpointUpload.fileID(for: validation, parameter: "validation_file", client: client))
        }
        let body = JSONValue.object(fields)
        let create: @Sendable () async throws -> FineTuningJob = {
            try job(await client.post("fine_tuning/jobs", body: body))
        }
        guard flavor.supportsMetadata else {
            // No metadata, so no token to look the job up by: never re-sent, and a lost answer says so.
            do {
                return try await create()
            } catch var error as FineTuningError where IdempotentCreate.isAmbiguous(error) {
                error.details.append(IdempotentCreate.mayHaveBeenCreated(provider: flavor.id))
                throw error
            }
        }
        return try await IdempotentCreate.run(
            backoff: backoff, create: create, lookup: { try await job(clientToken: request.clientToken) })
    }

    func getJob(id: String) async throws -> FineTuningJob {
        try job(await client.get(jobPath(id)))
    }

    /// One page of jobs. Label filters are sent as `metadata[key]=value` where jobs carry
    /// metadata, and every filter is also applied to the page (servers that ignore a filter
    /// cannot widen the result).
    func listJobs(_ page: PageRequest, filter: JobFilter) async throws -> Page<FineTuningJob> {
        var query = pageQuery(page)
        if flavor.supportsMetadata {
            query += filter.labels.sorted { $0.key < $1.key }.map { URLQueryItem(name: "metadata[\($0.key)]", value: $0.value) }
        }
        var result = try OpenAIListDecoding.page(await client.get("fine_tuning/jobs", query: query), provider: flavor.id, item: job)
        result.items = result.items.filter(filter.matches)
        return result
    }

    func cancelJob(id: String) async throws -> FineTuningJob {
        try job(await client.post(jobPath(id) + "/cancel", body: nil, idempotent: true))
    }

    func pauseJob(id: String) async throws -> FineTuningJob {
        try require(.pauseResume)
        return try job(await client.post(jobPath(id) + "/pause", body: nil, idempotent: true))
    }

    func resumeJob(id: String) async throws -> FineTuningJob {
        try require(.pauseResume)
        return try job(await client.post(jobPath(id) + "/resume", body: nil, idempotent: true))
    }

    func listEvents(jobID: String, page: PageRequest) async throws -> Page<JobEvent> {
        try require(.events)
        let json = try await client.get(jobPath(jobID) + "/events", query: pageQuery(page))
        return try OpenAIListDecoding.page(json, provider: flavor.id) { try OpenAIEventDecoding.event($0, provider: flavor.id) }
    }

    func listCheckpoints(jobID: String, page: PageRequest) async throws -> Page<Checkpoint> {
        try require(.checkpoints)
        let json = try await client.get(jobPath(jobID) + "/checkpoints", query: pageQuery(page))
        return try OpenAIListDecoding.page(json, provider: flavor.id) { try OpenAICheckpointDecoding.checkpoint($0, provider: flavor.id) }
    }

    // MARK: - Helpers

    private func job(_ json: JSONValue) throws -> FineTuningJob {
        try OpenAIJobDecoding.job(json, provider: flavor.id)
    }

    /// How many of the newest jobs the token lookup reads: the job it looks for was made moments
    /// ago, and a server that ignores the metadata filter still has it among the newest.
    static let lookupWindow = 10

    /// The job an earlier create attempt made with `clientToken`, if any.
    private func job(clientToken: String) async throws -> FineTuningJob? {
        let label = ProviderJobRequest.clientTokenLabel
        let page = try await listJobs(PageRequest(limit: Self.lookupWindow), filter: JobFilter(labels: [label: clientToken]))
        return page.items.first
    }

    private func jobPath(_ id: String) throws -> String {
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))
        guard !id.isEmpty, let escaped = id.addingPercentEncoding(withAllowedCharacters: allowed) else {
            throw FineTuningError(.invalidRequest, "job id must not be empty", provider: flavor.id, parameter: "job_id")
        }
        return "fine_tuning/jobs/" + escaped
    }

    private func pageQuery(_ page: PageRequest) -> [URLQueryItem] {
        var query: [URLQueryItem] = []
        if let cursor = page.cursor { query.append(URLQueryItem(name: "after", value: cursor)) }
        if let limit = page.limit { query.append(URLQueryItem(name: "limit", value: String(limit))) }
        return query
    }

    private func require(_ capability: ProviderCapability) throws {
        guard flavor.capabilities.contains(capability) else { throw FineTuningError.unsupported(capability, provider: flavor.id) }
    }
}
