import FineTuning

/// Tables for the core's tests: the core ships no provider's table (each adapter module has its own).
enum TestHyperparameterTables {
    /// A hosted API's table: epochs as `n_epochs` (1...50), DPO's `beta`; every other parameter unsupported.
    static func hosted(provider: String) -> HyperparameterTable {
        HyperparameterTable(
            provider: provider, api: "\(provider) test API",
            rules: [
                .native(.epochs, "n_epochs", .integer, minimum: 1, maximum: 50),
                .native(.beta, "beta", .number, minimum: 0, maximum: 2, minimumExclusive: true, note: "--method dpo only"),
            ])
    }

    /// A local trainer's table: the multiplier converted to the absolute rate, which also has its
    /// own row under the same native name.
    static let local = HyperparameterTable(
        provider: "local", api: "local trainer",
        rules: [
            .native(.learningRateMultiplier, "learning_rate", .number, scale: 1e-5, minimum: 0, minimumExclusive: true),
            .native(.learningRate, "learning_rate", .number, minimum: 0, maximum: 1, minimumExclusive: true),
        ])
}
