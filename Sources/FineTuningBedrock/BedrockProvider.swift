import FineTuning
import FineTuningHTTP
import Foundation

/// Amazon Bedrock model customization (Claude 3 Haiku, Amazon Nova, Meta Llama): create, get, list
/// and stop jobs, local data staged to S3, the step-wise training metrics Bedrock writes to S3 read
/// as events. Every request is SigV4-signed by `SigningTransport`; only translation lives here.
struct BedrockProvider: FineTuningProvider {
    let settings: BedrockSettings
    let bedrock: BedrockClient
    let s3: S3Client
    var uploader: S3Uploader

    static let provider = "bedrock"

    var descriptor: ProviderDescriptor { Self.descriptor }

    /// Events are the step-wise metrics from S3; creating from a local file stages it in S3.
    static let descriptor = ProviderDescriptor(
        id: provider, displayName: "Amazon Bedrock model customization", capabilities: [.events, .fileUpload],
        hyperparameters: .bedrock, dataset: .bedrockClaude, pollInterval: .seconds(60),
        environment: BedrockSettings.environmentKeys, eventOrder: .oldestFirst)

    init(settings: BedrockSettings, transport: any HTTPTransport, credentials: AWSCredentialCache) {
        self.settings = settings
        let region = settings.region
        bedrock = BedrockClient(http: ProviderHTTPClient(
            provider: Self.provider, baseURL: settings.bedrockEndpoint,
            transport: SigningTransport(base: transport, signer: SigV4Signer(region: region, service: "bedrock"), credentials: credentials, provider: Self.provider),
            authorize: { HTTPHeaders() }, parseError: BedrockErrorParsing.parser))
        s3 = S3Client(
            endpoint: settings.s3Endpoint,
            transport: SigningTransport(base: transport, signer: SigV4Signer(region: region, service: "s3"), credentials: credentials, provider: Self.provider),
            provider: Self.provider)
        uploader = S3Uploader(client: s3)
    }

    // MARK: - Operations

    func createJob(_ request: ProviderJobRequest) async throws -> FineTuningJob {
        // Everything that can be refused locally is refused before any upload.
        guard let roleARN = request.options["role_arn"]?.stringValue ?? settings.roleARN else {
            throw FineTuningError(
                .configuration, "Bedrock needs a service role that can read the training data and write the output: pass --option role_arn=arn:aws:iam::ACCOUNT:role/NAME or set AWS_BEDROCK_ROLE_ARN",
                provider: Self.provider, parameter: "role_arn")
        }
        guard let outputText = request.options["output_uri"]?.stringValue ?? settings.outputURI else {
            throw FineTuningError(
                .configuration, "Bedrock writes the job's output (metrics, the model's artifacts) to S3: pass --option output_uri=s3://bucket/prefix or set AWS_BEDROCK_OUTPUT_S3_URI",
                provider: Self.provider, parameter: "output_uri")
        }
        let output = try S3Location(parsing: outputText, parameter: "output_uri", provider: Self.provider)
        let jobName = BedrockRequestEncoding.jobName(token: request.clientToken)
        let trainingURI = try await stage(request.trainingData, role: "training", under: output.appending("finetune-staging/\(jobName)"))
        let validationURI = try await request.validationData.asyncMap { try await stage($0, role: "validation", under: output.appending("finetune-staging/\(jobName)")) }
        let body = try BedrockRequestEncoding.body(
            request, roleARN: roleARN, trainingURI: trainingURI, validationURI: validationURI, outputURI: output.description, provider: Self.provider)
        // clientRequestToken makes the create idempotent on Bedrock's side, so a re-send is safe.
        let created = try await bedrock.post("/model-customization-jobs", body: body, idempotent: true)
        guard let arn = created["jobArn"]?.stringValue else {
            throw FineTuningError(.transport, "Bedrock answered the create without a jobArn: \(created.jsonText.prefix(200))", provider: Self.provider)
        }
        // The create answers only the ARN; the job as submitted is queued until the first get.
        return FineTuningJob(
            id: JobID(provider: Self.provider, native: jobName), baseModel: request.baseModel, status: .queued, providerStatus: "Submitted",
            hyperparameters: request.hyperparameters.applied, trainingData: trainingURI, validationData: validationURI,
            labels: request.labels, raw: .object(["jobArn": .string(arn), "jobName": .string(jobName)]))
    }

    func getJob(id: String) async throws -> FineTuningJob {
        try BedrockJobDecoding.job(try await bedrock.get(Self.jobPath(id)), provider: Self.provider)
    }

    func listJobs(_ page: PageRequest, filter: JobFilter) async throws -> Page<FineTuningJob> {
        var query = [URLQueryItem(name: "sortBy", value: "CreationTime"), URLQueryItem(name: "sortOrder", value: "Descending")]
        if let limit = page.limit { query.append(URLQueryItem(name: "maxResults", value: String(limit))) }
        if let cursor = page.cursor { query.append(URLQueryItem(name: "nextToken", value: cursor)) }
        // Bedrock filters by one state; several (or the finer normalized ones) are checked here.
        let states = Set(filter.statuses?.compactMap(BedrockStateMapping.state(for:)) ?? [])
        if states.count == 1, let state = states.first { query.append(URLQueryItem(name: "statusEquals", value: state)) }
        var result = try BedrockJobDecoding.page(try await bedrock.get("/model-customization-jobs", query: query), provider: Self.provider)
        result.items = result.items.filter(filter.matches)
        return result
    }

    func cancelJob(id: String) async throws -> FineTuningJob {
        _ = try await bedrock.post(Self.jobPath(id) + "/stop", body: nil, idempotent: true)
        return try await getJob(id: id)
    }

    /// The step-wise training loss Bedrock writes to S3, one event per step, once the file exists;
    /// after success, a last event with the custom model's ARN and the Provisioned Throughput step.
    func listEvents(jobID: String, page: PageRequest) async throws -> Page<JobEvent> {
        let job = try await getJob(id: jobID)
        var events = try await BedrockTrainingMetrics(s3: s3).events(of: job)
        if let model = job.tunedModel?.name {
            events.append(JobEvent(
                id: "model-ready", createdAt: job.finishedAt,
                message: "custom model \(model) is ready; Bedrock serves a custom model only through Provisioned Throughput: buy it (CreateProvisionedModelThroughput with modelId \(model)) and invoke the provisioned model's ARN"))
        }
        return Page.local(events, request: page, id: \.id)
    }

    // MARK: - Requests

    /// `/model-customization-jobs/{name}`; a job is addressed by its name, which the create chose.
    static func jobPath(_ id: String) throws -> String {
        guard !id.isEmpty, id.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || "-+.".contains($0) }) else {
            throw FineTuningError(
                .invalidRequest, "job id '\(id)' is not a Bedrock model customization job name (letters, digits, '-', '+', '.')",
                provider: provider, parameter: "job_id")
        }
        return "/model-customization-jobs/\(id)"
    }

    /// An `s3://` URI passes through; a local file is uploaded under `folder` first.
    private func stage(_ data: DataReference, role: String, under folder: S3Location) async throws -> String {
        if let path = data.localPath {
            return try await uploader.upload(path: path, to: folder.appending("\(role)-" + URL(fileURLWithPath: path).lastPathComponent))
        }
        // Bedrock reads data only from S3: anything else (a file id, a gs:// URI) is refused here.
        _ = try S3Location(parsing: data.description, parameter: "\(role)_file", provider: Self.provider)
        return data.description
    }
}

extension Optional {
    /// `map` with an async transform.
    fileprivate func asyncMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped) async rethrows -> Mapped? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
