import FineTuning
import FineTuningHTTP
import Foundation

/// The step-wise training metrics Bedrock writes to the job's output folder in S3
/// (`model-customization-job-{id}/training_artifacts/step_wise_training_metrics.csv`, columns
/// `step_number,epoch_number,training_loss,perplexity`), read as events once the file exists.
struct BedrockTrainingMetrics {
    let s3: S3Client

    /// The CSV's object: under the job's output URI, in a folder named after the id at the end of the job ARN.
    static func location(of job: FineTuningJob, provider: String) throws -> S3Location? {
        guard let output = job.raw?["outputDataConfig"]?["s3Uri"]?.stringValue,
              let arn = job.raw?["jobArn"]?.stringValue, let id = arn.split(separator: "/").last else { return nil }
        return try S3Location(parsing: output, parameter: "outputDataConfig.s3Uri", provider: provider)
            .appending("model-customization-job-\(id)/training_artifacts/step_wise_training_metrics.csv")
    }

    /// One event per CSV row; none while the file does not exist yet.
    func events(of job: FineTuningJob) async throws -> [JobEvent] {
        guard let location = try Self.location(of: job, provider: s3.provider) else { return [] }
        let response: HTTPResponse
        do {
            response = try await s3.send(.get, location)
        } catch let error as FineTuningError where error.code == .notFound {
            return []
        }
        return try Self.parse(String(decoding: response.body, as: UTF8.self), source: location.description, provider: s3.provider)
    }

    /// Rows of the CSV by header name; a row that is not numbers is an error naming the line.
    static func parse(_ text: String, source: String, provider: String) throws -> [JobEvent] {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
        guard let header = lines.first else { return [] }
        let column = { (name: String) in header.firstIndex(of: name) }
        guard let stepColumn = column("step_number"), let lossColumn = column("training_loss") else {
            throw FineTuningError(.transport, "\(source): no step_number and training_loss columns in \(header.joined(separator: ","))", provider: provider)
        }
        let epochColumn = column("epoch_number")
        return try lines.dropFirst().enumerated().map { offset, row in
            guard row.count == header.count, let step = Int(row[stepColumn]), let loss = Double(row[lossColumn]) else {
                throw FineTuningError(.transport, "\(source):\(offset + 2): not a metrics row: \(row.joined(separator: ","))", provider: provider)
            }
            let epoch = epochColumn.flatMap { Double(row[$0]) }
            return JobEvent(
                id: String(step), message: "step \(step): training loss \(row[lossColumn])",
                metrics: TrainingMetrics(step: step, epoch: epoch, trainLoss: loss))
        }
    }
}
