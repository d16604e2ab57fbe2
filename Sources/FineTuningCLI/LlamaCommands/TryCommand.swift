public import ArgumentParser
import FineTuning
import FineTuningLlamaCpp
import Foundation

/// `finetune try`: the base model's and the tuned model's greedy answers to one prompt, side by side.
public struct TryCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "try",
        abstract: "Answer a prompt with a local base model and its fine-tuned version, side by side (greedy).",
        discussion: """
            MODEL is a llamacpp job id (llamacpp:ft-...), 'latest' for the newest succeeded local job, or a
            tuned model string llamacpp/PATH.gguf together with --base llamacpp/PATH.gguf.
            """)

    @Argument(help: "llamacpp:JOB_ID, latest, or llamacpp/TUNED.gguf.")
    var model: String

    @Argument(help: "The user message to answer.")
    var prompt: String

    @Option(name: .long, help: "The base model (llamacpp/PATH.gguf) when MODEL is a GGUF path.")
    var base: String?

    @Option(name: .long, help: "The most tokens to generate per answer.")
    var maxTokens = 64

    @Flag(name: .long, help: "Answer with the base model plus the job's extracted LoRA adapter instead of the tuned GGUF.")
    var adapter = false

    @OptionGroup var output: OutputOptions

    public init() {}

    public func run() async throws {
        try await output.run {
            let environment = ProcessInfo.processInfo.environment
            let pair = try await models(environment: environment)
            let generator = try LlamaCppGenerator(environment: environment)
            let baseAnswer = try await generator.generate(modelPath: pair.base, prompt: prompt, maxTokens: maxTokens)
            let tunedAnswer = try await generator.generate(
                modelPath: adapter ? pair.base : pair.tuned, adapterPath: adapter ? pair.adapter : nil, prompt: prompt, maxTokens: maxTokens)
            if output.json {
                try output.printDocument("try", TryResult(prompt: prompt, baseModel: pair.base, tunedModel: pair.tuned, base: baseAnswer, tuned: tunedAnswer))
            } else {
                print("prompt: \(prompt)\n")
                print("base  (\(pair.base)):\n  \(baseAnswer)\n")
                print("tuned (\(adapter ? "\(pair.base) + \(pair.adapter ?? "")" : pair.tuned)):\n  \(tunedAnswer)")
            }
        }
    }

    /// The base and tuned GGUF paths (and the job's adapter, if any) that MODEL names.
    private func models(environment: [String: String]) async throws -> (base: String, tuned: String, adapter: String?) {
        if let reference = try? ModelReference(parsing: model), reference.provider == "llamacpp", !model.contains(":") {
            guard let base, let baseReference = try? ModelReference(parsing: base), baseReference.provider == "llamacpp" else {
                throw FineTuningError(.invalidRequest, "with a GGUF path as MODEL, give the base model as --base llamacpp/PATH.gguf", parameter: "base")
            }
            return (baseReference.model, reference.model, nil)
        }
        let provider = LlamaCppProvider(environment: environment)
        let job: FineTuningJob
        if model == "latest" {
            let jobs = try await provider.listJobs(PageRequest(limit: 1), filter: JobFilter(statuses: [.succeeded]))
            guard let newest = jobs.items.first else {
                throw FineTuningError(.notFound, "there is no succeeded llamacpp job in \(provider.store.root.path)", provider: "llamacpp")
            }
            job = newest
        } else {
            let id = JobID(model)
            guard id == nil || id?.provider == "llamacpp" else {
                throw FineTuningError(.invalidRequest, "finetune try runs local llamacpp models only, not '\(model)'", parameter: "model")
            }
            job = try await provider.getJob(id: id?.native ?? model)
        }
        guard job.status == .succeeded, let tuned = job.tunedModel?.name else {
            throw FineTuningError(.conflict, "job \(job.id) is \(job.status), not succeeded: it has no tuned model yet", provider: "llamacpp")
        }
        if adapter, job.tunedModel?.adapter == nil {
            throw FineTuningError(.invalidRequest, "job \(job.id) has no extracted adapter; create it with --adapter-size", provider: "llamacpp", parameter: "adapter")
        }
        return (job.baseModel, tuned, job.tunedModel?.adapter)
    }
}

/// `finetune try --json`.
struct TryResult: Encodable {
    var prompt: String
    var baseModel: String
    var tunedModel: String
    var base: String
    var tuned: String

    enum CodingKeys: String, CodingKey {
        case prompt, baseModel = "base_model", tunedModel = "tuned_model", base, tuned
    }
}
