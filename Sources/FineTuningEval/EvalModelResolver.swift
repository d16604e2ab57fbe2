public import FineTuning
public import FineTuningHTTP
import Foundation

/// Turns a `--model` value into a model that answers: a base model string (`llamacpp/PATH.gguf`,
/// `openai/gpt-4o-mini`, `azure/DEPLOYMENT`, `openai_compatible/MODEL`, `vertex_ai/gemini-2.5-flash`),
/// a tuned model name in the same form (`openai/ft:gpt-4o-mini:org::id`, `vertex_ai/projects/.../endpoints/E`),
/// or a job id (`llamacpp:ft-...`, `openai:ftjob-...`) meaning the model that job tuned, with the
/// job's loss curve from its events.
public struct EvalModelResolver: Sendable {
    let client: FineTuningClient
    let environment: [String: String]
    let transport: any HTTPTransport

    public init(client: FineTuningClient, environment: [String: String], transport: any HTTPTransport) {
        self.client = client
        self.environment = environment
        self.transport = transport
    }

    public func resolve(_ text: String) async throws -> EvalModel {
        if let id = JobID(text) { return try await tunedModel(of: id, as: text) }
        let reference = try ModelReference(parsing: text)
        return EvalModel(answerer: try answerer(provider: reference.provider, model: reference.model, adapter: nil, label: text))
    }

    private func tunedModel(of id: JobID, as text: String) async throws -> EvalModel {
        let job = try await client.job(id)
        guard job.status == .succeeded, let tuned = job.tunedModel, let name = tuned.endpoint ?? tuned.name else {
            throw FineTuningError(
                .conflict, "job \(job.id) is \(job.status), not succeeded: it has no tuned model to evaluate", provider: id.provider, parameter: "model")
        }
        let events = (try? await client.events(id).collect()) ?? []
        let answerer = try answerer(provider: id.provider, model: name, adapter: nil, label: "\(text) (tuned)")
        return EvalModel(answerer: answerer, lossCurve: LossCurve(job: text, events: events))
    }

    private func answerer(provider: String, model: String, adapter: String?, label: String) throws -> any ModelAnswerer {
        switch provider {
        case "llamacpp":
            return LocalModelAnswerer(modelPath: model, adapterPath: adapter, environment: environment, label: label)
        case "openai", "azure", "openai_compatible":
            return try ChatCompletionsAnswerer(provider: provider, model: model, environment: environment, transport: transport, label: label)
        case "vertex_ai":
            return try GenerateContentAnswerer(model: model, environment: environment, transport: transport, label: label)
        default:
            throw FineTuningError(
                .unsupported,
                "finetune eval cannot ask provider '\(provider)' for answers: it supports llamacpp, openai, azure, openai_compatible and vertex_ai",
                provider: provider, parameter: "model")
        }
    }
}
