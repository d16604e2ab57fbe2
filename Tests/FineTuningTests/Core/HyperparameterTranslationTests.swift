import FineTuning
import Foundation
import Testing

/// Every table of the core × every normalized parameter, strict and lenient: the built-in ones
/// and a plugin-style table that sends a parameter by name (the `enumeration` encoding).
@Suite struct HyperparameterTranslationTests {
    /// A table whose adapter size is an enumeration, as a plugin's manifest or Vertex's table has.
    static let enumerated = HyperparameterTable(
        provider: "acme", api: "Acme tuning",
        rules: [
            .native(.epochs, "epochs", .integer, minimum: 1),
            .native(.adapterSize, "loraSize", .enumeration([4: "LORA_SMALL", 16: "LORA_LARGE", 64: "LORA_HUGE"])),
        ])

    static let tables = BuiltInHyperparameterTables.all + [enumerated]

    static let cases: [(HyperparameterTable, HyperparameterRule)] = tables.flatMap { table in
        table.rules.map { (table, $0) }
    }

    static func hyperparameters(_ name: HyperparameterName, _ value: Double) throws -> Hyperparameters {
        var hyperparameters = Hyperparameters()
        if name == .adapterSize {
            hyperparameters.adapterSize = .rank(Int(value))
        } else {
            try hyperparameters.set(name, from: .number(value))
        }
        return hyperparameters
    }

    static func validValue(_ rule: HyperparameterRule) -> Double {
        if let allowed = rule.fixedValues { return allowed[allowed.count / 2] }
        guard let minimum = rule.minimum else { return 1 }
        return rule.minimumExclusive ? minimum + 0.1 : minimum
    }

    static func invalidValue(_ rule: HyperparameterRule) -> Double? {
        if rule.fixedValues != nil { return 3 }
        if let maximum = rule.maximum { return maximum + 1 }
        if let minimum = rule.minimum { return rule.minimumExclusive ? minimum : minimum - 1 }
        return nil
    }

    @Test("a supported parameter translates to its native name", arguments: cases.filter { $0.1.isSupported })
    func supportedTranslates(table: HyperparameterTable, rule: HyperparameterRule) throws {
        let value = Self.validValue(rule)
        let translated = try table.translate(Self.hyperparameters(rule.parameter, value))
        let native = try #require(translated.native[rule.nativeName!], "\(table.provider).\(rule.parameter) missing")
        switch rule.encoding {
        case .integer: #expect(native.int64Value == Int64((value * (rule.scale ?? 1)).rounded()))
        case .number: #expect(native.doubleValue == value * (rule.scale ?? 1))
        case .numberString: #expect(native.stringValue != nil)
        case .enumeration(let names): #expect(native.stringValue == names[value])
        }
        #expect(translated.warnings.isEmpty)
        #expect(translated.applied.value(of: rule.parameter) != nil)
    }

    @Test("an out-of-range value fails strict, naming parameter, provider, value and allowed values", arguments: cases.filter { $0.1.isSupported && invalidValue($0.1) != nil })
    func outOfRangeStrict(table: HyperparameterTable, rule: HyperparameterRule) throws {
        let value = try #require(Self.invalidValue(rule))
        let error = try #require(throws: FineTuningError.self) {
            try table.translate(Self.hyperparameters(rule.parameter, value))
        }
        #expect(error.code == .invalidRequest)
        #expect(error.parameter == rule.parameter.rawValue)
        #expect(error.provider == table.provider)
        #expect(error.message.contains(HyperparameterRule.format(value)))
        #expect(error.message.contains(rule.allowedDescription))
    }

    @Test("an out-of-range value is dropped with a warning when lenient", arguments: cases.filter { $0.1.isSupported && invalidValue($0.1) != nil })
    func outOfRangeLenient(table: HyperparameterTable, rule: HyperparameterRule) throws {
        let value = try #require(Self.invalidValue(rule))
        let translated = try table.translate(Self.hyperparameters(rule.parameter, value), mode: .lenient)
        #expect(translated.native[rule.nativeName!] == nil)
        #expect(translated.applied.value(of: rule.parameter) == nil)
        #expect(translated.warnings.count == 1)
        #expect(translated.warnings.first?.contains(rule.parameter.rawValue) == true)
    }

    @Test("an unsupported parameter fails strict with the provider's reason", arguments: cases.filter { !$0.1.isSupported })
    func unsupportedStrict(table: HyperparameterTable, rule: HyperparameterRule) throws {
        let error = try #require(throws: FineTuningError.self) {
            try table.translate(Self.hyperparameters(rule.parameter, Self.validValue(rule)))
        }
        #expect(error.code == .unsupported)
        #expect(error.parameter == rule.parameter.rawValue)
        #expect(error.provider == table.provider)
        #expect(error.message.contains(rule.note!))
    }

    @Test("an unsupported parameter is dropped with a warning when lenient", arguments: cases.filter { !$0.1.isSupported })
    func unsupportedLenient(table: HyperparameterTable, rule: HyperparameterRule) throws {
        let translated = try table.translate(Self.hyperparameters(rule.parameter, Self.validValue(rule)), mode: .lenient)
        #expect(translated.native.isEmpty)
        #expect(translated.warnings.count == 1)
        #expect(translated.applied.value(of: rule.parameter) == nil)
    }

    @Test func everyTableHasEveryParameterOnce() {
        for table in Self.tables {
            #expect(table.rules.map(\.parameter) == HyperparameterName.allCases, "\(table.provider)")
        }
    }

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

    @Test func llamaCppConvertsMultiplierToAbsoluteRate() throws {
        let translated = try BuiltInHyperparameterTables.llamaCpp.translate(Hyperparameters(learningRateMultiplier: 2))
        #expect(translated.native["learning_rate"]?.doubleValue == 2e-5)
    }

    @Test func twoParametersForOneNativeNameAreRefused() {
        #expect(throws: FineTuningError.self) {
            try BuiltInHyperparameterTables.llamaCpp.translate(Hyperparameters(learningRateMultiplier: 2, learningRate: 1e-4))
        }
    }

    @Test func passThroughIsCopiedButMayNotShadowATranslatedParameter() throws {
        let kept = try BuiltInHyperparameterTables.openAI.translate(Hyperparameters(epochs: 2, providerSpecific: ["beta": 0.1]))
        #expect(kept.native == ["n_epochs": 2, "beta": 0.1])
        let error = try #require(throws: FineTuningError.self) {
            try BuiltInHyperparameterTables.openAI.translate(Hyperparameters(epochs: 2, providerSpecific: ["n_epochs": 5]))
        }
        #expect(error.parameter == "n_epochs")
    }

    @Test func tablesRoundTripThroughJSON() throws {
        for table in Self.tables {
            let data = try WireFormat.document("table", table)
            #expect(try WireFormat.value(HyperparameterTable.self, at: "table", in: data) == table)
        }
    }
}
