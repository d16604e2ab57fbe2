/// The translation tables of the built-in providers whose adapters share them. Sources: each
/// provider's API definition as summarized in the project's provider reference (OpenAI's OpenAPI
/// spec, Azure OpenAI 2024-10-21, llama.cpp's training example, Bedrock's user guide). Vertex's
/// tables are in FineTuningVertex (`VertexHyperparameterTables`), beside the enum names they send.
public enum BuiltInHyperparameterTables {
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
}
