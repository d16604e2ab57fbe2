public import FineTuning

/// The translation tables of Vertex's two tuning APIs, from the v1 and v1beta1 protos as
/// summarized in the project's provider reference; `adapterSize` is sent by Vertex's enum names.
extension HyperparameterTable {
    /// Vertex AI Gemini supervised tuning, `/v1/.../tuningJobs`.
    public static let vertexGemini = HyperparameterTable(
        provider: "vertex_ai", api: "Vertex AI v1 tuningJobs (Gemini)",
        rules: [
            .native(.epochs, "epochCount", .integer, minimum: 1, defaultValue: "chosen by Vertex from the dataset size"),
            .native(.learningRateMultiplier, "learningRateMultiplier", .number, minimum: 0, minimumExclusive: true, defaultValue: "1.0"),
            .unsupported(.learningRate, "Gemini takes learning_rate_multiplier; an absolute learning rate exists only for open models (model_garden)"),
            .unsupported(.batchSize, "Gemini tuning has no batch size; batch size exists only for open models (model_garden)"),
            .native(.adapterSize, "adapterSize", VertexAdapterSize.encoding, defaultValue: "chosen by Vertex", note: "sent as ADAPTER_SIZE_*; which sizes a base model accepts is checked by Vertex"),
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
            .native(.adapterSize, "adapterSize", VertexAdapterSize.encoding, defaultValue: "16 (Gemma 3 27B: 32)", note: "PEFT adapter tuning only"),
            .unsupported(.warmupRatio, "Vertex AI tuning has no warmup parameter"),
            .unsupported(.weightDecay, "Vertex AI tuning has no weight decay parameter"),
            .unsupported(.seed, "Vertex AI tuning has no seed parameter"),
            .unsupported(.beta, "open-model tuning has no preference tuning; Gemini (vertex_ai) has"),
        ],
        passThrough: ["tuningMode", "outputUri"])
}
