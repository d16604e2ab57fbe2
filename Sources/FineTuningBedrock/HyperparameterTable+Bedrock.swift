public import FineTuning

/// The translation table of Bedrock's model customization, from Bedrock's user guide.
extension HyperparameterTable {
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
