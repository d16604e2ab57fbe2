import ArgumentParser
import FineTuning
import FineTuningEval

/// `finetune create`: start a fine-tuning job on any provider.
struct CreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Start a fine-tuning job.",
        discussion: """
            The model string picks the provider: openai/gpt-4o-mini-2024-07-18, vertex_ai/gemini-2.5-flash,
            model_garden/meta/llama3_1@llama-3.1-8b-instruct, llamacpp/PATH.gguf. A local training file is
            validated for the provider before anything is uploaded.
            """)

    @Option(name: .long, help: "PROVIDER/MODEL to tune.")
    var model: String

    @Option(name: .long, help: "Local data file, or a provider reference (file id, gs:// URI).")
    var trainingFile: String

    @Option(name: .long, help: "Local validation file or provider reference.")
    var validationFile: String?

    @Option(name: .long, parsing: .unconditional, help: "Number of epochs.")
    var epochs: Int?

    @Option(name: .long, parsing: .unconditional, help: "Learning rate multiplier (OpenAI, Gemini).")
    var learningRateMultiplier: Double?

    @Option(name: .long, parsing: .unconditional, help: "Absolute learning rate (open models, llama.cpp).")
    var learningRate: Double?

    @Option(name: .long, parsing: .unconditional, help: "Batch size.")
    var batchSize: Int?

    @Option(name: .long, help: "Adapter size: small, medium, large or a LoRA rank (1, 2, 4, 8, 16, 32).")
    var adapterSize: AdapterSize?

    @Option(name: .long, parsing: .unconditional, help: "Warmup ratio.")
    var warmupRatio: Double?

    @Option(name: .long, parsing: .unconditional, help: "Weight decay.")
    var weightDecay: Double?

    @Option(name: .long, parsing: .unconditional, help: "Random seed.")
    var seed: Int?

    @Option(name: .long, parsing: .unconditional, help: "DPO beta, with --method dpo (OpenAI: > 0 and <= 2; Vertex: > 0).")
    var beta: Double?

    @Option(name: [.customLong("hyperparameter"), .customShort("H")], help: "KEY=VALUE in any spelling providers use (n_epochs=3, epochCount=3, adapter_size=ADAPTER_SIZE_FOUR).")
    var hyperparameter: [String] = []

    @Option(name: .long, help: "A hyperparameter file as `finetune sweep` writes it; flags given too take precedence.")
    var hyperparameters: String?

    @Option(name: .long, help: "NAME=VALUE passed to the provider under its native name.")
    var native: [String] = []

    @Option(name: .long, help: "Tuning method: supervised, or dpo with a preference file (openai, vertex_ai).")
    var method: TuningMethod = .supervised

    @Option(name: .long, help: "Suffix or display name of the tuned model.")
    var suffix: String?

    @Option(name: .long, help: "KEY=VALUE label (Vertex labels, OpenAI metadata).")
    var label: [String] = []

    @Option(name: .long, help: "KEY=VALUE provider option (tuning_mode=full, output_uri=gs://...).")
    var option: [String] = []

    @Flag(name: .long, help: "Drop hyperparameters the provider does not support (with a warning) instead of failing.")
    var lenient = false

    @Flag(name: .long, help: "Convert a local file in another format to the provider's format.")
    var convert = false

    @Flag(name: .long, help: "Wait for the job to end, showing progress.")
    var wait = false

    @Flag(name: .long, help: "Show tokens, epochs and the estimated cost; start nothing (a provider that prices jobs creates one unstarted, then cancels it).")
    var dryRun = false

    @Flag(name: .long, help: "With --dry-run: keep the provider's unstarted job, to start it later with finetune start.")
    var keep = false

    @OptionGroup var waiting: WaitOptionsGroup
    @OptionGroup var providers: ProviderOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.run {
            let request = try makeRequest()
            let client = try CLIContext.client(providers)
            if dryRun { return try await previewJob(request, client: client) }
            let created = try await client.createJob(request)
            for warning in created.warnings { Terminal.error("warning: \(warning)") }
            for report in created.datasetReports {
                Terminal.error("validated \(report.path): \(report.exampleCount) examples, \(report.format.rawValue)")
            }
            if wait {
                Terminal.error("created \(created.job.id)")
                try await waiting.waitAndReport(client, id: created.job.id, output: output)
            } else if output.json {
                try output.printDocument("job", created.job)
            } else {
                Terminal.line(JobRendering.summary(created.job))
            }
        }
    }

    func validate() throws {
        let numbers: [(String, Double?)] = [
            ("--learning-rate-multiplier", learningRateMultiplier), ("--learning-rate", learningRate), ("--warmup-ratio", warmupRatio),
            ("--weight-decay", weightDecay), ("--beta", beta),
        ]
        for case let (option, value?) in numbers where !value.isFinite { throw ValidationError("\(option) must be a finite number, got \(value)") }
        if keep && !dryRun { throw ValidationError("--keep keeps the job a dry run creates: give it with --dry-run") }
        if dryRun && wait { throw ValidationError("--dry-run starts nothing to wait for: drop --wait") }
    }

    func makeRequest() throws -> CreateJobRequest {
        let file = try self.hyperparameters.map(HyperparameterFile.init(path:)) ?? HyperparameterFile(hyperparameters: [:])
        let spelled = try KeyValueParsing.jsonValues(hyperparameter, option: "--hyperparameter")
        var hyperparameters = try Hyperparameters(parsing: file.hyperparameters.merging(spelled) { $1 })
        let spelledNames = Dictionary(spelled.keys.compactMap { key in Hyperparameters.name(forSpelling: key).map { ($0, key) } }, uniquingKeysWith: { first, _ in first })
        let explicit: [(HyperparameterName, JSONValue?)] = [
            (.epochs, epochs.map { .integer(Int64($0)) }),
            (.learningRateMultiplier, learningRateMultiplier.map(JSONValue.number)),
            (.learningRate, learningRate.map(JSONValue.number)),
            (.batchSize, batchSize.map { .integer(Int64($0)) }),
            (.adapterSize, adapterSize.map { .string($0.description) }),
            (.warmupRatio, warmupRatio.map(JSONValue.number)),
            (.weightDecay, weightDecay.map(JSONValue.number)),
            (.seed, seed.map { .integer(Int64($0)) }),
            (.beta, beta.map(JSONValue.number)),
        ]
        for case let (name, value?) in explicit {
            let flag = "--" + name.rawValue.replacingOccurrences(of: "_", with: "-")
            if let key = spelledNames[name] { throw ValidationError("\(flag) and -H \(key) both set \(name.rawValue): give it once") }
            try hyperparameters.set(name, from: value, key: flag)
        }
        hyperparameters.providerSpecific = file.native.merging(try KeyValueParsing.jsonValues(native, option: "--native")) { $1 }
        return CreateJobRequest(
            model: model, trainingData: DataReference(parsing: trainingFile), validationData: validationFile.map { DataReference(parsing: $0) },
            hyperparameters: hyperparameters,
            method: method, suffix: suffix, labels: try KeyValueParsing.strings(label, option: "--label"),
            options: try KeyValueParsing.jsonValues(option, option: "--option"), translation: lenient ? .lenient : .strict,
            convertData: convert)
    }
}
