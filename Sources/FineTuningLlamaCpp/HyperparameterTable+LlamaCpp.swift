public import FineTuning

/// The translation table of the local backend, from llama.cpp's training example and API.
extension HyperparameterTable {
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
}
