public import FineTuning

/// The translation tables of OpenAI's fine-tuning API and the APIs that mirror it (OpenAI's OpenAPI
/// spec, Azure OpenAI 2024-10-21), as summarized in the project's provider reference.
extension HyperparameterTable {
    /// The rules OpenAI and every API that mirrors it share; only the provider id and whether the
    /// API takes DPO's `beta` (nil) or why not differ.
    static func openAIStyle(provider: String, api: String, withoutBeta reason: String? = nil) -> HyperparameterTable {
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
}
