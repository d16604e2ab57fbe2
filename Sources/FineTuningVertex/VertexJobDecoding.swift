import FineTuning
import Foundation

/// A Vertex `TuningJob` (v1 or v1beta1) to the normalized job. Vertex writes int64 fields as
/// strings and omits empty fields, so every number is read with `int64Value` / `doubleValue` and
/// every field is optional. The response is kept unchanged in `raw`.
enum VertexJobDecoding {
    static func job(_ json: JSONValue, provider: String) throws -> FineTuningJob {
        guard json.objectValue != nil, let name = json["name"]?.stringValue, !name.isEmpty else {
            throw FineTuningError(
                .transport, "\(provider) answered with something that is not a TuningJob (no 'name'): \(json.jsonText.prefix(200))",
                provider: provider)
        }
        let state = json["state"]?.stringValue
        let spec = json["supervisedTuningSpec"] ?? json["preferenceOptimizationSpec"]
        let hyperParameters = spec?["hyperParameters"]
        return FineTuningJob(
            id: JobID(provider: provider, native: name),
            baseModel: json["baseModel"]?.stringValue ?? json["preTunedModel"]?["tunedModelName"]?.stringValue ?? "",
            status: VertexStateMapping.status(state: state, tuningJobState: json["tuningJobState"]?.stringValue),
            providerStatus: state ?? "",
            tunedModel: tunedModel(json),
            createdAt: date(json["createTime"]),
            startedAt: date(json["startTime"]),
            finishedAt: date(json["endTime"]),
            hyperparameters: hyperparameters(hyperParameters, tuningMode: spec?["tuningMode"]),
            trainingData: spec?["trainingDatasetUri"]?.stringValue,
            validationData: spec?["validationDatasetUri"]?.stringValue,
            error: VertexErrorParsing.jobError(json["error"]),
            progress: progress(json, hyperParameters: hyperParameters),
            labels: (json["labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue),
            raw: json)
            .with(estimatedFinish: nil, dataStatistics: dataStatistics(json["tuningDataStats"]))
    }

    /// `tuningDataStats.supervisedTuningDataStats` (int64 as strings); the token count is the sum
    /// of the input and output token distributions.
    static func dataStatistics(_ json: JSONValue?) -> JobDataStatistics? {
        guard let stats = json?["supervisedTuningDataStats"] ?? json?["preferenceOptimizationDataStats"] else { return nil }
        let sums = [stats["userInputTokenDistribution"]?["sum"], stats["userOutputTokenDistribution"]?["sum"]].compactMap { $0?.int64Value }
        return JobDataStatistics(
            exampleCount: stats["tuningDatasetExampleCount"]?.int64Value,
            tokenCount: sums.isEmpty ? nil : sums.reduce(0, +),
            billableTokenCount: stats["totalBillableTokenCount"]?.int64Value,
            characterCount: stats["totalTuningCharacterCount"]?.int64Value)
    }

    /// A page of `ListTuningJobsResponse`; an empty list arrives as `{}`.
    static func page(_ json: JSONValue, provider: String) throws -> Page<FineTuningJob> {
        let jobs = try (json["tuningJobs"]?.arrayValue ?? []).map { try job($0, provider: provider) }
        let token = json["nextPageToken"]?.stringValue
        return Page(items: jobs, nextCursor: token?.isEmpty == false ? token : nil)
    }

    /// `tunedModel.checkpoints` (checkpointId, epoch, step, endpoint; int64 as strings).
    static func checkpoints(of job: FineTuningJob) -> [Checkpoint] {
        (job.raw?["tunedModel"]?["checkpoints"]?.arrayValue ?? []).compactMap { checkpoint in
            guard let id = checkpoint["checkpointId"]?.stringValue else { return nil }
            return Checkpoint(
                id: id,
                step: checkpoint["step"]?.int64Value.map { Int($0) },
                epoch: checkpoint["epoch"]?.int64Value.map { Int($0) },
                model: checkpoint["endpoint"]?.stringValue)
        }
    }

    static func date(_ value: JSONValue?) -> Date? {
        value?.stringValue.flatMap(WireFormat.date)
    }

    private static func tunedModel(_ json: JSONValue) -> TunedModel? {
        let model = json["tunedModel"]?["model"]?.stringValue
        let endpoint = json["tunedModel"]?["endpoint"]?.stringValue
        var adapter: String?
        // Open-model PEFT tuning writes the adapter under outputUri (v1beta1 TuningJob.output_uri).
        if json["state"]?.stringValue == "JOB_STATE_SUCCEEDED",
           json["supervisedTuningSpec"]?["tuningMode"]?.stringValue == "TUNING_MODE_PEFT_ADAPTER",
           let output = json["outputUri"]?.stringValue {
            adapter = (output.hasSuffix("/") ? String(output.dropLast()) : output) + "/postprocess/node-0/checkpoints/final"
        }
        guard model != nil || endpoint != nil || adapter != nil else { return nil }
        return TunedModel(name: model, endpoint: endpoint, adapter: adapter)
    }

    private static func hyperparameters(_ native: JSONValue?, tuningMode: JSONValue?) -> Hyperparameters {
        var result = Hyperparameters()
        result.epochs = native?["epochCount"]?.int64Value.map { Int($0) }
        result.learningRateMultiplier = native?["learningRateMultiplier"]?.doubleValue
        result.learningRate = native?["learningRate"]?.doubleValue
        result.batchSize = native?["batchSize"]?.int64Value.map { Int($0) }
        result.adapterSize = native?["adapterSize"]?.stringValue.flatMap(VertexAdapterSize.size(named:))
        result.beta = native?["beta"]?.doubleValue
        if let tuningMode { result.providerSpecific["tuningMode"] = tuningMode }
        return result
    }

    private static func progress(_ json: JSONValue, hyperParameters: JSONValue?) -> JobProgress? {
        let metadata = json["tuningJobMetadata"]
        let progress = JobProgress(
            completedSteps: metadata?["completedStepCount"]?.int64Value.map { Int($0) },
            totalSteps: (json["tuningDataStats"]?["supervisedTuningDataStats"] ?? json["tuningDataStats"]?["preferenceOptimizationDataStats"])?["tuningStepCount"]?.int64Value.map { Int($0) },
            completedEpochs: metadata?["completedEpochCount"]?.int64Value.map { Int($0) },
            totalEpochs: hyperParameters?["epochCount"]?.int64Value.map { Int($0) })
        return progress == JobProgress() ? nil : progress
    }
}
