import FineTuning
import Testing

/// What `--method dpo` asks of a provider: preference data rules on its descriptor (which declare the
/// capability), and `beta` only with that method.
@Suite struct TuningMethodRequirementsTests {
    static func descriptor(preference: DatasetRequirements?) -> ProviderDescriptor {
        ProviderDescriptor(
            id: "acme", displayName: "Acme", capabilities: [.events, .preferenceTuning], hyperparameters: TestHyperparameterTables.hosted(provider: "acme"),
            dataset: .openAIChat, preferenceDataset: preference)
    }

    @Test func theMethodPicksTheDataRules() throws {
        let descriptor = Self.descriptor(preference: .openAIPreference)
        #expect(try descriptor.datasetRequirements(for: .supervised) == .openAIChat)
        #expect(try descriptor.datasetRequirements(for: .dpo) == .openAIPreference)
        #expect(descriptor.capabilities.contains(.preferenceTuning))
    }

    @Test func aProviderWithoutPreferenceRulesRefusesDPONamingItself() throws {
        let descriptor = Self.descriptor(preference: nil)
        #expect(!descriptor.capabilities.contains(.preferenceTuning), "the capability follows the rules, never the list alone")
        let error = try #require(throws: FineTuningError.self) { try descriptor.datasetRequirements(for: .dpo) }
        #expect(error.code == .unsupported)
        #expect(error.message.contains("provider 'acme' has no preference tuning (--method dpo)"))
        #expect(error.parameter == "method")
    }

    @Test func betaGoesWithDPOOnly() throws {
        let descriptor = Self.descriptor(preference: .openAIPreference)
        let dpo = try descriptor.translate(Hyperparameters(epochs: 2, beta: 0.1), method: .dpo, mode: .strict)
        #expect(dpo.native == ["n_epochs": 2, "beta": 0.1])
        let error = try #require(throws: FineTuningError.self) {
            try descriptor.translate(Hyperparameters(beta: 0.1), method: .supervised, mode: .strict)
        }
        #expect(error.parameter == "beta")
        #expect(error.message.contains("applies only to preference tuning (--method dpo), not supervised"))
        let lenient = try descriptor.translate(Hyperparameters(epochs: 2, beta: 0.1), method: .supervised, mode: .lenient)
        #expect(lenient.native == ["n_epochs": 2])
        #expect(lenient.applied.beta == nil)
        #expect(lenient.warnings.count == 1 && lenient.warnings[0].contains("beta"))
    }

    @Test func betaIsReadInEverySpellingAndTravelsOnTheWire() throws {
        #expect(try Hyperparameters(parsing: ["dpo_beta": "0.2"]).beta == 0.2)
        #expect(try Hyperparameters(parsing: ["beta": "auto"]).beta == nil)
        let data = try WireFormat.document("hyperparameters", Hyperparameters(beta: 0.5))
        #expect(try WireFormat.value(Hyperparameters.self, at: "hyperparameters", in: data).beta == 0.5)
    }

    @Test func theDescriptorKeepsItsPreferenceRulesOnTheWire() throws {
        let descriptor = Self.descriptor(preference: .openAIPreference)
        let data = try WireFormat.document("descriptor", descriptor)
        #expect(try WireFormat.value(ProviderDescriptor.self, at: "descriptor", in: data) == descriptor)
    }
}
