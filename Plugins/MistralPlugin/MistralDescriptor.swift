import FineTuning

extension MistralProvider {
    /// Source: Mistral's fine-tuning API (`hyperparameters` of `POST /v1/fine_tuning/jobs`).
    static let hyperparameters: HyperparameterTable = HyperparameterTable(
        provider: "mistral", api: "Mistral fine_tuning/jobs",
        rules: [
            .native(.epochs, "epochs", .number, minimum: 0, minimumExclusive: true, defaultValue: "set by training_steps", note: "Mistral also takes training_steps (pass-through)"),
            .unsupported(.learningRateMultiplier, "Mistral takes an absolute learning_rate"),
            .native(.learningRate, "learning_rate", .number, minimum: 0, minimumExclusive: true, defaultValue: "1e-4"),
            .unsupported(.batchSize, "Mistral sets the batch from seq_len; it has no batch size parameter"),
            .unsupported(.adapterSize, "Mistral does not expose the LoRA rank"),
            .native(.warmupRatio, "warmup_fraction", .number, minimum: 0, maximum: 1, defaultValue: "0.05"),
            .native(.weightDecay, "weight_decay", .number, minimum: 0, defaultValue: "0.1"),
            .unsupported(.seed, "Mistral fine-tuning has no seed parameter"),
        ],
        passThrough: ["training_steps", "seq_len", "fim_ratio"])

    static let descriptor: ProviderDescriptor = ProviderDescriptor(
        id: "mistral", displayName: "Mistral AI fine-tuning (plugin)", capabilities: [.events, .checkpoints, .fileUpload, .deferredStart],
        hyperparameters: hyperparameters, dataset: DatasetRequirements(format: .openAIChat, minExamples: 1),
        pollInterval: .seconds(10), environment: ["MISTRAL_API_KEY", "MISTRAL_BASE_URL"])

    /// The base models Mistral fine-tunes.
    static let modelPrefixes = ["open-mistral", "mistral-small", "mistral-large", "codestral", "ministral", "pixtral", "open-mistral-nemo"]
}
