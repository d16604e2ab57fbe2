import FineTuning
import FineTuningHTTP
import Foundation
import Testing
@testable import FineTuningOpenAI

@Suite struct OpenAIStyleProviderTests {
    static let environments: [String: [String: String]] = [
        "openai": ["OPENAI_API_KEY": "sk-test"],
        "azure": ["AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com", "AZURE_OPENAI_API_KEY": "key"],
    ]

    private func provider(_ steps: [ScriptedTransport.Step], flavor: OpenAIFlavor = .openAI) throws -> (OpenAIStyleProvider, ScriptedTransport) {
        let transport = ScriptedTransport(steps)
        let provider = try OpenAIStyleProvider(
            flavor: flavor, environment: Self.environments[flavor.id] ?? [:], transport: transport,
            backoff: RetryBackoff(clock: ImmediateClock()))
        return (provider, transport)
    }

    private func request(_ training: DataReference = .providerFile(id: "file-abc"), method: TuningMethod = .supervised, token: String = "tok-1") throws -> ProviderJobRequest {
        ProviderJobRequest(
            baseModel: "gpt-4o-mini-2024-07-18", trainingData: training,
            hyperparameters: try HyperparameterTable.openAI.translate(Hyperparameters(epochs: 3, seed: 7)),
            method: method, suffix: "custom", labels: ["team": "nlp"], clientToken: token)
    }

    private func body(_ request: HTTPRequest) throws -> JSONValue {
        guard case .data(let data) = request.body else { throw FineTuningError(.transport, "request has no JSON body") }
        return try JSONValue(parsing: data)
    }

    // MARK: create

    @Test func createSendsMethodSeedAndMetadata() async throws {
        let (provider, transport) = try provider([.json("POST", "/v1/fine_tuning/jobs", OpenAIFixtures.job(status: "validating_files"))])
        let job = try await provider.createJob(request())
        #expect(job.status == .validating)
        #expect(job.id.description == "openai:ftjob-abc")
        let sent = try body(transport.requests[0])
        #expect(sent["model"] == "gpt-4o-mini-2024-07-18")
        #expect(sent["training_file"] == "file-abc")
        #expect(sent["suffix"] == "custom")
        #expect(sent["seed"] == 7)
        #expect(sent["hyperparameters"] == nil)
        #expect(sent["method"] == ["type": "supervised", "supervised": ["hyperparameters": ["n_epochs": 3]]])
        #expect(sent["metadata"] == ["team": "nlp", "finetune-client-token": "tok-1"])
        #expect(transport.requests[0].headers["Authorization"] == "Bearer sk-test")
        #expect(transport.requests[0].isIdempotent == false)
    }

    static let ambiguousCreateFailures: [ScriptedTransport.Step] = [
        .connectionReset("POST", "/v1/fine_tuning/jobs"),
        .json("POST", "/v1/fine_tuning/jobs", status: 503, "{\"error\":{\"message\":\"The server is overloaded or not ready yet.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"),
    ]

    @Test(arguments: ambiguousCreateFailures)
    func createThatFailedAfterReachingTheServerFindsTheJobInsteadOfResending(failure: ScriptedTransport.Step) async throws {
        let lookup = "/v1/fine_tuning/jobs?limit=10&metadata%5Bfinetune-client-token%5D=tok-1"
        let (provider, transport) = try provider([
            failure,
            .json("GET", lookup, OpenAIFixtures.list([OpenAIFixtures.job(id: "ftjob-made", status: "validating_files")], hasMore: false)),
        ])
        let job = try await provider.createJob(request())
        #expect(job.id.native == "ftjob-made")
        #expect(transport.requests.filter { $0.method == .post }.count == 1)
        #expect(transport.remainingSteps == 0)
    }

    @Test func createAfterA503WithNoJobMadeIsSentAgainOnce() async throws {
        let lookup = "/v1/fine_tuning/jobs?limit=10&metadata%5Bfinetune-client-token%5D=tok-1"
        let (provider, transport) = try provider([
            .json("POST", "/v1/fine_tuning/jobs", status: 503, "{\"error\":{\"message\":\"The server is overloaded\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"),
            .json("GET", lookup, OpenAIFixtures.list([], hasMore: false)),
            .json("POST", "/v1/fine_tuning/jobs", OpenAIFixtures.job(id: "ftjob-second", status: "queued")),
        ])
        let job = try await provider.createJob(request())
        #expect(job.id.native == "ftjob-second")
        #expect(transport.requests.filter { $0.method == .post }.count == 2)
    }

    @Test func lookupIgnoresJobsOfOtherTokensWhenTheServerIgnoresTheFilter() async throws {
        let lookup = "/v1/fine_tuning/jobs?limit=10&metadata%5Bfinetune-client-token%5D=tok-1"
        let (provider, transport) = try provider([
            .connectionReset("POST", "/v1/fine_tuning/jobs"),
            .json("GET", lookup, OpenAIFixtures.list([OpenAIFixtures.job(id: "ftjob-other", status: "running", metadata: "{\"finetune-client-token\":\"tok-0\"}")], hasMore: true)),
            .json("POST", "/v1/fine_tuning/jobs", OpenAIFixtures.job(id: "ftjob-mine", status: "queued")),
        ])
        #expect(try await provider.createJob(request()).id.native == "ftjob-mine")
        #expect(transport.remainingSteps == 0)
    }

    @Test func quotaOnCreateIsNotRetried() async throws {
        let (provider, transport) = try provider([
            .json("POST", "/v1/fine_tuning/jobs", status: 429, "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}"),
        ])
        let error = try await #require(throws: FineTuningError.self) { try await provider.createJob(request()) }
        #expect(error.code == .quotaExceeded)
        #expect(transport.requests.count == 1)
    }

    @Test func azureClassicSendsCreateOnceWithTopLevelHyperparameters() async throws {
        let (provider, transport) = try provider([
            .json("POST", "/openai/fine_tuning/jobs?api-version=2024-10-21", status: 503, "{\"error\":{\"code\":\"serviceUnavailable\",\"message\":\"Service unavailable\"}}"),
        ], flavor: .azure)
        var request = try request()
        request.labels = [:]
        let error = try await #require(throws: FineTuningError.self) { try await provider.createJob(request) }
        #expect(error.code == .providerUnavailable)
        #expect(transport.requests.count == 1)
        let sent = try body(transport.requests[0])
        #expect(sent["hyperparameters"] == ["n_epochs": 3])
        #expect(sent["method"] == nil)
        #expect(sent["metadata"] == nil)
        #expect(transport.requests[0].headers["api-key"] == "key")
    }

    @Test func azureClassicRefusesLabelsAndDPO() async throws {
        let (provider, _) = try provider([], flavor: .azure)
        let labelled = try await #require(throws: FineTuningError.self) { try await provider.createJob(request()) }
        #expect(labelled.parameter == "labels")
        var dpo = try request(method: .dpo)
        dpo.labels = [:]
        let method = try await #require(throws: FineTuningError.self) { try await provider.createJob(dpo) }
        #expect(method.code == .unsupported)
        #expect(method.parameter == "method")
    }

    @Test func suffixLongerThanTheFlavorAllowsIsRefusedBeforeAnyUpload() async throws {
        let (provider, transport) = try provider([])
        var request = try request(.localFile(path: "/data/train.jsonl"))
        request.suffix = String(repeating: "s", count: 65)
        let error = try await #require(throws: FineTuningError.self) { try await provider.createJob(request) }
        #expect(error.parameter == "suffix")
        #expect(transport.requests.isEmpty)
    }

    // MARK: upload

    @Test func localFilesAreUploadedAsMultipartBeforeTheCreate() async throws {
        let (provider, transport) = try provider([
            .json("POST", "/v1/files", "{\"object\":\"file\",\"id\":\"file-up1\",\"purpose\":\"fine-tune\",\"filename\":\"train.jsonl\",\"bytes\":1024,\"created_at\":1721764800,\"status\":\"processed\",\"status_details\":null}"),
            .json("POST", "/v1/fine_tuning/jobs", OpenAIFixtures.job(status: "validating_files")),
        ])
        _ = try await provider.createJob(request(.localFile(path: "/data/train.jsonl")))
        let upload = transport.requests[0]
        #expect(upload.body == .multipart(MultipartForm(parts: [
            .field(name: "purpose", value: "fine-tune"),
            .file(name: "file", path: "/data/train.jsonl", filename: "train.jsonl", contentType: "application/jsonl"),
        ])))
        #expect(upload.headers["Content-Type"] == nil, "the transport writes the multipart content type with its boundary")
        #expect(try body(transport.requests[1])["training_file"] == "file-up1")
    }

    @Test func localValidationFileIsUploadedToo() async throws {
        let file = { (id: String) in "{\"object\":\"file\",\"id\":\"\(id)\",\"purpose\":\"fine-tune\",\"filename\":\"f.jsonl\",\"bytes\":10,\"created_at\":1721764800,\"status\":\"processed\",\"status_details\":null}" }
        let (provider, transport) = try provider([
            .json("POST", "/v1/files", file("file-train")),
            .json("POST", "/v1/files", file("file-valid")),
            .json("POST", "/v1/fine_tuning/jobs", OpenAIFixtures.job(status: "validating_files")),
        ])
        var request = try request(.localFile(path: "/data/train.jsonl"))
        request.validationData = .localFile(path: "/data/valid.jsonl")
        _ = try await provider.createJob(request)
        let sent = try body(transport.requests[2])
        #expect(sent["training_file"] == "file-train")
        #expect(sent["validation_file"] == "file-valid")
    }

    // MARK: get, list, cancel, pause

    @Test func listFollowsCursorsUntilHasMoreIsFalse() async throws {
        let firstPage = ScriptedTransport.Step.json("GET", "/v1/fine_tuning/jobs?limit=2", OpenAIFixtures.list([OpenAIFixtures.job(id: "ftjob-3", status: "running"), OpenAIFixtures.job(id: "ftjob-2", status: "queued")], hasMore: true))
        let (provider, transport) = try provider([
            firstPage, firstPage,
            .json("GET", "/v1/fine_tuning/jobs?after=ftjob-2&limit=2", OpenAIFixtures.list([OpenAIFixtures.job(id: "ftjob-1", status: "succeeded")], hasMore: false)),
        ])
        let first = try await provider.listJobs(PageRequest(limit: 2), filter: JobFilter())
        #expect(first.nextCursor == "ftjob-2")
        let all = try await PagedSequence(first: PageRequest(limit: 2)) { try await provider.listJobs($0, filter: JobFilter()) }.collect()
        #expect(all.map(\.id.native) == ["ftjob-3", "ftjob-2", "ftjob-1"])
        #expect(transport.requests.count == 3)
    }

    @Test func listFiltersByStatusAndLabels() async throws {
        let (provider, _) = try provider([
            .json("GET", "/v1/fine_tuning/jobs?metadata%5Bteam%5D=nlp", OpenAIFixtures.list([
                OpenAIFixtures.job(id: "ftjob-a", status: "running", metadata: "{\"team\":\"nlp\"}"),
                OpenAIFixtures.job(id: "ftjob-b", status: "succeeded", metadata: "{\"team\":\"nlp\"}"),
                OpenAIFixtures.job(id: "ftjob-c", status: "running", metadata: "{\"team\":\"cv\"}"),
            ], hasMore: false)),
        ])
        let page = try await provider.listJobs(PageRequest(), filter: JobFilter(statuses: [.running], labels: ["team": "nlp"]))
        #expect(page.items.map(\.id.native) == ["ftjob-a"])
        #expect(page.nextCursor == nil)
    }

    @Test func cancelIsAnIdempotentPost() async throws {
        let (provider, transport) = try provider([.json("POST", "/v1/fine_tuning/jobs/ftjob-abc/cancel", OpenAIFixtures.job(status: "cancelled"))])
        #expect(try await provider.cancelJob(id: "ftjob-abc").status == .cancelled)
        #expect(transport.requests[0].isIdempotent)
    }

    @Test func pauseAndResume() async throws {
        let (provider, _) = try provider([
            .json("POST", "/v1/fine_tuning/jobs/ftjob-abc/pause", OpenAIFixtures.job(status: "paused")),
            .json("POST", "/v1/fine_tuning/jobs/ftjob-abc/resume", OpenAIFixtures.job(status: "running")),
        ])
        #expect(try await provider.pauseJob(id: "ftjob-abc").status == .paused)
        #expect(try await provider.resumeJob(id: "ftjob-abc").status == .running)
        let (azure, transport) = try self.provider([], flavor: .azure)
        let error = try await #require(throws: FineTuningError.self) { try await azure.pauseJob(id: "ftjob-abc") }
        #expect(error.code == .unsupported)
        #expect(transport.requests.isEmpty)
    }

    @Test func getOnAzureCarriesTheAPIVersion() async throws {
        let (provider, _) = try provider([.json("GET", "/openai/fine_tuning/jobs/ftjob-72a2792ef7d24ba7b82c7fe4a37e379f?api-version=2024-10-21", OpenAIFixtures.azureCreated)], flavor: .azure)
        let job = try await provider.getJob(id: "ftjob-72a2792ef7d24ba7b82c7fe4a37e379f")
        #expect(job.id.provider == "azure")
    }

    // MARK: events, checkpoints

    @Test func metricsEventsBecomeTrainingMetrics() async throws {
        let (provider, _) = try provider([
            .json("GET", "/v1/fine_tuning/jobs/ftjob-abc/events?limit=2", """
                {"object":"list","data":[
                 {"object":"fine_tuning.job.event","id":"ftevent-2","created_at":1721766000,"level":"info","message":"Step 100/100: training loss=0.12","data":{"step":100,"train_loss":0.12,"total_steps":100,"train_mean_token_accuracy":0.97},"type":"metrics"},
                 {"object":"fine_tuning.job.event","id":"ftevent-1","created_at":1721765000,"level":"warn","message":"File has fewer examples than recommended","data":{},"type":"message"}
                ],"has_more":true}
                """),
        ])
        let page = try await provider.listEvents(jobID: "ftjob-abc", page: PageRequest(limit: 2))
        #expect(page.nextCursor == "ftevent-1")
        #expect(page.items[0].metrics == TrainingMetrics(step: 100, totalSteps: 100, trainLoss: 0.12, trainAccuracy: 0.97))
        #expect(page.items[1].level == .warning)
        #expect(page.items[1].metrics == nil)
    }

    @Test func checkpointsCarryModelStepAndMetrics() async throws {
        let (provider, _) = try provider([
            .json("GET", "/v1/fine_tuning/jobs/ftjob-abc/checkpoints", """
                {"object":"list","data":[{"object":"fine_tuning.job.checkpoint","id":"ftckpt_zc4Q7MP6XxulcVzj4MZdwsAB","created_at":1721764867,
                 "fine_tuned_model_checkpoint":"ft:gpt-4o-mini-2024-07-18:org:custom:9xYz:ckpt-step-1000","fine_tuning_job_id":"ftjob-abc",
                 "metrics":{"step":1000,"train_loss":0.1,"train_mean_token_accuracy":0.9,"valid_loss":0.2,"valid_mean_token_accuracy":0.8,"full_valid_loss":0.25,"full_valid_mean_token_accuracy":0.85},
                 "step_number":1000}],"first_id":"ftckpt_zc4Q7MP6XxulcVzj4MZdwsAB","last_id":"ftckpt_zc4Q7MP6XxulcVzj4MZdwsAB","has_more":false}
                """),
        ])
        let page = try await provider.listCheckpoints(jobID: "ftjob-abc", page: PageRequest())
        let checkpoint = try #require(page.items.first)
        #expect(checkpoint.step == 1000)
        #expect(checkpoint.model == "ft:gpt-4o-mini-2024-07-18:org:custom:9xYz:ckpt-step-1000")
        #expect(checkpoint.metrics?.validLoss == 0.25)
        #expect(checkpoint.metrics?.validAccuracy == 0.85)
        #expect(page.nextCursor == nil)
    }
}
