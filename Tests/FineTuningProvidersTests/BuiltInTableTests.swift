import FineTuning
import FineTuningHTTP
import FineTuningProviders
import Testing

/// Every built-in provider's table (as its registration carries it) × every normalized parameter,
/// strict and lenient.
@Suite struct BuiltInTableTests {
    static let tables = BuiltInProviders.registrations(environment: [:], transport: CurlTransport()).map(\.descriptor.hyperparameters)

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

    @Test func tablesRoundTripThroughJSON() throws {
        for table in Self.tables {
            let data = try WireFormat.document("table", table)
            #expect(try WireFormat.value(HyperparameterTable.self, at: "table", in: data) == table)
        }
    }

    @Test func everyBuiltInProviderHasATable() {
        #expect(Set(Self.tables.map(\.provider)) == ["openai", "azure", "openai_compatible", "vertex_ai", "model_garden", "llamacpp", "bedrock"])
    }
}
