import FineTuning
import Foundation
import Testing

/// How a table translates: encodings, unit conversion, collisions, pass-through. Every built-in
/// provider's table, rule by rule, is checked in FineTuningProvidersTests (BuiltInTableTests).
@Suite struct HyperparameterTranslationTests {
    /// A table whose adapter size is an enumeration, as a plugin's manifest or Vertex's table has.
    static let enumerated = HyperparameterTable(
        provider: "acme", api: "Acme tuning",
        rules: [
            .native(.epochs, "epochs", .integer, minimum: 1),
            .native(.adapterSize, "loraSize", .enumeration([4: "LORA_SMALL", 16: "LORA_LARGE", 64: "LORA_HUGE"])),
        ])

    @Test func anEnumeratedValueIsSentByItsNativeName() throws {
        let translated = try Self.enumerated.translate(Hyperparameters(epochs: 3, adapterSize: .large))
        #expect(translated.native == ["epochs": 3, "loraSize": "LORA_LARGE"])
    }

    @Test func aValueOutsideTheEnumerationIsRefusedListingTheAllowedOnes() throws {
        let error = try #require(throws: FineTuningError.self) { try Self.enumerated.translate(Hyperparameters(adapterSize: .medium)) }
        #expect(error.parameter == "adapter_size")
        #expect(error.message == "hyperparameter 'adapter_size' = 8 is out of range for provider 'acme' (loraSize): allowed one of 4, 16, 64")
    }

    @Test func anEnumerationTravelsAsValueAndNativePairsInValueOrder() throws {
        let rule = Self.enumerated.rule(for: .adapterSize)
        let json = String(decoding: try WireFormat.encoder().encode(rule.encoding), as: UTF8.self)
        #expect(json == #"{"enumeration":[{"native":"LORA_SMALL","value":4},{"native":"LORA_LARGE","value":16},{"native":"LORA_HUGE","value":64}]}"#)
        #expect(try JSONDecoder().decode(HyperparameterRule.Encoding.self, from: Data(json.utf8)) == rule.encoding)
    }

    @Test(arguments: [
        (#"{"parameter":"adapter_size","native_name":"r","encoding":{"enumeration":[]}}"#, "an enumeration lists no values"),
        (#"{"parameter":"adapter_size","native_name":"r","encoding":{"enumeration":[{"value":4,"native":"A"},{"value":4,"native":"B"}]}}"#, "lists the value 4 twice"),
        (#"{"parameter":"adapter_size","native_name":"r","encoding":{"enumeration":[{"value":4,"native":""}]}}"#, "native name of 4 is empty"),
        (#"{"parameter":"adapter_size","native_name":"r","encoding":{"enumeration":[{"value":4,"native":"A"}]},"allowed_values":[4]}"#, "not both"),
        (#"{"parameter":"adapter_size","native_name":"r","encoding":"rank_name"}"#, #"encoding "rank_name" is not one of "integer", "number", "number_string""#),
    ])
    func aBadEncodingIsRefusedNamingTheParameter(json: String, problem: String) throws {
        let error = try #require(throws: FineTuningError.self) { try JSONDecoder().decode(HyperparameterRule.self, from: Data(json.utf8)) }
        #expect(error.parameter == "adapter_size")
        #expect(error.message.hasPrefix("hyperparameter rule 'adapter_size': "), "\(error.message)")
        #expect(error.message.contains(problem), "\(error.message)")
    }

    @Test func aScaleConvertsTheMultiplierToTheAbsoluteRate() throws {
        let translated = try TestHyperparameterTables.local.translate(Hyperparameters(learningRateMultiplier: 2))
        #expect(translated.native["learning_rate"]?.doubleValue == 2e-5)
    }

    @Test func twoParametersForOneNativeNameAreRefused() {
        #expect(throws: FineTuningError.self) {
            try TestHyperparameterTables.local.translate(Hyperparameters(learningRateMultiplier: 2, learningRate: 1e-4))
        }
    }

    @Test func passThroughIsCopiedButMayNotShadowATranslatedParameter() throws {
        let kept = try TestHyperparameterTables.hosted(provider: "acme").translate(Hyperparameters(epochs: 2, providerSpecific: ["beta": 0.1]))
        #expect(kept.native == ["n_epochs": 2, "beta": 0.1])
        let error = try #require(throws: FineTuningError.self) {
            try TestHyperparameterTables.hosted(provider: "acme").translate(Hyperparameters(epochs: 2, providerSpecific: ["n_epochs": 5]))
        }
        #expect(error.parameter == "n_epochs")
    }

    @Test func anEnumeratedTableRoundTripsThroughJSON() throws {
        let data = try WireFormat.document("table", Self.enumerated)
        #expect(try WireFormat.value(HyperparameterTable.self, at: "table", in: data) == Self.enumerated)
    }
}
