import FineTuning
import FineTuningHTTP
import Foundation

/// Vertex AI tuning jobs for one flavor (Gemini on v1, open models on v1beta1). Only translation
/// lives here; requests, error mapping and idempotent create come from FineTuningHTTP.
struct VertexTuningProvider: FineTuningProvider {
    let flavor: VertexFlavor
    let settings: VertexSettings
    let transport: any HTTPTransport
    let credentials: AccessTokenCache
    /// The project billed for API calls when the credentials name one (`x-goog-user-project`).
    let quotaProject: String?
    let backoff: RetryBackoff

    var descriptor: ProviderDescriptor { flavor.descriptor }

    init(flavor: VertexFlavor, settings: VertexSettings, transport: any HTTPTransport, credentials: any GoogleCredentialSource, backoff: RetryBackoff = RetryBackoff()) {
        self.flavor = flavor
        self.settings = settings
        self.transport = transport
        self.credentials = AccessTokenCache(source: credentials)
        quotaProject = credentials.quotaProjectID
        self.backoff = backoff
    }

    // MARK: - Operations

    func createJob(_ request: ProviderJobRequest) async throws -> FineTuningJob {
        // Everything that can be refused locally is refused before any upload or request.
        try VertexModelCatalog.check(request.baseModel, family: flavor.family, provider: flavor.id)
        try VertexRequestEncoding.check(request, flavor: flavor)
        let project = request.options["project"]?.stringValue ?? settings.project
        let location = try request.options["location"]?.stringValue.map { try VertexSettings.checkedLocation($0, provider: flavor.id) } ?? settings.location
        let token = VertexRequestEncoding.labelValue(request.clientToken)
        let output = try outputURI(request, token: token)
        let trainingURI = try await stage(request.trainingData, role: "training", token: token)
        let validationURI = try await request.validationData.asyncMap { try await stage($0, role: "validation", token: token) }
        let body = try VertexRequestEncoding.body(request, flavor: flavor, trainingURI: trainingURI, validationURI: validationURI, outputURI: output)

        let api = client(location: location)
        let collection = "/\(flavor.apiVersion)/projects/\(project)/locations/\(location)/tuningJobs"
        let provider = flavor.id
        let tokenFilter = Self.labelFilter([ProviderJobRequest.clientTokenLabel: token])
        return try await IdempotentCreate.run(
            backoff: backoff,
            create: { try VertexJobDecoding.job(try await api.post(collection, body: body), provider: provider) },
            lookup: {
                let found = try await api.get(collection, query: [URLQueryItem(name: "filter", value: tokenFilter)])
                return try VertexJobDecoding.page(found, provider: provider).items.first
            })
    }

    func getJob(id: String) async throws -> FineTuningJob {
        let name = try resourceName(id)
        return try VertexJobDecoding.job(try await client(forJob: name).get("/\(flavor.apiVersion)/\(name)"), provider: flavor.id)
    }

    func listJobs(_ page: PageRequest, filter: JobFilter) async throws -> Page<FineTuningJob> {
        var query: [URLQueryItem] = []
        if let limit = page.limit { query.append(URLQueryItem(name: "pageSize", value: String(limit))) }
        if let cursor = page.cursor { query.append(URLQueryItem(name: "pageToken", value: cursor)) }
        if let expression = Self.filterExpression(filter) { query.append(URLQueryItem(name: "filter", value: expression)) }
        let path = "/\(flavor.apiVersion)/projects/\(settings.project)/locations/\(settings.location)/tuningJobs"
        var result = try VertexJobDecoding.page(try await client(location: settings.location).get(path, query: query), provider: flavor.id)
        // Vertex filters by state; the finer normalized statuses (validating) are checked here.
        result.items = result.items.filter(filter.matches)
        return result
    }

    func cancelJob(id: String) async throws -> FineTuningJob {
        let name = try resourceName(id)
        _ = try await client(forJob: name).post("/\(flavor.apiVersion)/\(name):cancel", body: .object([:]), idempotent: true)
        return try await getJob(id: name)
    }

    /// Vertex has no checkpoints endpoint: they are read from the job's `tunedModel.checkpoints`.
    func listCheckpoints(jobID: String, page: PageRequest) async throws -> Page<Checkpoint> {
        LocalPaging.page(VertexJobDecoding.checkpoints(of: try await getJob(id: jobID)), request: page, id: \.id)
    }

    // MARK: - Requests

    /// A client for the API host of `location`.
    func client(location: String) -> ProviderHTTPClient {
        client(baseURL: settings.baseURL(location: location))
    }

    func client(baseURL: URL) -> ProviderHTTPClient {
        let credentials = self.credentials
        let quotaProject = self.quotaProject
        return ProviderHTTPClient(
            provider: flavor.id, baseURL: baseURL, transport: transport,
            authorize: {
                var headers: HTTPHeaders = ["Authorization": "Bearer " + (try await credentials.token().value)]
                if let quotaProject { headers["x-goog-user-project"] = quotaProject }
                return headers
            },
            parseError: VertexErrorParsing.parser)
    }

    /// A client for the host of the location a job name contains.
    private func client(forJob name: String) -> ProviderHTTPClient {
        let parts = name.split(separator: "/")
        return client(location: parts.count > 3 ? String(parts[3]) : settings.location)
    }

    /// The full resource name for a job id: `projects/P/locations/L/tuningJobs/N`, or a bare `N`
    /// in the configured project and location.
    func resourceName(_ id: String) throws -> String {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 6, parts[0] == "projects", parts[2] == "locations", parts[4] == "tuningJobs", !parts.contains(where: \.isEmpty) {
            return id
        }
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw FineTuningError(
                .invalidRequest, "job id '\(id)' is not a Vertex tuning job (projects/PROJECT/locations/LOCATION/tuningJobs/NUMBER or NUMBER)",
                provider: flavor.id, parameter: "job_id")
        }
        return "projects/\(settings.project)/locations/\(settings.location)/tuningJobs/\(id)"
    }

    /// The `filter` of a list: states (`state="JOB_STATE_RUNNING"`) and labels (`labels.key="value"`).
    static func filterExpression(_ filter: JobFilter) -> String? {
        var clauses: [String] = []
        if let statuses = filter.statuses {
            let states = Set(statuses.flatMap(VertexStateMapping.states(for:))).sorted().map { "state=\"\($0)\"" }
            if !states.isEmpty { clauses.append(states.count == 1 ? states[0] : "(" + states.joined(separator: " OR ") + ")") }
        }
        if let labels = labelFilter(filter.labels) { clauses.append(labels) }
        return clauses.isEmpty ? nil : clauses.joined(separator: " AND ")
    }

    static func labelFilter(_ labels: [String: String]) -> String? {
        labels.isEmpty ? nil : labels.sorted { $0.key < $1.key }.map { "labels.\($0.key)=\"\($0.value)\"" }.joined(separator: " AND ")
    }

    // MARK: - Data staging

    /// A `gs://` URI or a Vertex dataset resource name passes through; a local file is uploaded
    /// under the staging bucket first.
    private func stage(_ data: DataReference, role: String, token: String) async throws -> String {
        switch data {
        case .uri(let uri) where uri.hasPrefix("gs://"):
            return uri
        case .resourceName(let name) where name.hasPrefix("projects/"):
            return name
        case .uri, .resourceName, .providerFile:
            throw FineTuningError(
                .invalidRequest, "\(role) data '\(data)' is not a gs:// URI or a Vertex dataset; give a gs:// URI or a local file",
                provider: flavor.id, parameter: "\(role)_file")
        case .localFile(let path):
            guard let bucket = settings.stagingBucket else {
                throw FineTuningError(
                    .configuration, "\(path) is a local file and Vertex AI reads training data only from Cloud Storage: set VERTEX_AI_STAGING_BUCKET to a bucket (gs://bucket/prefix) to upload it to, or pass a gs:// URI",
                    provider: flavor.id, parameter: "VERTEX_AI_STAGING_BUCKET")
            }
            let object = bucket.object("finetune-staging/\(token)/\(role)-" + URL(fileURLWithPath: path).lastPathComponent)
            return try await CloudStorageUploader(client: client(baseURL: settings.storageBaseURL)).upload(path: path, bucket: bucket.bucket, object: object)
        }
    }

    /// Open models need `outputUri`: the `output_uri` option, else a folder under the staging bucket.
    private func outputURI(_ request: ProviderJobRequest, token: String) throws -> String? {
        guard flavor.family == .openModels else { return nil }
        if let given = request.options["output_uri"]?.stringValue ?? request.hyperparameters.native["outputUri"]?.stringValue { return given }
        guard let bucket = settings.stagingBucket else {
            throw FineTuningError(
                .configuration, "open-model tuning writes its output to Cloud Storage: set VERTEX_AI_STAGING_BUCKET or pass the option output_uri=gs://bucket/path",
                provider: flavor.id, parameter: "output_uri")
        }
        return bucket.uri("finetune-output/\(token)")
    }
}

extension Optional {
    /// `map` with an async transform.
    fileprivate func asyncMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped) async rethrows -> Mapped? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
