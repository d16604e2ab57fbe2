/// The translation table of every built-in provider. Sources: each provider's API definition as
/// summarized in the project's provider reference (Vertex v1/v1beta1 protos, OpenAI's OpenAPI
/// spec, Azure OpenAI 2024-10-21, llama.cpp's training example).
public enum BuiltInHyperparameterTables {
    /// Vertex AI Gemini supervised tuning, `/v1/.../tuningJobs`.
    public static let vertexGemini = HyperparameterTable(
        provider: "vertex_ai", api: "Vertex AI v1 tuningJobs (Gemini)",
        rules: [
            .native(.epochs, "epochCount", .integer, minimum: 1, defaultValue: "chosen by Vertex from the dataset size"),
            .native(.learningRateMultiplier, "learningRateMultiplier", .number, minimum: 0, minimumExclusive: true, defaultValue: "1.0"),
            .unsupported(.learningRate, "Gemini takes learning_rate_multiplier; an absolute learning rate exists only for open models (model_garden)"),
            .unsupported(.batchSize, "Gemini tuning has no batch size; batch size exists only for open models (model_garden)"),
            .native(.adapterSize, "adapterSize", .vertexAdapterSize, allowedValues: [1, 2, 4, 8, 16, 32], defaultValue: "chosen by Vertex", note: "sent as ADAPTER_SIZE_*; which sizes a base model accepts is checked by Vertex"),
            .unsupported(.warmupRatio, "Vertex AI tuning has no warmup parameter"),
            .unsupported(.weightDecay, "Vertex AI tuning has no weight decay parameter"),
            .unsupported(.seed, "Vertex AI tuning has no seed parameter"),
            .native(.beta, "beta", .number, minimum: 0, minimumExclusive: true, defaultValue: "chosen by Vertex", note: "--method dpo only (preferenceOptimizationSpec); Vertex states no upper bound"),
        ],
        passThrough: [])

    /// Vertex AI open models (Model Garden), `/v1beta1/.../tuningJobs`.
    public static let modelGarden = HyperparameterTable(
        provider: "model_garden", api: "Vertex AI v1beta1 tuningJobs (open models)",
        rules: [
            .native(.epochs, "epochCount", .integer, minimum: 1, defaultValue: "3"),
            .unsupported(.learningRateMultiplier, "open models take an absolute learning_rate (Vertex allows the multiplier only for Gemini)"),
            .native(.learningRate, "learningRate", .number, minimum: 0, minimumExclusive: true, defaultValue: "2e-4"),
            .native(.batchSize, "batchSize", .integer, minimum: 1, defaultValue: "chosen by Vertex"),
            .native(.adapterSize, "adapterSize", .vertexAdapterSize, allowedValues: [1, 2, 4, 8, 16, 32], defaultValue: "16 (Gemma 3 27B: 32)", note: "PEFT adapter tuning only"),
            .unsupported(.warmupRatio, "Vertex AI tuning has no warmup parameter"),
            .unsupported(.weightDecay, "Vertex AI tuning has no weight decay parameter"),
            .unsupported(.seed, "Vertex AI tuning has no seed parameter"),
            .unsupported(.beta, "open-model tuning has no preference tuning; Gemini (vertex_ai) has"),
        ],
        passThrough: ["tuningMode", "outputUri"])

    /// The rules OpenAI and every API that mirrors it share; only the provider id and whether the
    /// API takes DPO's `beta` (nil) or why not differ.
    public static func openAIStyle(provider: String, api: String, withoutBeta reason: String? = nil) -> HyperparameterTable {
        HyperparameterTable(
            provider: provider, api: api,
            rules: [
                .native(.epochs, "n_epochs", .integer, minimum: 1, maximum: 50, defaultValue: "auto"),
                .native(.learningRateMultiplier, "learning_rate_multiplier", .number, minimum: 0, minimumExclusive: true, defaultValue: "auto"),
                .unsupported(.learningRate, "OpenAI-style fine-tuning takes learning_rate_multiplier, not an absolute learning rate"),
                .native(.batchSize, "batch_size", .integer, minimum: 1, maximum: 256, defaultValue: "auto"),
                .unsupported(.adapterSize, "OpenAI-style fine-tuning does not expose an adapter size"),
                .unsupported(.warmupRatio, "OpenAI-style fine-tuning has no warmup parameter"),
                .unsupported(.weightDecay, "OpenAI-style fine-tuning has no weight decay parameter"),
                .native(.seed, "seed", .integer, minimum: 0, maximum: 2_147_483_647, defaultValue: "random", note: "a top-level field of the job"),
                reason.map { .unsupported(.beta, $0) }
                    ?? .native(.beta, "beta", .number, minimum: 0, maximum: 2, minimumExclusive: true, defaultValue: "auto", note: "--method dpo only (method.dpo.hyperparameters)"),
            ],
            passThrough: [])
    }

    /// OpenAI, `/v1/fine_tuning/jobs`.
    public static let openAI = openAIStyle(provider: "openai", api: "OpenAI fine_tuning/jobs")
    /// Azure OpenAI, `/openai/fine_tuning/jobs`.
    public static let azure = openAIStyle(
        provider: "azure", api: "Azure OpenAI fine_tuning/jobs (2024-10-21)",
        withoutBeta: "API version 2024-10-21 has no method field, so no preference tuning")
    /// Any server that implements OpenAI's fine-tuning API.
    public static let openAICompatible = openAIStyle(
        provider: "openai_compatible", api: "OpenAI-compatible fine_tuning/jobs",
        withoutBeta: "preference tuning is offered on openai itself, where fixtures prove its requests")

    /// The local llama.cpp backend (full fine-tune through llama.cpp's training API).
    public static let llamaCpp = HyperparameterTable(
        provider: "llamacpp", api: "llama.cpp training (llama_opt_*)",
        rules: [
            .native(.epochs, "epochs", .integer, minimum: 1, maximum: 10_000, defaultValue: "2"),
            .native(.learningRateMultiplier, "learning_rate", .number, scale: 1e-5, minimum: 0, minimumExclusive: true, defaultValue: "1.0", note: "times llama-finetune's base rate 1e-5"),
            .native(.learningRate, "learning_rate", .number, minimum: 0, maximum: 1, minimumExclusive: true, defaultValue: "1e-5", note: "the optimizer's step size; 1e-5 suits real models, about 2e-4 the tiny test model; decays linearly to 0 over the job"),
            .unsupported(.batchSize, "llama.cpp trains one context window per step; set context_length (tokens) instead"),
            .native(.adapterSize, "adapter_rank", .integer, allowedValues: [1, 2, 4, 8, 16, 32], defaultValue: "none", note: "rank of the LoRA adapter extracted after the full fine-tune"),
            .unsupported(.warmupRatio, "llama.cpp's optimizer has no warmup"),
            .native(.weightDecay, "weight_decay", .number, minimum: 0, maximum: 1, defaultValue: "0"),
            .native(.seed, "seed", .integer, minimum: 0, maximum: 4_294_967_295, defaultValue: "42"),
            .unsupported(.beta, "llama.cpp trains supervised only (no preference tuning)"),
        ],
        passThrough: [
            "optimizer (adamw or sgd; default adamw)",
            "context_length (tokens per training window, rounded up to a multiple of 256; default: fits the longest example)",
            "validation_split (share of examples held out when no validation file is given; default 0.1)",
            "threads (default: all cores)",
        ])

    /// Amazon Bedrock model customization, Claude 3 Haiku's ranges (Bedrock's user guide,
    /// "Claude 3 Haiku customization hyperparameters"); every value travels as a string.
    public static let bedrock = HyperparameterTable(
        provider: "bedrock", api: "Amazon Bedrock CreateModelCustomizationJob (Claude 3 Haiku)",
        rules: [
            .native(.epochs, "epochCount", .numberString, minimum: 1, maximum: 10, defaultValue: "2"),
            .native(.learningRateMultiplier, "learningRateMultiplier", .numberString, minimum: 0.1, maximum: 2, defaultValue: "1.0"),
            .unsupported(.learningRate, "Bedrock takes learning_rate_multiplier for Claude 3 Haiku, not an absolute learning rate"),
            .native(.batchSize, "batchSize", .numberString, minimum: 4, maximum: 256, defaultValue: "32"),
            .unsupported(.adapterSize, "Bedrock does not expose an adapter size"),
            .unsupported(.warmupRatio, "Bedrock's Claude 3 Haiku customization has no warmup parameter"),
            .unsupported(.weightDecay, "Bedrock's Claude 3 Haiku customization has no weight decay parameter"),
            .unsupported(.seed, "Bedrock's Claude 3 Haiku customization has no seed parameter"),
            .unsupported(.beta, "Bedrock's Claude 3 Haiku customization has no preference tuning"),
        ],
        passThrough: ["earlyStoppingThreshold (0...0.1, default 0.001)", "earlyStoppingPatience (1...10, default 2)"])

    /// Every built-in table, in the order they are printed.
    public static let all: [HyperparameterTable] = [vertexGemini, modelGarden, openAI, azure, openAICompatible, llamaCpp, bedrock]
}
