import FineTuning
@testable import FineTuningPlugins
import FineTuningPluginABI
import Foundation
import Testing

/// The schemas checked by a real JSON Schema validator: python's `jsonschema` (pinned in
/// scripts/requirements-moto.txt, so the interpreter of .deps/moto has it; FINETUNE_SCHEMA_PYTHON
/// names another) through scripts/validate-plugin-documents.py. Every example is valid, and for
/// manifests with good and bad hyperparameter encodings the validator and the host's decoding
/// give the same verdict.
@Suite struct PluginSchemaValidationTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let python = ProcessInfo.processInfo.environment["FINETUNE_SCHEMA_PYTHON"] ?? packageRoot.appendingPathComponent(".deps/moto/bin/python3").path

    /// The validator's verdict on each document: nil when valid, else its first error.
    static func validatorVerdicts(_ document: PluginDocument, _ documents: [JSONValue]) async throws -> [String?] {
        let request: JSONValue = ["schema": .string(document.schemaFile), "documents": .array(documents)]
        let script = packageRoot.appendingPathComponent("scripts/validate-plugin-documents.py").path
        let run = await ChildProcess(executable: URL(fileURLWithPath: python), arguments: [script])
            .run(input: request.serialized(), timeout: .seconds(120))
        try #require(run.ending == .status(0), "\(python) \(script): \(String(decoding: run.errors, as: UTF8.self))")
        return try JSONDecoder().decode([String?].self, from: run.output)
    }

    @Test(arguments: PluginDocument.allCases)
    func everyExampleIsValidForTheValidator(_ document: PluginDocument) async throws {
        let examples = try PluginSchemaTests.examples(document).map { try JSONValue(parsing: $0) }
        try #require(!examples.isEmpty)
        let verdicts = try await Self.validatorVerdicts(document, examples)
        #expect(verdicts == Array(repeating: nil, count: examples.count))
    }

    /// The example manifest with its adapter_size rule's members replaced.
    static func manifest(adapterRule change: (inout [String: JSONValue]) -> Void) throws -> JSONValue {
        guard case .object(var document) = try JSONValue(parsing: try #require(PluginSchemaTests.examples(.manifest).first)),
            case .object(var manifest)? = document["manifest"], case .object(var provider)? = manifest["provider"],
            case .object(var table)? = provider["hyperparameters"], case .array(var rules)? = table["rules"],
            let index = rules.firstIndex(where: { $0["parameter"] == "adapter_size" }), case .object(var rule) = rules[index]
        else { throw FineTuningError(.invalidData, "the example manifest has no adapter_size rule") }
        change(&rule)
        rules[index] = .object(rule)
        table["rules"] = .array(rules)
        provider["hyperparameters"] = .object(table)
        manifest["provider"] = .object(provider)
        document["manifest"] = .object(manifest)
        return .object(document)
    }

    struct EncodingCase: Sendable, CustomTestStringConvertible {
        let name: String
        let isValid: Bool
        let change: @Sendable (inout [String: JSONValue]) -> Void
        var testDescription: String { name }
    }

    static let encodingCases: [EncodingCase] = [
        EncodingCase(name: "enumeration", isValid: true) { _ in },
        EncodingCase(name: "deprecated vertex_adapter_size", isValid: true) {
            $0["encoding"] = "vertex_adapter_size"
            $0["allowed_values"] = [4, 8]
        },
        EncodingCase(name: "empty enumeration", isValid: false) { $0["encoding"] = ["enumeration": []] },
        EncodingCase(name: "pair without native", isValid: false) { $0["encoding"] = ["enumeration": [["value": 4]]] },
        EncodingCase(name: "value as a string", isValid: false) { $0["encoding"] = ["enumeration": [["value": "4", "native": "A"]]] },
        EncodingCase(name: "empty native name", isValid: false) { $0["encoding"] = ["enumeration": [["value": 4, "native": ""]]] },
        EncodingCase(name: "enumeration not a list", isValid: false) { $0["encoding"] = ["enumeration": "A"] },
        EncodingCase(name: "allowed_values beside an enumeration", isValid: false) { $0["allowed_values"] = [4] },
        EncodingCase(name: "unknown encoding name", isValid: false) { $0["encoding"] = "rank_name" },
    ]

    @Test(arguments: encodingCases)
    func theValidatorAndTheHostAgreeOnAnEncoding(_ encodingCase: EncodingCase) async throws {
        let document = try Self.manifest(adapterRule: encodingCase.change)
        let verdict = try #require(try await Self.validatorVerdicts(.manifest, [document]).first)
        #expect((verdict == nil) == encodingCase.isValid, "validator: \(verdict ?? "valid")")
        let decoded = Result {
            try WireFormat.value(PluginManifest.self, at: PluginManifest.documentKey, in: DeprecatedManifestEncodings.upgrading(document.serialized()).document)
        }
        #expect(((try? decoded.get()) != nil) == encodingCase.isValid, "host: \(decoded)")
    }
}
