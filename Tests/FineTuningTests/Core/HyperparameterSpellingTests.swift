import FineTuning
import Testing

@Suite struct HyperparameterSpellingTests {
    @Test(arguments: ["epochs", "n_epochs", "epoch_count", "epochCount", "num_epochs", "N-EPOCHS"])
    func epochSpellings(key: String) throws {
        #expect(try Hyperparameters(parsing: [key: 3]).epochs == 3)
        #expect(try Hyperparameters(parsing: [key: "3"]).epochs == 3)
    }

    @Test(arguments: [
        ("ADAPTER_SIZE_FOUR", 4), ("medium", 8), ("small", 4), ("large", 16), ("4", 4), ("ADAPTER_SIZE_THIRTY_TWO", 32),
        ("ADAPTER_SIZE_TWO", 2), ("four", 4), ("thirty-two", 32),
    ])
    func adapterSizeSpellings(text: String, rank: Int) throws {
        #expect(try Hyperparameters(parsing: ["adapter_size": .string(text)]).adapterSize?.rank == rank)
        #expect(try Hyperparameters(parsing: ["adapterSize": .string(text)]).adapterSize?.rank == rank)
    }

    @Test func twoSpellingsOfOneParameterAreAnError() throws {
        #expect {
            try Hyperparameters(parsing: ["n_epochs": 3, "epochCount": 4])
        } throws: { error in
            (error as? FineTuningError)?.message == "hyperparameters 'epochCount' and 'n_epochs' both set epochs: give it once"
        }
    }

    @Test func aNonFiniteValueIsNamedAsGiven() throws {
        #expect {
            try Hyperparameters(parsing: ["learning_rate": .number(.nan)])
        } throws: { error in
            (error as? FineTuningError)?.message == "hyperparameter 'learning_rate' must be a number or \"auto\", got nan"
        }
    }

    @Test func numericAdapterSizeAndCamelCaseNames() throws {
        let parsed = try Hyperparameters(parsing: ["adapter_size": 4, "learningRateMultiplier": 0.5, "batchSize": 8, "weight_decay": 0.01])
        #expect(parsed == Hyperparameters(learningRateMultiplier: 0.5, batchSize: 8, adapterSize: .rank(4), weightDecay: 0.01))
    }

    @Test func autoLeavesTheParameterToTheProvider() throws {
        let parsed = try Hyperparameters(parsing: ["n_epochs": "auto", "batch_size": "AUTO", "learning_rate_multiplier": nil])
        #expect(parsed.isEmpty)
    }

    @Test func unknownNameIsAnErrorNamingIt() {
        let error = #expect(throws: FineTuningError.self) { try Hyperparameters(parsing: ["epoc": 3]) }
        #expect(error?.parameter == "epoc")
        #expect(error?.message.contains("--native") == true)
    }

    @Test func unknownNamePassesThroughWhenAsked() throws {
        let parsed = try Hyperparameters(parsing: ["label_smoothing": 0.1, "epochs": 2], passThroughUnknown: true)
        #expect(parsed.epochs == 2)
        #expect(parsed.providerSpecific == ["label_smoothing": 0.1])
    }

    @Test func wrongTypesAreErrorsNamingTheKey() {
        let fractional = #expect(throws: FineTuningError.self) { try Hyperparameters(parsing: ["n_epochs": 2.5]) }
        #expect(fractional?.parameter == "n_epochs")
        let text = #expect(throws: FineTuningError.self) { try Hyperparameters(parsing: ["learning_rate": "fast"]) }
        #expect(text?.parameter == "learning_rate")
        let size = #expect(throws: FineTuningError.self) { try Hyperparameters(parsing: ["adapter_size": "huge"]) }
        #expect(size?.message.contains("ADAPTER_SIZE_") == true)
        #expect(throws: FineTuningError.self) { try Hyperparameters(parsing: ["adapter_size": "ADAPTER_SIZE_THREE"]) }
    }
}
