import FineTuningPluginKit  // also brings FineTuning and FineTuningHTTP

/// __NAME__'s provider. It answers from a table of jobs in memory, so its first conformance run
/// passes with no service behind it (fixtures/target.json declares "transport": "none"). Replace
/// the table with calls to your API over `transport`, the host's (retries, redaction and HAR
/// recording come with it; `ProviderHTTPClient` helps, see finetune's Plugins/MistralPlugin), then
/// record HAR fixtures for the HTTP scenarios (finetune's Plugins/README.md and Conformance/README.md).
struct Provider: FineTuningProvider {
    static let descriptor = ProviderDescriptor(
        id: "__NAME__", displayName: "__NAME__", capabilities: [],
        hyperparameters: HyperparameterTable(provider: "__NAME__", api: "__NAME__ API", rules: [
            .native(.epochs, "epochs", .integer, minimum: 1, maximum: 50),
        ]),
        dataset: DatasetRequirements(format: .openAIChat))

    /// The jobs the fixtures name; listJobs lists the first three.
    static let jobs: [(id: String, status: JobStatus)] = [
        ("job-run", .running), ("job-done", .succeeded), ("job-failed", .failed), ("job-cancelled", .cancelled), ("job-cancel", .running),
    ]
    static let listedJobs = 3

    var descriptor: ProviderDescriptor { Self.descriptor }

    init(environment: [String: String], transport: any HTTPTransport) {}

    func createJob(_ request: ProviderJobRequest) async throws -> FineTuningJob {
        job("job-new", .queued)
    }

    func getJob(id: String) async throws -> FineTuningJob {
        let row = try find(id)
        return job(row.id, row.status)
    }

    /// Pages over the first `listedJobs` jobs; the cursor is the index of the next one.
    func listJobs(_ page: PageRequest, filter: JobFilter) async throws -> Page<FineTuningJob> {
        let start = min(page.cursor.flatMap { Int($0) } ?? 0, Self.listedJobs)
        let end = min(start + max(page.limit ?? Self.listedJobs, 1), Self.listedJobs)
        let items = Self.jobs[start..<end].map { job($0.id, $0.status) }.filter(filter.matches)
        return Page(items: items, nextCursor: end < Self.listedJobs ? String(end) : nil)
    }

    func cancelJob(id: String) async throws -> FineTuningJob {
        job(try find(id).id, .cancelled)
    }

    private func find(_ id: String) throws -> (id: String, status: JobStatus) {
        guard let row = Self.jobs.first(where: { $0.id == id }) else {
            throw FineTuningError(.notFound, "no such job", provider: descriptor.id)
        }
        return row
    }

    /// A job of the table: a succeeded job names its tuned model, a failed one its error.
    private func job(_ id: String, _ status: JobStatus) -> FineTuningJob {
        FineTuningJob(
            id: JobID(provider: descriptor.id, native: id), baseModel: "__NAME__-small", status: status, providerStatus: status.name,
            tunedModel: status == .succeeded ? TunedModel(name: "__NAME__-small:ft-\(id)") : nil,
            error: status == .failed ? JobError(message: "training data rejected") : nil)
    }
}
