import FineTuning
import Foundation

/// `GetModelCustomizationJob` answers and `ListModelCustomizationJobs` summaries to the normalized
/// job. Hyperparameters are strings on the wire; the response is kept unchanged in `raw`.
enum BedrockJobDecoding {
    /// A full job (`GetModelCustomizationJob`) or a list summary (same names, fewer fields).
    static func job(_ json: JSONValue, provider: String) throws -> FineTuningJob {
        guard let name = json["jobName"]?.stringValue, !name.isEmpty else {
            throw FineTuningError(
                .transport, "\(provider) answered with something that is not a model customization job (no 'jobName'): \(json.jsonText.prefix(200))",
                provider: provider)
        }
        let state = json["status"]?.stringValue ?? ""
        let status = BedrockStateMapping.status(state, details: json["statusDetails"])
        let hyperParameters = json["hyperParameters"]
        return FineTuningJob(
            id: JobID(provider: provider, native: name),
            baseModel: baseModel(json),
            status: status,
            providerStatus: state,
            tunedModel: status == .succeeded ? (json["outputModelArn"] ?? json["customModelArn"])?.stringValue.map { TunedModel(name: $0) } : nil,
            createdAt: date(json["creationTime"]),
            finishedAt: status.isTerminal ? date(json["endTime"]) : nil,
            hyperparameters: Hyperparameters(
                epochs: number(hyperParameters?["epochCount"]).map { Int($0) },
                learningRateMultiplier: number(hyperParameters?["learningRateMultiplier"]),
                batchSize: number(hyperParameters?["batchSize"]).map { Int($0) }),
            trainingData: json["trainingDataConfig"]?["s3Uri"]?.stringValue,
            validationData: json["validationDataConfig"]?["validators"]?.arrayValue?.first?["s3Uri"]?.stringValue,
            error: status == .failed ? JobError(message: json["failureMessage"]?.stringValue ?? "the job failed without a message") : nil,
            raw: json)
    }

    /// A page of `ListModelCustomizationJobs`: `modelCustomizationJobSummaries` and `nextToken`.
    static func page(_ json: JSONValue, provider: String) throws -> Page<FineTuningJob> {
        let jobs = try (json["modelCustomizationJobSummaries"]?.arrayValue ?? []).map { try job($0, provider: provider) }
        let token = json["nextToken"]?.stringValue
        return Page(items: jobs, nextCursor: token?.isEmpty == false ? token : nil)
    }

    /// The base model id from `baseModelArn` (`arn:aws:bedrock:REGION::foundation-model/ID`).
    static func baseModel(_ json: JSONValue) -> String {
        guard let arn = json["baseModelArn"]?.stringValue else { return json["baseModelIdentifier"]?.stringValue ?? "" }
        guard let slash = arn.range(of: "foundation-model/") else { return arn }
        return String(arn[slash.upperBound...])
    }

    static func date(_ value: JSONValue?) -> Date? {
        value?.stringValue.flatMap(AWSDate.parse)
    }

    private static func number(_ value: JSONValue?) -> Double? {
        value?.doubleValue ?? value?.stringValue.flatMap(Double.init)
    }
}
