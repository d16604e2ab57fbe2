import FineTuning
import FineTuningPlugins
import Foundation
import Testing

/// A plugin that puts its key into an error message does not leak it: the host redacts plugin
/// error messages and details as it redacts their log lines.
@Suite struct PluginRedactionTests {
    @Test func aKeyInAPluginsErrorMessageIsRedacted() async throws {
        let source = TestPluginSource(
            getStatus: "FINETUNE_ERROR",
            getResponse: #"{"format_version":1,"error":{"code":"authentication","message":"acme rejected key sk-acme-0123456789abcdef (Authorization: Bearer sk-acme-0123456789abcdef)","details":["sent Bearer tok-XYZ123456"]}}"#)
        let path = try source.build(named: "leaky", in: try temporaryPluginFolder())
        let provider = try PluginLoader().load(path: path).makeProvider(transport: RefusingTransport(), environment: [:])
        let error = try await #require(throws: FineTuningError.self) { try await provider.getJob(id: "job-1") }
        #expect(!error.message.contains("0123456789abcdef"), "\(error.message)")
        #expect(!error.details.joined().contains("tok-XYZ123456"), "\(error.details)")
        #expect(error.message.hasPrefix("acme rejected key "), "\(error.message)")
    }
}
