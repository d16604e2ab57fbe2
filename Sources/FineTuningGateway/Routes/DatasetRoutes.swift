import FineTuning
import Foundation
import Hummingbird
import NIOPosix

/// The dataset endpoints of the Flask service this gateway replaces, on the same toolkit as the CLI:
/// `POST /v1/fine_tuning/validate` and `POST /v1/fine_tuning/convert`, for inline JSON records or
/// an uploaded file id (any format the toolkit reads, the conversation export with `related_message`
/// pairs included).
struct DatasetRoutes: Sendable {
    let store: GatewayStore
    let client: FineTuningClient
    let scratch: URL

    func register(on group: RouterGroup<GatewayRequestContext>) {
        group.post("fine_tuning/validate", use: validate)
        group.post("fine_tuning/convert", use: convert)
    }

    struct DatasetRequest: Decodable {
        /// Records given inline, one JSON object per training line.
        var records: [JSONValue]?
        var fileID: String?
        /// The source format (detected when absent).
        var format: DatasetFormat?
        /// Validate against this provider's requirements (`openai`, `vertex_ai`, ...).
        var provider: String?
        /// With `provider`: the tuning method whose data rules apply (`supervised`, the default, or `dpo`).
        var method: TuningMethod?
        /// The target format of a conversion.
        var to: DatasetFormat?

        enum CodingKeys: String, CodingKey {
            case records, fileID = "file_id", format, provider, method, to
        }
    }

    @Sendable func validate(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let body = try await context.decode(DatasetRequest.self, from: request)
        if body.method != nil, body.provider == nil {
            throw OpenAIError.badRequest("'method' chooses a provider's data rules: give 'provider' with it.", param: "method")
        }
        let requirements = try body.provider.map { provider in
            do {
                return try client.registry.registration(for: provider).descriptor.datasetRequirements(for: body.method ?? .supervised)
            } catch var error as FineTuningError {
                error.parameter = "provider"
                throw error
            }
        }
        return try await withInput(body, context: context) { path in
            let report = try await NIOThreadPool.singleton.runIfActive { try DatasetValidator.validate(path: path, format: body.format, requirements: requirements) }
            return JSONResponse.make([
                "object": "fine_tuning.dataset_report", "valid": .bool(report.isValid), "format": .string(report.format.rawValue),
                "example_count": .integer(Int64(report.exampleCount)), "problems": .array(report.problems.map { .string(FileRoutes.describe($0)) }),
                "omitted_problem_count": .integer(Int64(report.omittedProblemCount)),
            ])
        }
    }

    @Sendable func convert(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let body = try await context.decode(DatasetRequest.self, from: request)
        guard let target = body.to else { throw OpenAIError.badRequest("Missing required parameter: 'to' (a dataset format).", param: "to") }
        return try await withInput(body, context: context) { path in
            let output = path + ".converted"
            defer { try? FileManager.default.removeItem(atPath: output) }
            let (summary, text) = try await NIOThreadPool.singleton.runIfActive {
                let summary = try DatasetConverter.convert(input: path, from: body.format, to: target, output: output)
                return (summary, try String(contentsOfFile: output, encoding: .utf8))
            }
            let records = try text.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
            return JSONResponse.make([
                "object": "fine_tuning.dataset_conversion", "from": .string(summary.from.rawValue), "to": .string(summary.to.rawValue),
                "converted": .integer(Int64(summary.converted)),
                "skipped": .integer(Int64(summary.skippedInvalid + summary.skippedUnrepresentable)),
                "problems": .array(summary.problems.map { .string(FileRoutes.describe($0)) }), "records": .array(records),
            ])
        }
    }

    /// Runs `body` on the request's data as a file: the uploaded file itself, or the inline records
    /// written to a scratch file that is removed afterwards.
    private func withInput(_ request: DatasetRequest, context: GatewayRequestContext, _ body: (String) async throws -> Response) async throws -> Response {
        switch (request.records, request.fileID) {
        case (let records?, nil):
            guard !records.isEmpty else { throw OpenAIError.badRequest("records must hold at least one record", param: "records") }
            let path = scratch.appendingPathComponent(UUID().uuidString + ".jsonl").path
            let text = records.map(\.jsonText).joined(separator: "\n") + "\n"
            try await NIOThreadPool.singleton.runIfActive { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
            defer { try? FileManager.default.removeItem(atPath: path) }
            return try await body(path)
        case (nil, let id?):
            guard let file = try await store.file(id, visibleTo: try context.requirePrincipal()) else { throw OpenAIError.notFound("file", id, param: "file_id") }
            return try await body(file.blobPath)
        default:
            throw OpenAIError.badRequest("Give exactly one of 'records' (inline JSON records) or 'file_id'.", param: "records")
        }
    }
}
