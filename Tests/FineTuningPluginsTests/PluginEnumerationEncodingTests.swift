import FineTuning
import FineTuningHTTP
import FineTuningPlugins
import FineTuningTestSupport
import Foundation
import Logging
import Testing

/// The `enumeration` hyperparameter encoding (plugin ABI 1.2) and ABI 1.0's deprecated
/// `vertex_adapter_size`, each in the manifest of a real shared library loaded with dlopen.
@Suite struct PluginEnumerationEncodingTests {
    static let enumerationRule = #"""
        [{"parameter":"adapter_size","native_name":"rank","encoding":{"enumeration":[{"value":4,"native":"LORA_RANK_FOUR"},{"value":16,"native":"LORA_RANK_SIXTEEN"}]}}]
        """#

    /// The request document the plugin's create_job received for `hyperparameters`.
    static func requestReceived(rules: String, _ hyperparameters: Hyperparameters) async throws -> JSONValue {
        let folder = try temporaryPluginFolder()
        let requestFile = folder.appendingPathComponent("request.json").path
        var source = TestPluginSource(hyperparameterRules: rules, createRequestFile: requestFile)
        source.providerID = "enumerated"
        let plugin = try PluginLoader().load(path: try source.build(named: "enumerated", in: folder))
        let provider = try plugin.makeProvider(transport: RefusingTransport(), environment: [:])
        let request = ProviderJobRequest(
            baseModel: "m", trainingData: .providerFile(id: "file-1"),
            hyperparameters: try provider.descriptor.hyperparameters.translate(hyperparameters), clientToken: "t")
        _ = try? await provider.createJob(request)
        return try JSONValue(parsing: Data(contentsOf: URL(fileURLWithPath: requestFile)))
    }

    @Test func aPluginsEnumerationSendsTheNativeNameAcrossTheABI() async throws {
        let request = try await Self.requestReceived(rules: Self.enumerationRule, Hyperparameters(adapterSize: .large))
        #expect(request["request"]?["native_hyperparameters"] == ["rank": "LORA_RANK_SIXTEEN"])
        #expect(request["request"]?["hyperparameters"]?["adapter_size"] == "large")
    }

    @Test func aValueOutsideAPluginsEnumerationIsRefusedBeforeTheCall() throws {
        let source = TestPluginSource(hyperparameterRules: Self.enumerationRule)
        let plugin = try PluginLoader().load(path: try source.build(named: "enumerated", in: try temporaryPluginFolder()))
        let error = try #require(throws: FineTuningError.self) {
            try plugin.manifest.provider.hyperparameters.translate(Hyperparameters(adapterSize: .medium))
        }
        #expect(error.parameter == "adapter_size")
        #expect(error.message.hasSuffix("allowed one of 4, 16"), "\(error.message)")
    }

    @Test func abi10sVertexAdapterSizeIsReadAsVertexsEnumeration() async throws {
        let rules = #"[{"parameter":"adapter_size","native_name":"adapterSize","encoding":"vertex_adapter_size","allowed_values":[1,4,8]}]"#
        let request = try await Self.requestReceived(rules: rules, Hyperparameters(adapterSize: .rank(4)))
        #expect(request["request"]?["native_hyperparameters"] == ["adapterSize": "ADAPTER_SIZE_FOUR"])
        let source = TestPluginSource(hyperparameterRules: rules)
        let path = try source.build(named: "old", in: try temporaryPluginFolder())
        let log = CapturedLog()
        let rule = try PluginLoader(logger: log.logger()).load(path: path).manifest.provider.hyperparameters.rule(for: .adapterSize)
        #expect(log.records == [CapturedLog.Record(level: .warning, message: """
            plugin \(path): the hyperparameter rule adapter_size uses the deprecated encoding "vertex_adapter_size" (plugin ABI 1.0); \
            it is read as the enumeration of Vertex's ADAPTER_SIZE_* names
            """)])
        // allowed_values narrow Vertex's names.
        #expect(rule.encoding == .enumeration([1: "ADAPTER_SIZE_ONE", 4: "ADAPTER_SIZE_FOUR", 8: "ADAPTER_SIZE_EIGHT"]))
        #expect(rule.allowedValues == nil)
        let unnarrowed = #"[{"parameter":"adapter_size","native_name":"adapterSize","encoding":"vertex_adapter_size"}]"#
        let all = try PluginLoader().load(path: try TestPluginSource(hyperparameterRules: unnarrowed).build(named: "all", in: try temporaryPluginFolder()))
        #expect(all.manifest.provider.hyperparameters.rule(for: .adapterSize).fixedValues == [1, 2, 4, 8, 16, 32])
    }

    @Test(arguments: [
        (#"{"enumeration":[]}"#, "an enumeration lists no values"),
        (#"{"enumeration":[{"value":4,"native":"A"},{"value":4,"native":"B"}]}"#, "lists the value 4 twice"),
        (#""rank_name""#, #"encoding "rank_name" is not one of"#),
    ])
    func aBadEncodingMakesTheManifestInvalidNamingTheRule(encoding: String, problem: String) throws {
        let source = TestPluginSource(hyperparameterRules: #"[{"parameter":"adapter_size","native_name":"r","encoding":\#(encoding)}]"#)
        let path = try source.build(named: "bad", in: try temporaryPluginFolder())
        let error = try #require(throws: FineTuningError.self) { try PluginLoader().load(path: path) }
        #expect(error.code == .pluginABI)
        #expect(error.message.hasPrefix("plugin \(path): invalid manifest: "), "\(error.message)")
        #expect(error.message.contains("hyperparameter rule 'adapter_size': "), "\(error.message)")
        #expect(error.message.contains(problem), "\(error.message)")
    }
}
